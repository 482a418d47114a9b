// DESIGN §3's window security, applied: the CSP header on every response, no request leaving
// the app's own files, every permission denied, no navigation, no new windows, no webviews.
// The rules are the plain data of policy.ts; this module only installs them.
import type { App, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, GRANTED_PERMISSIONS, isAllowedRequestUrl } from './policy';

export function secureSession(session: Session, appUrl: () => string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    // Drop any policy the response brought (a dev server's, say) and set ours.
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([k]) => k.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, appUrl()) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(GRANTED_PERMISSIONS.includes(permission)));
  session.setPermissionCheckHandler((_contents, permission) => GRANTED_PERMISSIONS.includes(permission));
  session.setDevicePermissionHandler(() => false);
}

/**
 * Every web contents, present and future: no navigation away from the page, no pop-ups (a link
 * to an allowed https page opens in the system browser through `openExternal`), no webviews.
 */
export function secureWebContents(contents: WebContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-frame-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

export function secureAllWebContents(app: App, openExternal: (url: string) => void): void {
  app.on('web-contents-created', (_e, contents) => secureWebContents(contents, openExternal));
}
