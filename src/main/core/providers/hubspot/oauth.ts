import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { StintError, isStintError } from '../../../../common/errors';
import { HubspotApiError, parseErrorEnvelope } from './errors';
import type { HubspotAccessTokenProvider } from './tokens';
import { systemClock } from '../../../../common/clock';

// HubSpot OAuth (reference §4.1): `POST /oauth/v1/token` with a form body, for the
// authorization-code exchange and for refreshes. Access tokens live 30 minutes. Whether a
// refresh rotates the refresh token is unknown [?], so a new one is taken when sent and the old
// one kept otherwise; either way the caller's `onRotate` sees every new credential before any
// request uses it, so a keychain never holds a dead refresh token.
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

export interface HubspotOAuthTokensOptions extends TokenEndpointDeps {
  config: HubspotOAuthConfig;
  /** The stored credential; only the refresh token is required (then the first call refreshes). */
  credential: { refreshToken: string; accessToken?: string; expiresAt?: number; obtainedAt?: number };
  /** Persists a new credential (keychain); awaited before the new access token is used. */
  onRotate?: (credential: HubspotOAuthCredential) => void | Promise<void>;
  /** Called once when HubSpot refuses the refresh token (mark the account `needs_reconnect`). */
  onRevoked?: (error: StintError) => void;
  refreshSkewMs?: number;
}

/**
 * OAuth access tokens for one HubSpot connection, in memory: refreshed ahead of expiry and on
 * a 401, once however many callers ask at the same time. After a refused refresh every call
 * fails with `auth_revoked` without touching the network.
 */
export class HubspotOAuthTokens implements HubspotAccessTokenProvider {
  private access: string | null;
  private refreshToken: string;
  private expiresAt: number;
  private obtainedAt: number;
  private inflight: Promise<string> | null = null;
  private revokedError: StintError | null = null;
  private readonly now: () => number;
  private readonly skewMs: number;
  /** Refreshes sent to HubSpot (for tests and metrics). */
  refreshCount = 0;

  constructor(private readonly opts: HubspotOAuthTokensOptions) {
    if (!opts.credential.refreshToken) throw new StintError('invalid_argument', 'A HubSpot OAuth connection needs a refresh token', { details: ['refreshToken'] });
    if (!opts.config.clientId || !opts.config.clientSecret) throw new StintError('invalid_argument', 'A HubSpot OAuth connection needs the app’s client id and secret', { details: ['clientId', 'clientSecret'] });
    this.now = opts.now ?? systemClock.nowMs;
    this.skewMs = opts.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
    this.access = opts.credential.accessToken ?? null;
    this.refreshToken = opts.credential.refreshToken;
    this.expiresAt = opts.credential.expiresAt ?? 0;
    this.obtainedAt = opts.credential.obtainedAt ?? 0;
  }

  get revoked(): boolean {
    return this.revokedError !== null;
  }

  /** The credential as it stands (to persist); null before the first access token. */
  credential(): HubspotOAuthCredential | null {
    return this.access === null ? null : { accessToken: this.access, refreshToken: this.refreshToken, expiresAt: this.expiresAt, obtainedAt: this.obtainedAt };
  }

  async getAccessToken(): Promise<string> {
    if (this.revokedError) throw this.revokedError;
    if (this.access !== null && this.now() < this.expiresAt - this.skewMs) return this.access;
    return this.refreshOnce();
  }

  async onUnauthorized(rejected: string): Promise<string | null> {
    if (this.revokedError) return null;
    // Another caller may already have replaced the refused token.
    if (this.inflight) {
      const joined = await this.inflight.catch(() => null);
      if (this.revokedError) return null;
      if (joined !== null && joined !== rejected) return joined;
    } else if (this.access !== null && this.access !== rejected) {
      return this.access;
    }
    try {
      const next = await this.refreshOnce();
      return next === rejected ? null : next;
    } catch (e) {
      if (isStintError(e) && e.code === 'auth_revoked') return null;
      throw e;
    }
  }

  private refreshOnce(): Promise<string> {
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async refresh(): Promise<string> {
    this.refreshCount++;
    let next: HubspotOAuthCredential;
    try {
      next = await refreshAccessToken(this.opts.config, this.refreshToken, this.opts);
    } catch (e) {
      if (isStintError(e) && e.code === 'auth_revoked') {
        this.revokedError = e;
        this.opts.onRevoked?.(e);
      }
      throw e;
    }
    await this.opts.onRotate?.(next);
    this.access = next.accessToken;
    this.refreshToken = next.refreshToken;
    this.expiresAt = next.expiresAt;
    this.obtainedAt = next.obtainedAt;
    return next.accessToken;
  }
}
