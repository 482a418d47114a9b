// POST /oauth/v1/token: refresh and code grants, 30-minute tokens, optional rotation,
// revocation, PKCE, and the token endpoint's own error bodies.

import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubspotSimulator } from './index';
import { DEFAULT_CLIENT, startHubspotSimulator } from './index';
import { hs, tokenCall } from './test-helpers';

const T0 = Date.parse('2024-06-03T09:00:00.000Z');
let sim: HubspotSimulator;
const creds = { client_id: DEFAULT_CLIENT.clientId, client_secret: DEFAULT_CLIENT.clientSecret };

beforeEach(async () => {
  sim = await startHubspotSimulator({ seed: 2, clock: () => T0 });
});
afterEach(async () => {
  await sim.close();
});

const refresh = (refresh_token: string, extra: Record<string, string> = {}) => tokenCall(sim, { grant_type: 'refresh_token', ...creds, refresh_token, ...extra });

describe('refresh_token grant', () => {
  it('issues a new 30-minute access token and keeps the refresh token by default', async () => {
    const first = sim.control.issueOAuthTokens();
    const r = await refresh(first.refresh_token);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ token_type: 'bearer', access_token: expect.stringMatching(/^CK/), refresh_token: first.refresh_token, expires_in: 1800 });
    expect(r.json.access_token).not.toBe(first.access_token);
    expect(r.json.access_token.length).toBeLessThanOrEqual(300);
    expect((await hs(sim, r.json.access_token, '/crm/v3/owners')).status).toBe(200);
    expect((await refresh(first.refresh_token)).status).toBe(200); // still good
    expect(sim.control.tokenEndpointCalls()).toEqual({ refresh_token: 2 });
    expect(sim.requests.map((e) => e.grantType)).toEqual(['refresh_token', undefined, 'refresh_token']);
  });

  it('rotates the refresh token when configured, and the old one stops working', async () => {
    sim.control.setRotateRefreshTokens(true);
    const first = sim.control.issueOAuthTokens();
    const r = await refresh(first.refresh_token);
    expect(r.json.refresh_token).not.toBe(first.refresh_token);
    const again = await refresh(first.refresh_token);
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' });
    expect((await refresh(r.json.refresh_token)).status).toBe(200);
  });

  it('refuses a revoked grant, a wrong secret, an unknown client and an unknown grant type', async () => {
    const pair = sim.control.issueOAuthTokens();
    expect((await refresh(pair.refresh_token, { client_secret: 'wrong' })).json.status).toBe('BAD_CLIENT_SECRET');
    expect((await refresh(pair.refresh_token, { client_id: 'nobody' })).json.status).toBe('BAD_CLIENT_ID');
    expect((await tokenCall(sim, { grant_type: 'password', ...creds })).json.status).toBe('BAD_GRANT_TYPE');
    sim.control.revoke(pair.refresh_token);
    const r = await refresh(pair.refresh_token);
    expect(r.status).toBe(400);
    expect(r.json.status).toBe('BAD_REFRESH_TOKEN');
    // Revoking the grant also kills its access tokens.
    expect((await hs(sim, pair.access_token, '/crm/v3/owners')).json.category).toBe('INVALID_AUTHENTICATION');
  });

  it('expire() makes an access token answer EXPIRED_AUTHENTICATION at once', async () => {
    const pair = sim.control.issueOAuthTokens();
    sim.control.expire(pair.access_token);
    const r = await hs(sim, pair.access_token, '/crm/v3/owners');
    expect(r.json).toMatchObject({ category: 'EXPIRED_AUTHENTICATION', message: 'The OAuth token used to make this call expired 0 second(s) ago.' });
  });
});

describe('authorization_code grant', () => {
  const redirect = DEFAULT_CLIENT.redirectUris![0]!;

  it('exchanges a code once, for the user and scopes it was issued with', async () => {
    const other = sim.control.owners()[2]!;
    const code = sim.control.issueAuthorizationCode({ clientId: DEFAULT_CLIENT.clientId, redirectUri: redirect, userId: other.userId as number, scopes: ['oauth'] });
    const r = await tokenCall(sim, { grant_type: 'authorization_code', ...creds, code, redirect_uri: redirect });
    expect(r.status).toBe(200);
    const info = await hs(sim, null, `/oauth/v1/access-tokens/${r.json.access_token}`);
    expect(info.json).toMatchObject({ user: other.email, user_id: other.userId, scopes: ['oauth'] });
    // Without the tasks scope, search is a 403.
    expect((await hs(sim, r.json.access_token, '/crm/v3/objects/tasks/search', { body: {} })).json.category).toBe('MISSING_SCOPES');
    expect((await tokenCall(sim, { grant_type: 'authorization_code', ...creds, code, redirect_uri: redirect })).json.status).toBe('BAD_AUTH_CODE');
  });

  it('checks the redirect URI and the PKCE verifier', async () => {
    const verifier = 'a'.repeat(43);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = sim.control.issueAuthorizationCode({ clientId: DEFAULT_CLIENT.clientId, redirectUri: redirect, codeChallenge: challenge });
    expect((await tokenCall(sim, { grant_type: 'authorization_code', ...creds, code, redirect_uri: 'http://localhost:1/x', code_verifier: verifier })).json.status).toBe('BAD_REDIRECT_URI');
    expect((await tokenCall(sim, { grant_type: 'authorization_code', ...creds, code, redirect_uri: redirect, code_verifier: 'b'.repeat(43) })).json.status).toBe('BAD_AUTH_CODE');
    expect((await tokenCall(sim, { grant_type: 'authorization_code', ...creds, code, redirect_uri: redirect, code_verifier: verifier })).status).toBe(200);
  });
});
