// The simulated account server: discovery, the authorization-code flow with PKCE/state/nonce,
// the token endpoint (rotation, single use, client auth), PATs, expiry and revocation.

import { createPublicKey, verify } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import * as oauth from 'oauth4webapi';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { decodeJwtPayload, s256, startSimulator } from './index';
import type { Simulator, TokenResponse } from './index';
import { call, form } from './test-helpers';

const CLIENT = { clientId: 'stint-test', clientSecret: 's3cret', redirectUris: ['http://localhost:53682/callback'] };
const REDIRECT = CLIENT.redirectUris[0] as string;
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-long-enough-verifier';

let sim: Simulator;
let clock: number;

beforeEach(async () => {
  clock = Date.parse('2024-06-20T12:00:00Z');
  sim = await startSimulator({ seed: 5, clock: () => clock, accessTokenLifetimeSec: 3600, clients: [CLIENT] });
});

afterEach(async () => {
  await sim.close();
});

function authorizeUrl(over: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid hubstaff:read',
    state: 'st-123',
    nonce: 'n-456',
    code_challenge: s256(VERIFIER),
    code_challenge_method: 'S256',
    ...over,
  };
  const url = new URL(`${sim.baseUrl}/authorizations/new`);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

async function authorize(over: Record<string, string | null> = {}): Promise<URL> {
  const r = await call(authorizeUrl(over));
  expect(r.status).toBe(302);
  return new URL(r.headers.get('location') as string);
}

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function exchange(code: string, over: Record<string, string> = {}, auth = basic(CLIENT.clientId, CLIENT.clientSecret)) {
  const init = form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER, ...over });
  return call(`${sim.baseUrl}/access_tokens`, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: auth } });
}

