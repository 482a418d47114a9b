import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubspotCredentials, parseHubspotCredential, type StoredHubspotCredential } from '../../../../../src/main/core/auth/hubspotCredentials';
import { AccountTokenProvider } from '../../../../../src/main/core/auth/tokenProvider';
import { HubspotApiError } from '../../../../../src/main/core/providers/hubspot/errors';
import { exchangeAuthorizationCode } from '../../../../../src/main/core/providers/hubspot/oauth';
import type { HubspotAccessTokenProvider } from '../../../../../src/main/core/providers/hubspot/tokens';
import { privateAppAuth } from '../../../../../src/main/core/providers/hubspot/tokens';
import { MemorySecretStore } from '../../../../../src/main/core/secrets/memorySecretStore';
import { DEFAULT_CLIENT } from '../../../../sim-hubspot/index';
import type { HubspotSetup } from './simClient';
import { drain, failure, setupHubspot, T0 } from './simClient';

let s: HubspotSetup | undefined;
let lockDir: string | undefined;
afterEach(async () => {
  await s?.sim.close();
  s = undefined;
  if (lockDir) rmSync(lockDir, { recursive: true, force: true });
  lockDir = undefined;
});

const DATA = { data: { tasks: 15 } };
const config = (sim: HubspotSetup['sim']) => ({ clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, baseUrl: sim.baseUrl });
/** What the simulator saw, as `METHOD path status`. */
const seen = (): string[] => s!.api().map((r) => `${r.method} ${r.path.replace(/access-tokens\/.*/, 'access-tokens/…')} ${r.status}`);

/**
 * OAuth tokens for "me", held as an account's are: the shared lifecycle's token provider over a
 * keychain (in memory here) and a lock file, with HubSpot's credential adapter and the given clock.
 */
function oauth(now: () => number) {
  const pair = s!.sim.control.issueOAuthTokens();
  const store = new MemorySecretStore();
  const key = 'hubspot:test';
  const initial: StoredHubspotCredential = {
    v: 1,
    kind: 'oauth',
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    accessToken: pair.access_token,
    refreshToken: pair.refresh_token,
    expiresAt: now() + pair.expires_in * 1000,
    obtainedAt: now(),
  };
  void store.set(key, JSON.stringify(initial));
  lockDir ??= mkdtempSync(join(tmpdir(), 'stint-hubspot-auth-'));
  const revoked: string[] = [];
  const tokens = new AccountTokenProvider({
    secretKey: key,
    secrets: store,
    lockFile: join(lockDir, 'refresh.lock'),
    credentials: hubspotCredentials({ baseUrl: () => s!.sim.baseUrl, now }),
    isRevoked: () => revoked.length > 0,
    markRevoked: (reason) => void revoked.push(reason),
    now,
  });
  /** What the keychain holds now. */
  const stored = async (): Promise<StoredHubspotCredential> => parseHubspotCredential(await store.get(key))!;
  return { pair, tokens, stored, revoked };
}

describe('private app token', () => {
  it('a 401 ends the sign-in after exactly one request: no retry, no refresh, "update your HubSpot token"', async () => {
    s = await setupHubspot(DATA);
    s.sim.control.revoke(s.token);
    const e = await failure(drain(s.client().tasksModifiedSince()));
    expect(e).toBeInstanceOf(HubspotApiError);
    expect(e).toMatchObject({ code: 'auth_revoked', reason: 'token_rejected', status: 401, attempts: 1, category: 'INVALID_AUTHENTICATION' });
    expect((e as Error).message).toMatch(/Update your HubSpot token/);
    expect((e as HubspotApiError).correlationId).toBe(s.api()[0]!.correlationId);
    expect(seen()).toEqual(['POST /crm/v3/objects/tasks/search 401']);
    expect(s.sleeps).toEqual([]);
  });

  it('finds the owner by the configured email, and asks for one when it is missing', async () => {
    s = await setupHubspot(DATA);
    const client = s.client();
    const { owner, via } = await client.resolveOwner({ email: ' ME@stint.example ' });
    expect(via).toBe('email');
    expect(owner).toMatchObject({ id: s.sim.control.me().id, email: 'me@stint.example' });
    expect(await failure(client.resolveOwner())).toMatchObject({ code: 'invalid_argument', details: ['email'] });
    expect(await failure(client.resolveOwner({ email: 'nobody@stint.example' }))).toMatchObject({ code: 'not_found' });
    const info = await client.privateAppTokenInfo();
    expect(info).toMatchObject({ userId: s.sim.control.me().userId, scopes: expect.arrayContaining(['crm.objects.contacts.read']) });
  });
});

