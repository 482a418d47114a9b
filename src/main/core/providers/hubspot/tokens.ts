import { StintError } from '../../../../common/errors';
import { staticTokenProvider, type AccessTokenProvider } from '../shared/accessTokens';

// How the HubSpot client authenticates (reference §4.1). Both kinds get their bearer from an
// AccessTokenProvider (for accounts: the shared lifecycle's, keychain-backed), and differ on 401:
// - a private app token is static and cannot be refreshed: a 401 is a configuration error
//   ("update your HubSpot token"), never retried;
// - OAuth access tokens live 30 minutes: the provider refreshes them, and on a 401 the client
//   asks it once for a fresh token and retries the request once.

export type HubspotAccessTokenProvider = AccessTokenProvider;

export interface HubspotAuth {
  kind: 'private_app' | 'oauth';
  tokens: AccessTokenProvider;
}

export type HubspotAuthKind = HubspotAuth['kind'];

/** A private app token used as is (verifying one at sign-in, tests). */
export function privateAppAuth(token: string): HubspotAuth {
  if (typeof token !== 'string' || !token.trim()) throw new StintError('invalid_argument', 'Enter the HubSpot private app access token', { details: ['token'] });
  return { kind: 'private_app', tokens: staticTokenProvider(token) };
}
