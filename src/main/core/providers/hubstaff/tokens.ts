/**
 * Where the Hubstaff client gets its bearer token. The accounts work implements it (keychain,
 * single-flight refresh under a cross-process lock); the client only asks.
 */
export interface AccessTokenProvider {
  /** A valid token (the provider refreshes ahead of expiry). */
  getAccessToken(): Promise<string>;
  /** Called once on a 401 with the token that was rejected: a fresh token, or null → give up with auth_revoked. */
  onUnauthorized(rejected: string): Promise<string | null>;
}

/** A provider for a token that never changes (organization tokens `hsoat_…`, tests). */
export function staticTokenProvider(token: string): AccessTokenProvider {
  return {
    getAccessToken: async () => token,
    onUnauthorized: async () => null,
  };
}