describe('OAuth', () => {
  it('an expired access token is refreshed once and the request retried once', async () => {
    s = await setupHubspot(DATA);
    // The provider's clock says the token is fresh; HubSpot's says it expired (clock skew).
    const { pair, tokens, stored } = oauth(() => T0);
    s.sim.control.advanceClock(31 * 60_000);
    const { records } = await drain(s.client({ auth: { kind: 'oauth', tokens } }).tasksModifiedSince());
    expect(records).toHaveLength(15);
    expect(seen()).toEqual(['POST /crm/v3/objects/tasks/search 401', 'POST /oauth/v1/token 200', 'POST /crm/v3/objects/tasks/search 200']);
    expect(s.api()[0]!.category).toBe('EXPIRED_AUTHENTICATION');
    expect(s.sim.control.tokenEndpointCalls()).toEqual({ refresh_token: 1 });
    const after = await stored();
    expect(after.kind === 'oauth' && after.accessToken).not.toBe(pair.access_token);
    expect(s.events.map((e) => e.outcome)).toEqual(['refresh', 'ok']);
  });

  it('refreshes ahead of expiry when its own clock says so, with no 401 at all', async () => {
    s = await setupHubspot(DATA);
    const { tokens } = oauth(() => s!.sim.control.now());
    const client = s.client({ auth: { kind: 'oauth', tokens } });
    await drain(client.tasksModifiedSince());
    s.sim.control.advanceClock(29.5 * 60_000); // inside the 60 s refresh margin
    await drain(client.tasksModifiedSince());
    expect(seen()).toEqual(['POST /crm/v3/objects/tasks/search 200', 'POST /oauth/v1/token 200', 'POST /crm/v3/objects/tasks/search 200']);
  });

  it('many requests meeting one expired token share a single refresh', async () => {
    s = await setupHubspot(DATA);
    const { pair, tokens } = oauth(() => T0);
    s.sim.control.expire(pair.access_token);
    const client = s.client({ auth: { kind: 'oauth', tokens } });
    const results = await Promise.all([client.getTask(s.sim.control.tasks()[0]!.id as string), client.getTask(s.sim.control.tasks()[1]!.id as string), client.ownerByEmail('me@stint.example')]);
    expect(results.every((r) => r !== null)).toBe(true);
    expect(s.sim.control.tokenEndpointCalls()).toEqual({ refresh_token: 1 });
  });

  it('a refused refresh means reconnect: auth_revoked, and no more requests after it', async () => {
    s = await setupHubspot(DATA);
    const { pair, tokens, revoked } = oauth(() => T0);
    s.sim.control.revoke(pair.refresh_token);
    const client = s.client({ auth: { kind: 'oauth', tokens } });
    const e = await failure(drain(client.tasksModifiedSince()));
    expect(e).toMatchObject({ code: 'auth_revoked', reason: 'reconnect_needed', status: 401, attempts: 1 });
    expect(seen()).toEqual(['POST /crm/v3/objects/tasks/search 401', 'POST /oauth/v1/token 400']);
    expect(revoked).toEqual([expect.stringMatching(/HubSpot refused to renew the sign-in/)]);
    const again = await failure(drain(client.tasksModifiedSince()));
    expect(again).toMatchObject({ code: 'auth_revoked' });
    expect(s.api()).toHaveLength(2);
  });

  it('a fresh token that is refused too ends with auth_revoked after one retry', async () => {
    s = await setupHubspot(DATA);
    const offered: string[] = [];
    const provider: HubspotAccessTokenProvider = {
      getAccessToken: async () => 'CKstale',
      onUnauthorized: async (rejected) => {
        offered.push(rejected);
        return 'CKalso-bad';
      },
    };
    const e = await failure(s.client({ auth: { kind: 'oauth', tokens: provider } }).ownerByEmail('me@stint.example'));
    expect(e).toMatchObject({ code: 'auth_revoked', attempts: 2 });
    expect(offered).toEqual(['CKstale']);
    expect(seen()).toEqual(['GET /crm/v3/owners 401', 'GET /crm/v3/owners 401']);
  });

  it('a refresh that fails on the way (5xx) fails the request but keeps the connection', async () => {
    s = await setupHubspot(DATA);
    const { pair, tokens, revoked } = oauth(() => T0);
    s.sim.control.expire(pair.access_token);
    s.sim.control.injectFaults({ kind: 'server_error', path: '/oauth/v1/token$', nth: 1 });
    const client = s.client({ auth: { kind: 'oauth', tokens } });
    const e = await failure(client.ownerByEmail('me@stint.example'));
    expect(e).toMatchObject({ code: 'unavailable', reason: 'server' });
    expect(revoked).toEqual([]);
    expect((await client.ownerByEmail('me@stint.example'))?.email).toBe('me@stint.example');
  });

  it('saves every rotated credential to the keychain before using it', async () => {
    s = await setupHubspot({ ...DATA, rotateRefreshTokens: true });
    const { pair, tokens, stored } = oauth(() => T0);
    s.sim.control.expire(pair.access_token);
    const client = s.client({ auth: { kind: 'oauth', tokens } });
    await client.ownerByEmail('me@stint.example');
    const first = await stored();
    expect(first).toMatchObject({ kind: 'oauth', clientId: DEFAULT_CLIENT.clientId });
    expect(first.kind === 'oauth' && first.refreshToken).not.toBe(pair.refresh_token);
    s.sim.control.expire((first as { accessToken: string }).accessToken);
    await client.ownerByEmail('me@stint.example'); // works only with the rotated refresh token
    const second = await stored();
    expect(second.kind === 'oauth' && second.refreshToken).not.toBe(first.kind === 'oauth' && first.refreshToken);
    expect(s.api().filter((r) => r.path === '/oauth/v1/token').map((r) => r.status)).toEqual([200, 200]);
  });

  it('resolves the owner from the token’s user', async () => {
    s = await setupHubspot(DATA);
    const { tokens } = oauth(() => T0);
    const { owner, via } = await s.client({ auth: { kind: 'oauth', tokens } }).resolveOwner();
    expect(via).toBe('token_user');
    expect(owner).toMatchObject({ id: s.sim.control.me().id, userId: s.sim.control.me().userId });
    expect(seen()).toEqual(['GET /oauth/v1/access-tokens/… 200', `GET /crm/v3/owners/${String(s.sim.control.me().userId)} 200`]);
    expect(s.events[0]!.request).toBe('GET /oauth/v1/access-tokens/{token}'); // the token stays out of events
  });

  it('exchanges an authorization code (with PKCE) for a working credential', async () => {
    s = await setupHubspot(DATA);
    const { createHash } = await import('node:crypto');
    const verifier = 'v'.repeat(50);
    const redirectUri = DEFAULT_CLIENT.redirectUris![0]!;
    const code = s.sim.control.issueAuthorizationCode({ clientId: DEFAULT_CLIENT.clientId, redirectUri, codeChallenge: createHash('sha256').update(verifier).digest('base64url') });
    const cred = await exchangeAuthorizationCode(config(s.sim), { code, redirectUri, codeVerifier: verifier }, { now: () => 1000 });
    expect(cred).toMatchObject({ accessToken: expect.stringMatching(/^CK/), refreshToken: expect.any(String), expiresAt: 1000 + 1_800_000, obtainedAt: 1000 });
    const reused = await failure(exchangeAuthorizationCode(config(s.sim), { code, redirectUri, codeVerifier: verifier }));
    expect(reused).toMatchObject({ code: 'auth_failed' });
    expect((reused as Error).message).toMatch(/BAD_AUTH_CODE/);
  });

  it('refuses a private app client without a token', () => {
    expect(() => privateAppAuth('  ')).toThrow(expect.objectContaining({ code: 'invalid_argument', details: ['token'] }));
  });
});

