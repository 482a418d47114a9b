import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HubspotApiError, parseErrorEnvelope } from './errors';
import { systemClock } from '../../../../common/clock';

// HubSpot OAuth (reference §4.1): `POST /oauth/v1/token` with a form body, for the
// authorization-code exchange and for refreshes. Access tokens live 30 minutes. Whether a
// refresh rotates the refresh token is unknown [?], so a new one is taken when sent and the old
// one kept otherwise; either way the account lifecycle (auth/tokenProvider.ts) saves every new
// credential to the keychain before any request uses it, so it never holds a dead refresh token.
//
// A refresh HubSpot refuses (400 `BAD_REFRESH_TOKEN`, `BAD_CLIENT_ID`, …) means the grant is gone:
// `auth_revoked`, the account needs reconnecting. A refresh that fails on the way (offline,
// 5xx, 429, timeout) is not a verdict on the grant and keeps the account as it is.

export const HUBSPOT_API_URL = 'https://api.hubapi.com';
export const TOKEN_PATH = '/oauth/v1/token';
/** Refresh this long before the access token expires. */
export const DEFAULT_REFRESH_SKEW_MS = 60_000;

export interface HubspotOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** API root (default https://api.hubapi.com). */
  baseUrl?: string;
}

/** What the keychain keeps for an OAuth connection. */
export interface HubspotOAuthCredential {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  /** Epoch ms when it was issued to us. */
  obtainedAt: number;
}

export interface TokenEndpointDeps {
  fetch?: typeof fetch;
  now?: () => number;
  /** Per-call timeout (default 30 s). */
  timeoutMs?: number;
}

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive(),
  token_type: z.string().optional(),
});

type Grant = 'refresh_token' | 'authorization_code';

async function callTokenEndpoint(config: HubspotOAuthConfig, form: Record<string, string>, deps: TokenEndpointDeps, previousRefreshToken?: string): Promise<HubspotOAuthCredential> {
  const grant = form.grant_type as Grant;
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now ?? systemClock.nowMs;
  const requestId = randomUUID();
  const url = `${(config.baseUrl ?? HUBSPOT_API_URL).replace(/\/+$/, '')}${TOKEN_PATH}`;
  let res: Response;
  let text: string;
  try {
    res = await doFetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ ...form, client_id: config.clientId, client_secret: config.clientSecret }).toString(),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000),
    });
    text = await res.text();
  } catch (e) {
    throw new HubspotApiError('unavailable', 'HubSpot’s sign-in service could not be reached; will try again', {
      reason: 'network',
      correlationId: requestId,
      status: null,
      attempts: 1,
      details: [`POST ${TOKEN_PATH}`],
      cause: e,
    });
  }
  const correlationId = res.headers.get('x-hubspot-correlation-id') ?? requestId;
  if (res.ok) {
    let parsed: z.ZodSafeParseResult<z.output<typeof TokenResponseSchema>>;
    try {
      parsed = TokenResponseSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = TokenResponseSchema.safeParse(null);
    }
    if (!parsed.success) {
      throw new HubspotApiError('unavailable', 'HubSpot’s sign-in service sent an unreadable answer', { reason: 'malformed', correlationId, status: res.status, attempts: 1, details: [`POST ${TOKEN_PATH}`] });
    }
    const refreshToken = parsed.data.refresh_token ?? previousRefreshToken;
    if (!refreshToken) {
      throw new HubspotApiError('unavailable', 'HubSpot’s sign-in service sent no refresh token', { reason: 'malformed', correlationId, status: res.status, attempts: 1, details: [`POST ${TOKEN_PATH}`] });
    }
    const obtainedAt = now();
    return { accessToken: parsed.data.access_token, refreshToken, expiresAt: obtainedAt + parsed.data.expires_in * 1000, obtainedAt };
  }
  const env = parseErrorEnvelope(text);
  const why = env?.status && env.status !== 'error' ? env.status : (env?.category ?? `HTTP ${res.status}`);
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    // A verdict: the grant (or the code) is not accepted.
    const refresh = grant === 'refresh_token';
    throw new HubspotApiError(
      refresh ? 'auth_revoked' : 'auth_failed',
      refresh ? `HubSpot refused to renew the sign-in (${why}); reconnect HubSpot` : `HubSpot refused the sign-in (${why}); try connecting again`,
      { reason: 'reconnect_needed', correlationId, status: res.status, attempts: 1, category: env?.status ?? env?.category ?? null, details: [`POST ${TOKEN_PATH}`] },
    );
  }
  throw new HubspotApiError(res.status === 429 ? 'rate_limited' : 'unavailable', `HubSpot’s sign-in service is unavailable (HTTP ${res.status}); will try again`, {
    reason: res.status === 429 ? 'rate_limit' : 'server',
    correlationId,
    status: res.status,
    attempts: 1,
    details: [`POST ${TOKEN_PATH}`],
  });
}

/** One refresh: a new access token (and the refresh token to keep). */
export function refreshAccessToken(config: HubspotOAuthConfig, refreshToken: string, deps: TokenEndpointDeps = {}): Promise<HubspotOAuthCredential> {
  return callTokenEndpoint(config, { grant_type: 'refresh_token', refresh_token: refreshToken }, deps, refreshToken);
}

/** The code exchange at the end of the browser sign-in. */
export function exchangeAuthorizationCode(
  config: HubspotOAuthConfig,
  input: { code: string; redirectUri: string; codeVerifier?: string },
  deps: TokenEndpointDeps = {},
): Promise<HubspotOAuthCredential> {
  const form: Record<string, string> = { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri };
  if (input.codeVerifier) form.code_verifier = input.codeVerifier;
  return callTokenEndpoint(config, form, deps);
}