async function refresh(token: string, headers: Record<string, string> = {}, extra: Record<string, string> = {}) {
  const init = form({ grant_type: 'refresh_token', refresh_token: token, ...extra });
  return call(`${sim.baseUrl}/access_tokens`, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
}

describe('discovery', () => {
  it('points every endpoint at the simulator and advertises S256', async () => {
    const r = await call(`${sim.baseUrl}/.well-known/openid-configuration`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      issuer: sim.baseUrl,
      authorization_endpoint: `${sim.baseUrl}/authorizations/new`,
      token_endpoint: `${sim.baseUrl}/access_tokens`,
      userinfo_endpoint: `${sim.baseUrl}/user_info`,
      jwks_uri: `${sim.baseUrl}/jwks.json`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(r.json.scopes_supported).toEqual(expect.arrayContaining(['openid', 'hubstaff:read', 'hubstaff:write']));
  });
});

describe('authorization code flow', () => {
  it('redirects with code and state, then exchanges the code for signed JWTs and an id_token with the nonce', async () => {
    const back = await authorize();
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st-123');
    const code = back.searchParams.get('code') as string;
    const r = await exchange(code);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const t = r.json as TokenResponse;
    expect(t).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const [head] = t.access_token.split('.');
    expect(JSON.parse(Buffer.from(head as string, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'RS256', kid: 'default' });
    const payload = decodeJwtPayload(t.access_token);
    expect(payload).toMatchObject({ iss: sim.baseUrl, iat: clock / 1000, exp: clock / 1000 + 3600, scope: 'openid hubstaff:read', sub: String((sim.control.me() as { id: number }).id) });
    expect(payload.jti).toEqual(expect.any(String));
    expect(decodeJwtPayload(t.id_token as string)).toMatchObject({ nonce: 'n-456', aud: CLIENT.clientId, iss: sim.baseUrl });

    // The signature verifies against /jwks.json.
    const jwks = (await call(`${sim.baseUrl}/jwks.json`)).json as { keys: JsonWebKey[] };
    const key = createPublicKey({ key: jwks.keys[0] as JsonWebKey, format: 'jwk' });
    const [h, p, sig] = t.access_token.split('.') as [string, string, string];
    expect(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'))).toBe(true);

    const info = await call(`${sim.baseUrl}/user_info`, { token: t.access_token });
    expect(info.json).toEqual({ sub: payload.sub, name: expect.any(String), email: expect.any(String) });
    expect((await call(`${sim.apiUrl}/users/me`, { token: t.access_token })).status).toBe(200);
  });

  it('accepts client credentials in the body instead of Basic', async () => {
    const code = (await authorize()).searchParams.get('code') as string;
    const r = await call(`${sim.baseUrl}/access_tokens`, form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: VERIFIER, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }));
    expect(r.status).toBe(200);
  });

  it('rejects a wrong code_verifier, a different redirect_uri, a wrong secret, and a reused code', async () => {
    const c1 = (await authorize()).searchParams.get('code') as string;
    const wrongVerifier = await exchange(c1, { code_verifier: 'x'.repeat(50) });
    expect(wrongVerifier.status).toBe(400);
    expect(wrongVerifier.json.error).toBe('invalid_grant');

    const c2 = (await authorize()).searchParams.get('code') as string;
    expect((await exchange(c2, { redirect_uri: 'http://localhost:1/other' })).json.error).toBe('invalid_grant');

    const c3 = (await authorize()).searchParams.get('code') as string;
    const wrongSecret = await exchange(c3, {}, basic(CLIENT.clientId, 'nope'));
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.json.error).toBe('invalid_client');

    const c4 = (await authorize()).searchParams.get('code') as string;
    const ok = await exchange(c4);
    expect(ok.status).toBe(200);
    const again = await exchange(c4);
    expect(again.status).toBe(400);
    expect(again.json.error).toBe('invalid_grant');
    // Replaying a code revokes what it produced.
    expect((await call(`${sim.apiUrl}/users/me`, { token: ok.json.access_token })).status).toBe(401);
  });

  it('redirects invalid_request for a missing state, nonce or challenge, or a plain challenge', async () => {
    const cases: Record<string, string | null>[] = [{ state: null }, { nonce: null }, { code_challenge: null }, { code_challenge_method: 'plain' }];
    for (const over of cases) {
      const back = await authorize(over);
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('code')).toBeNull();
    }
    expect((await authorize({ response_type: 'token' })).searchParams.get('error')).toBe('unsupported_response_type');
  });

  it('refuses an unknown client or unregistered redirect_uri without redirecting', async () => {
    const unknown = await call(authorizeUrl({ client_id: 'who' }));
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    const elsewhere = await call(authorizeUrl({ redirect_uri: 'http://evil.test/cb' }));
    expect(elsewhere.status).toBe(400);
  });

  it('answers access_denied with the state when the deny switch is on', async () => {
    sim.control.setAutoApprove(false);
    const back = await authorize();
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('st-123');
    sim.control.setAutoApprove(true);
    expect((await authorize()).searchParams.get('code')).toBeTruthy();
  });

  it('works end to end with oauth4webapi (discovery, PKCE, id_token checks, refresh)', async () => {
    // oauth4webapi checks id_token times against the real clock.
    const live = await startSimulator({ clients: [CLIENT] });
    onTestFinished(() => live.close());
    const issuer = new URL(live.baseUrl);
    const opts = { [oauth.allowInsecureRequests]: true };
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...opts, algorithm: 'oidc' }));
    const client: oauth.Client = { client_id: CLIENT.clientId };
    const auth = oauth.ClientSecretBasic(CLIENT.clientSecret);
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = new URL(as.authorization_endpoint as string);
    url.search = new URLSearchParams({ client_id: CLIENT.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid hubstaff:read', state, nonce, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' }).toString();
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') as string);
    const params = oauth.validateAuthResponse(as, client, back, state);
    const res = await oauth.authorizationCodeGrantRequest(as, client, auth, params, REDIRECT, verifier, opts);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: nonce, requireIdToken: true });
    expect(oauth.getValidatedIdTokenClaims(tokens)?.sub).toBe(String((live.control.me() as { id: number }).id));
    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token as string, opts));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  });
});

