// Which addresses Stint hands to the system browser (DESIGN §3): https pages on Hubstaff's and
// HubSpot's own hosts, plus the OAuth authorize URL of the configured account server. Pure, so
// the shell, the IPC handler and the tests share one rule.

/** Exact hosts; a look-alike such as app.hubstaff.com.evil.com never matches. */
export const EXTERNAL_HOSTS: readonly string[] = [
  'hubstaff.com',
  'app.hubstaff.com',
  'account.hubstaff.com',
  'developer.hubstaff.com',
  'support.hubstaff.com',
  'app.hubspot.com',
  'app-eu1.hubspot.com',
  'www.hubspot.com',
];

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/**
 * https URLs on an allowed host, without credentials. `authorizeUrlPrefix` (e.g.
 * `https://account.hubstaff.com/authorizations/new?`) also admits that exact authorize
 * endpoint, which is plain http only for the local simulator.
 */
export function isAllowedExternalUrl(raw: string, authorizeUrlPrefix?: string): boolean {
  const url = parse(raw);
  if (!url || url.username || url.password) return false;
  if (authorizeUrlPrefix && raw.startsWith(authorizeUrlPrefix) && isAuthorizePrefix(authorizeUrlPrefix)) return true;
  return url.protocol === 'https:' && EXTERNAL_HOSTS.includes(url.hostname);
}

/** An authorize prefix must itself be https, or http on this computer, and end in `?`. */
function isAuthorizePrefix(prefix: string): boolean {
  const url = parse(prefix);
  if (!url || !prefix.endsWith('?')) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
