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
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const EXTERNAL_HOSTS = ['hubstaff.com', 'app.hubstaff.com', 'account.hubstaff.com', 'developer.hubstaff.com', 'app.hubspot.com', 'www.hubspot.com'];

/** https URLs on Hubstaff or HubSpot hosts only (plus an exact OAuth authorize URL prefix when given). */
export function isAllowedExternalUrl(raw: string, authorizeUrlPrefix?: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (authorizeUrlPrefix && raw.startsWith(authorizeUrlPrefix)) return true;
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return EXTERNAL_HOSTS.includes(url.hostname);
}

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
