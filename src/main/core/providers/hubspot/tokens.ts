// How the HubSpot client authenticates (reference §4.1). Two kinds, handled differently on 401:
// - a private app token is static and cannot be refreshed: a 401 is a configuration error
//   ("update your HubSpot token"), never retried;
// - OAuth access tokens live 30 minutes: the provider refreshes them, and on a 401 the client
//   asks it once for a fresh token and retries the request once.

/**
 * Where the client gets an OAuth bearer token. The same shape as the Hubstaff client's
 * `AccessTokenProvider`, so the accounts work (keychain, single-flight refresh under a
 * cross-process lock) can serve both; `HubspotOAuthTokens` (oauth.ts) is a plain in-memory one.
 */
export interface HubspotAccessTokenProvider {
  /** A valid token (the provider refreshes ahead of expiry). */
  getAccessToken(): Promise<string>;
  /** Called once on a 401 with the token that was refused: a fresh token, or null → `auth_revoked`. */
  onUnauthorized(rejected: string): Promise<string | null>;
}

export type HubspotAuth =
  | { kind: 'private_app'; token: string }
  | { kind: 'oauth'; tokens: HubspotAccessTokenProvider };

export type HubspotAuthKind = HubspotAuth['kind'];
