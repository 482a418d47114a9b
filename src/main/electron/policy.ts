// The window's security policy as plain data, so tests can check it without Electron
// (DESIGN §3): isolation, sandbox, no Node in the page, a strict CSP, no navigation, no
// popups, no permissions, and openExternal only for an allow-list of https hosts.

/** webPreferences for every BrowserWindow. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** Only the app's own files; no inline script, no eval, no remote anything. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:", // FullCalendar injects its (unused) icon font as a data: URL
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

// The allow-list for the system browser lives in core, shared with the `app.openExternal` command.
export { EXTERNAL_HOSTS, isAllowedExternalUrl } from '../core/shell/externalUrls';

/** The renderer may only ever show the app's own page. */
export function isAppUrl(raw: string, appUrl: string): boolean {
  try {
    const a = new URL(raw);
    const b = new URL(appUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/**
 * Requests the page may make at all (checked on every request of the session): the app's own
 * files (the renderer folder on file://, or the dev server's origin and its websocket), inline
 * data and blobs. Anything else — remote scripts, images, fonts, trackers — is cancelled.
 */
export function isAllowedRequestUrl(raw: string, appUrl: string): boolean {
  let url: URL;
  let app: URL;
  try {
    url = new URL(raw);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'devtools:') return true;
  if (app.protocol === 'file:') {
    const folder = app.pathname.slice(0, app.pathname.lastIndexOf('/') + 1);
    return url.protocol === 'file:' && url.host === app.host && url.pathname.startsWith(folder) && !decodeURIComponent(url.pathname).includes('/../');
  }
  // The dev server (electron-vite dev): its origin, and its websocket for hot reload.
  const sameHost = url.host === app.host;
  return sameHost && (url.protocol === app.protocol || (app.protocol === 'http:' && url.protocol === 'ws:') || (app.protocol === 'https:' && url.protocol === 'wss:'));
}

/** Permissions the page is granted: none (camera, notifications, clipboard, geolocation…). */
export const GRANTED_PERMISSIONS: readonly string[] = [];