describe('missing scopes', () => {
  it('a 403 MISSING_SCOPES names the scope to add, after one request', async () => {
    s = await setupHubspot(DATA);
    s.sim.control.setScopes(s.token, ['crm.objects.owners.read']);
    const e = await failure(drain(s.client().tasksModifiedSince()));
    expect(e).toMatchObject({ code: 'missing_scopes', reason: 'missing_scopes', status: 403, attempts: 1, missingScopes: ['crm.objects.contacts.read'], category: 'MISSING_SCOPES' });
    expect((e as Error).message).toBe('HubSpot has not granted Stint the scope crm.objects.contacts.read; add it in the private app’s settings.');
    // Other streams go on: owners still work with the same client.
    expect((await s.client().ownerByEmail('me@stint.example'))?.email).toBe('me@stint.example');
    expect(s.api().map((r) => r.status)).toEqual([403, 200]);
  });

  it('tells an OAuth user to reconnect to grant it', async () => {
    s = await setupHubspot(DATA);
    const { pair, tokens } = oauth(() => T0);
    s.sim.control.setScopes(pair.access_token, ['crm.objects.contacts.read']);
    const e = await failure(s.client({ auth: { kind: 'oauth', tokens } }).ownerByEmail('me@stint.example'));
    expect((e as Error).message).toBe('HubSpot has not granted Stint the scope crm.objects.owners.read; reconnect HubSpot to grant it.');
  });
});
