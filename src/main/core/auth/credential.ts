import type { TokenEndpointResponse } from 'oauth4webapi';
import { z } from 'zod';
import type { CredentialAdapter } from './tokenProvider';

/** How an account signed in; decides how (and whether) its token is refreshed. */
export type AuthKind = 'oauth' | 'personal' | 'organization';
export const AUTH_KINDS: readonly AuthKind[] = ['oauth', 'personal', 'organization'];

/** The token set kept in the keychain as JSON: the only place a token is ever written. */
export interface StoredCredential {
  v: 1;
  kind: AuthKind;
  accessToken: string;
  /** Absent for organization tokens, which are never refreshed. */
  refreshToken?: string;
  /** Epoch ms when the access token expires; absent when unknown. */
  expiresAt?: number;
  /** Epoch ms when this access token was issued to us (a 401 soon after means the grant is gone). */
  obtainedAt: number;
}

const credentialSchema = z.object({
  v: z.literal(1),
  kind: z.enum(['oauth', 'personal', 'organization']),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.number().optional(),
  obtainedAt: z.number(),
});

export function serializeCredential(c: StoredCredential): string {
  return JSON.stringify(c);
}

/** The stored credential, or null when the entry is missing or unreadable (then: reconnect). */
export function parseCredential(raw: string | null): StoredCredential | null {
  if (raw === null) return null;
  try {
    const parsed = credentialSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const c: StoredCredential = { v: 1, kind: parsed.data.kind, accessToken: parsed.data.accessToken, obtainedAt: parsed.data.obtainedAt };
    if (parsed.data.refreshToken !== undefined) c.refreshToken = parsed.data.refreshToken;
    if (parsed.data.expiresAt !== undefined) c.expiresAt = parsed.data.expiresAt;
    return c;
  } catch {
    return null;
  }
}

/**
 * A credential from a token-endpoint answer. The expiry comes from `expires_in`, else from
 * the access token's JWT `exp`. Hubstaff rotates the refresh token on every refresh; if an
 * answer ever lacks one, the previous one is kept (RFC 6749 §6).
 */
export function credentialFromTokenResponse(
  kind: Exclude<AuthKind, 'organization'>,
  res: TokenEndpointResponse,
  now: number,
  previousRefreshToken?: string,
): StoredCredential {
  const c: StoredCredential = { v: 1, kind, accessToken: res.access_token, obtainedAt: now };
  const refresh = res.refresh_token ?? previousRefreshToken;
  if (refresh) c.refreshToken = refresh;
  const expiresAt =
    typeof res.expires_in === 'number' && Number.isFinite(res.expires_in) && res.expires_in > 0 ? now + res.expires_in * 1000 : jwtExpiry(res.access_token);
  if (expiresAt !== undefined) c.expiresAt = expiresAt;
  return c;
}

/** An organization token: used as the bearer as is; its expiry is known only if it is a JWT. */
export function organizationCredential(token: string, now: number): StoredCredential {
  const c: StoredCredential = { v: 1, kind: 'organization', accessToken: token, obtainedAt: now };
  const exp = jwtExpiry(token);
  if (exp !== undefined) c.expiresAt = exp;
  return c;
}

/** The `exp` claim of a JWT in epoch ms, or undefined when the token is not a readable JWT. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' && Number.isFinite(payload.exp) ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export const DEFAULT_REFRESH_SKEW_MS = 120_000;

/**
 * Whether to refresh before using the access token: within `skewMs` of its expiry (Hubstaff's
 * own CLI uses 120 s), the margin capped at half the token's lifetime so short-lived tokens are
 * still used. Organization tokens and tokens of unknown expiry are never refreshed ahead.
 */
export function needsRefresh(c: StoredCredential, now: number, skewMs = DEFAULT_REFRESH_SKEW_MS): boolean {
  if (c.kind === 'organization' || !c.refreshToken || c.expiresAt === undefined) return false;
  const lifetime = Math.max(0, c.expiresAt - c.obtainedAt);
  return now >= c.expiresAt - Math.min(skewMs, lifetime / 2);
}

/** Hubstaff's credential for the shared account lifecycle; `refresh` calls the token endpoint. */
export function hubstaffCredentials(refresh: (c: StoredCredential) => Promise<StoredCredential>, skewMs = DEFAULT_REFRESH_SKEW_MS): CredentialAdapter<StoredCredential> {
  return {
    service: 'Hubstaff',
    parse: parseCredential,
    serialize: serializeCredential,
    accessToken: (c) => c.accessToken,
    needsRefresh: (c, now) => needsRefresh(c, now, skewMs),
    canRefresh: (c) => c.kind !== 'organization' && c.refreshToken !== undefined,
    refresh,
    staticTokenRejected: 'Hubstaff rejected the organization token (expired or revoked). Sign in with a new token.',
  };
}