describe('refresh tokens and PATs', () => {
  it('exchanges a PAT without client authentication and rotates on every refresh', async () => {
    const pat = sim.control.issuePersonalAccessToken();
    const p = decodeJwtPayload(pat);
    expect((p.exp as number) - (p.iat as number)).toBe(90 * 86_400);
    const first = await refresh(pat);
    expect(first.status).toBe(200);
    expect(first.json.refresh_token).not.toBe(pat);
    expect(first.json).not.toHaveProperty('id_token');
    // The PAT string is consumed: a second use is invalid_grant (401).
    const reuse = await refresh(pat);
    expect(reuse.status).toBe(401);
    expect(reuse.json).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    const second = await refresh(first.json.refresh_token);
    expect(second.status).toBe(200);
    expect(sim.control.tokenEndpointCalls()).toEqual({ refresh_token: 3 });
    const tokens = sim.control.listRefreshTokens();
    expect(tokens.filter((t) => t.used).map((t) => t.token).sort()).toEqual([pat, first.json.refresh_token].sort());
    // H3's dummy client credentials on a PAT refresh are ignored.
    expect((await refresh(second.json.refresh_token, { Authorization: basic('PAT', 'PAT') })).status).toBe(200);
  });

  it('revokes the previous access token when the pair rotates', async () => {
    const first = await refresh(sim.control.issuePersonalAccessToken());
    const second = await refresh(first.json.refresh_token);
    const old = await call(`${sim.apiUrl}/users/me`, { token: first.json.access_token });
    expect(old.status).toBe(401);
    expect(old.json.error).toBe('invalid_token');
    expect((await call(`${sim.apiUrl}/users/me`, { token: second.json.access_token })).status).toBe(200);
  });

  it('requires client authentication to refresh an app grant', async () => {
    const code = (await authorize()).searchParams.get('code') as string;
    const t = (await exchange(code)).json as TokenResponse;
    const anonymous = await refresh(t.refresh_token);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error).toBe('invalid_client');
    const ok = await refresh(t.refresh_token, { Authorization: basic(CLIENT.clientId, CLIENT.clientSecret) });
    expect(ok.status).toBe(200);
  });

  it('expires access tokens by the clock and answers the OAuth-style 401', async () => {
    const t = (await refresh(sim.control.issuePersonalAccessToken())).json as TokenResponse;
    expect((await call(`${sim.apiUrl}/users/me`, { token: t.access_token })).status).toBe(200);
    clock += 3600 * 1000;
    const expired = await call(`${sim.apiUrl}/users/me`, { token: t.access_token });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({ error: 'invalid_token', error_description: 'The access token expired' });
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    const renewed = await refresh(t.refresh_token);
    expect((await call(`${sim.apiUrl}/users/me`, { token: renewed.json.access_token })).status).toBe(200);
  });

  it('rejects an expired refresh token with invalid_grant', async () => {
    const pat = sim.control.issuePersonalAccessToken();
    sim.control.advanceClock(91 * 86_400_000);
    const r = await refresh(pat);
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_grant');
  });

  it('kills every token of a revoked grant (by user id or by token) and leaves other grants alone', async () => {
    const me = (sim.control.me() as { id: number }).id;
    const a = (await refresh(sim.control.issuePersonalAccessToken())).json as TokenResponse;
    const b = (await refresh(sim.control.issuePersonalAccessToken())).json as TokenResponse;
    expect(sim.control.revokeGrant(a.refresh_token)).toBe(1);
    const api = await call(`${sim.apiUrl}/users/me`, { token: a.access_token });
    expect(api.status).toBe(401);
    expect(api.json).toEqual({ error: 'invalid_token', error_description: 'The access token was revoked' });
    expect((await refresh(a.refresh_token)).json.error).toBe('invalid_grant');
    expect((await call(`${sim.apiUrl}/users/me`, { token: b.access_token })).status).toBe(200);
    const hsoat = sim.control.issueOrganizationToken(sim.control.myOrganizationIds()[0] as number);
    expect(sim.control.revokeGrant(me)).toBeGreaterThanOrEqual(1);
    expect((await call(`${sim.apiUrl}/users/me`, { token: b.access_token })).status).toBe(401);
    expect((await refresh(b.refresh_token)).status).toBe(401);
    // Organization tokens are separate: revoked only by their own string.
    expect((await call(`${sim.apiUrl}/users/me`, { token: hsoat })).status).toBe(200);
    sim.control.revokeGrant(hsoat);
    expect((await call(`${sim.apiUrl}/users/me`, { token: hsoat })).status).toBe(401);
  });

  it('answers unsupported_grant_type and a missing refresh_token with 400', async () => {
    expect((await call(`${sim.baseUrl}/access_tokens`, form({ grant_type: 'password' }))).json.error).toBe('unsupported_grant_type');
    const missing = await call(`${sim.baseUrl}/access_tokens`, form({ grant_type: 'refresh_token' }));
    expect(missing.status).toBe(400);
    expect(missing.json.error).toBe('invalid_request');
  });

  it('accepts the fields as query parameters on an empty POST (as some clients send them)', async () => {
    const pat = sim.control.issuePersonalAccessToken();
    const r = await call(`${sim.baseUrl}/access_tokens?grant_type=refresh_token&refresh_token=${encodeURIComponent(pat)}`, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(sim.requests.at(-1)).toMatchObject({ path: '/access_tokens', grantType: 'refresh_token', status: 200, authorization: 'none' });
  });
});
