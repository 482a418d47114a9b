import { describe, expect, it } from 'vitest';
import {
  credentialFromTokenResponse,
  jwtExpiry,
  needsRefresh,
  organizationCredential,
  parseCredential,
  serializeCredential,
} from '../../../../src/main/core/auth/credential';

const jwt = (payload: object): string =>
  [Buffer.from('{"alg":"RS256"}').toString('base64url'), Buffer.from(JSON.stringify(payload)).toString('base64url'), 'sig'].join('.');

describe('credential', () => {
  const now = 1_800_000_000_000;

  it('takes the expiry from expires_in first', () => {
    const c = credentialFromTokenResponse('oauth', { access_token: jwt({ exp: 1 }), refresh_token: 'r2', token_type: 'bearer', expires_in: 600 }, now);
    expect(c).toEqual({ v: 1, kind: 'oauth', accessToken: c.accessToken, refreshToken: 'r2', expiresAt: now + 600_000, obtainedAt: now });
  });

  it('falls back to the JWT exp claim, else leaves the expiry unknown', () => {
    const exp = now / 1000 + 3600;
    expect(credentialFromTokenResponse('personal', { access_token: jwt({ exp }), refresh_token: 'r', token_type: 'bearer' }, now).expiresAt).toBe(exp * 1000);
    expect(credentialFromTokenResponse('personal', { access_token: 'opaque', refresh_token: 'r', token_type: 'bearer' }, now).expiresAt).toBeUndefined();
  });

  it('keeps the previous refresh token only when the answer lacks one', () => {
    expect(credentialFromTokenResponse('personal', { access_token: 'a', token_type: 'bearer' }, now, 'old').refreshToken).toBe('old');
    expect(credentialFromTokenResponse('personal', { access_token: 'a', refresh_token: 'new', token_type: 'bearer' }, now, 'old').refreshToken).toBe('new');
  });

  it('reads JWT exp in ms and ignores non-JWTs', () => {
    expect(jwtExpiry(jwt({ exp: 100 }))).toBe(100_000);
    expect(jwtExpiry('hsoat_abc')).toBeUndefined();
    expect(jwtExpiry('a.!!!.c')).toBeUndefined();
    expect(jwtExpiry(jwt({ exp: 'soon' }))).toBeUndefined();
  });

  it('refreshes within the skew of expiry, capped at half the lifetime', () => {
    const c = credentialFromTokenResponse('oauth', { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 3600 }, now);
    expect(needsRefresh(c, now + 3600_000 - 121_000)).toBe(false);
    expect(needsRefresh(c, now + 3600_000 - 119_000)).toBe(true);
    const short = credentialFromTokenResponse('oauth', { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 10 }, now);
    expect(needsRefresh(short, now + 4_000)).toBe(false);
    expect(needsRefresh(short, now + 5_000)).toBe(true);
  });

  it('never refreshes organization tokens or tokens of unknown expiry', () => {
    expect(needsRefresh(organizationCredential('hsoat_x', now), now + 1e12)).toBe(false);
    const unknown = credentialFromTokenResponse('personal', { access_token: 'opaque', refresh_token: 'r', token_type: 'bearer' }, now);
    expect(needsRefresh(unknown, now + 1e12)).toBe(false);
  });

  it('round-trips through JSON and rejects malformed entries', () => {
    const c = credentialFromTokenResponse('oauth', { access_token: 'a', refresh_token: 'r', token_type: 'bearer', expires_in: 60 }, now);
    expect(parseCredential(serializeCredential(c))).toEqual(c);
    expect(parseCredential(null)).toBeNull();
    expect(parseCredential('not json')).toBeNull();
    expect(parseCredential(JSON.stringify({ ...c, v: 2 }))).toBeNull();
    expect(parseCredential(JSON.stringify({ ...c, accessToken: '' }))).toBeNull();
  });
});
