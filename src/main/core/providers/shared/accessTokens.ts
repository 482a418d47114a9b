/**
 * Where a provider's API client gets its bearer token. The accounts lifecycle implements it
 * (keychain, single-flight refresh under a cross-process lock; auth/tokenProvider.ts) for every
 * provider; the clients only ask.
 */
export interface AccessTokenProvider {
  /** A valid token (the provider refreshes ahead of expiry). */
  getAccessToken(): Promise<string>;
  /** Called once on a 401 with the token that was rejected: a fresh token, or null → give up with auth_revoked. */
  onUnauthorized(rejected: string): Promise<string | null>;
}

/** A provider for a token that never changes (a credential being verified at sign-in, tests). */
export function staticTokenProvider(token: string): AccessTokenProvider {
  return {
    getAccessToken: async () => token,
    onUnauthorized: async () => null,
  };
}
