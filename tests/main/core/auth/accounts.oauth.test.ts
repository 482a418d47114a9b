import { afterEach, expect, it } from 'vitest';
import { describeOverStores } from '../secrets/testStores';
import { countRequests, followInBrowser, leakedTokens, setupHarness as setup, type Harness, type HarnessOptions } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const tokenCalls = (x: Harness, grant: string): number => countRequests(x.sim, (r) => r.path === '/access_tokens' && r.grantType === grant);

/** Nothing from a failed sign-in may remain: no account, no keychain entry, no code exchanged. */
async function expectNothingStored(x: Harness): Promise<void> {
  expect(x.accounts.list()).toEqual([]);
  expect(x.db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 0 });
  expect(await x.storedKeys()).toEqual([]);
  expect(tokenCalls(x, 'authorization_code')).toBe(0);
}

describeOverStores('OAuth sign-in in the browser (simulator)', 'memory', (store) => {
  const setupHarness = (o: HarnessOptions = {}): Promise<Harness> => setup({ store, ...o });
  it('runs the whole flow headlessly and ends with tokens in the keychain and none in SQLite', async () => {
    h = await setupHarness();
    const me = h.sim.control.me() as { id: number; name: string; email: string };

    const account = await h.accounts.signInWithOAuth();

    expect(account).toMatchObject({
      id: `hubstaff:${me.id}`,
      provider: 'hubstaff',
      userId: String(me.id),
      name: me.name,
      email: me.email,
      authKind: 'oauth',
      status: 'connected',
      sessionOnly: false,
      organizations: [],
      sync: { startDate: null, endDate: null, refreshWindowDays: 3, pageLimit: 500 },
    });

    // The authorization request: PKCE S256, state, nonce, the registered loopback redirect.
    const visit = await h.visits[0]!;
    const q = visit.authorizeUrl.searchParams;
    expect(q.get('client_id')).toBe('stint-test-client');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(`http://localhost:${h.redirectPort}/oauth/callback`);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(q.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    expect(q.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'hubstaff:read']));
    expect(visit.status).toBe(200);
    expect(visit.body).toContain('You can close this tab');
    expect(tokenCalls(h, 'authorization_code')).toBe(1);
    // The code exchange authenticated the client with HTTP Basic.
    expect(h.sim.requests.find((r) => r.path === '/access_tokens')!.authorization).toBe('basic');

    // The store (the keychain, or memory standing in for it) holds the live pair the simulator issued; SQLite holds none of it.
    const entry = (await h.keychainEntry(account.id))!;
    expect(entry).toMatchObject({ v: 1, kind: 'oauth' });
    const live = h.sim.control.listRefreshTokens().filter((t) => !t.used && !t.revoked);
    expect(live.map((t) => t.token)).toEqual([entry.refreshToken]);
    const tokens = [entry.accessToken as string, entry.refreshToken as string];
    expect(leakedTokens(h.dataDirBytes(), tokens)).toEqual([]);
    expect(leakedTokens(JSON.stringify([account, h.events, h.accounts.list()]), tokens)).toEqual([]);

    // The API accepts what was stored.
    const orgs = await h.accounts.listOrganizations(account.id);
    expect(orgs.map((o) => o.id).sort()).toEqual(h.sim.control.myOrganizationIds().sort());
  });

  it('caches discovery for a week', async () => {
    h = await setupHarness();
    const discoveries = (): number => countRequests(h!.sim, (r) => r.path === '/.well-known/openid-configuration');
    await h.accounts.signInWithOAuth();
    await h.accounts.signInWithOAuth();
    expect(discoveries()).toBe(1);
    const cached = h.db.prepare("SELECT value FROM settings WHERE key = 'hubstaff.oidcDiscovery'").get() as { value: string };
    expect(JSON.parse(cached.value).metadata.token_endpoint).toBe(`${h.sim.baseUrl}/access_tokens`);

    h.clock.advance(6 * 24 * 3600_000);
    await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    expect(discoveries()).toBe(1);
    h.clock.advance(2 * 24 * 3600_000);
    await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    expect(discoveries()).toBe(2);
  });

  it('rejects a callback whose state does not match, and stores nothing', async () => {
    h = await setupHarness({
      browser: (url) =>
        followInBrowser(url, (cb) => {
          cb.searchParams.set('state', 'forged-state');
          return cb;
        }),
    });
    await expect(h.accounts.signInWithOAuth()).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('belongs to another sign-in attempt (state mismatch), so nothing was saved. Start signing in again') });
    const visit = await h.visits[0]!;
    expect(visit.status).toBe(400);
    expect(visit.body).toContain('Sign-in failed');
    await expectNothingStored(h);
  });

  it('rejects a callback without a code, and stores nothing', async () => {
    h = await setupHarness({
      browser: (url) =>
        followInBrowser(url, (cb) => {
          cb.searchParams.delete('code');
          return cb;
        }),
    });
    await expect(h.accounts.signInWithOAuth()).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('answer to the sign-in was incomplete (no authorization code)') });
    await expectNothingStored(h);
  });

  it('reports error=access_denied clearly, and stores nothing', async () => {
    h = await setupHarness({ sim: { autoApprove: false } });
    await expect(h.accounts.signInWithOAuth()).rejects.toMatchObject({ code: 'auth_failed', message: 'Stint was not allowed on Hubstaff (access_denied), so nothing was saved. To connect, sign in again and choose Allow.' });
    expect((await h.visits[0]!).callbackUrl!.searchParams.get('error')).toBe('access_denied');
    await expectNothingStored(h);
  });

  it('accepts one callback only: a replayed callback is refused and changes nothing', async () => {
    h = await setupHarness();
    const account = await h.accounts.signInWithOAuth();
    const first = await h.visits[0]!;
    const entry = await h.keychainEntry(account.id);
    const replay = await fetch(first.callbackUrl!).then(
      (r) => r.status,
      () => 'refused' as const,
    );
    expect([409, 'refused']).toContain(replay);
    expect(tokenCalls(h, 'authorization_code')).toBe(1);
    expect(await h.keychainEntry(account.id)).toEqual(entry);
    expect(h.accounts.list()).toHaveLength(1);
  });

  it('times out when the browser never comes back, and stores nothing', async () => {
    h = await setupHarness({ browser: () => undefined, config: { callbackTimeoutMs: 300 } });
    await expect(h.accounts.signInWithOAuth()).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('timed out') });
    await expectNothingStored(h);
    // The listener is gone: a late callback finds nobody listening.
    await expect(fetch(`http://127.0.0.1:${h.redirectPort}/oauth/callback?code=late&state=x`)).rejects.toThrow();
  });

  it('can be cancelled, and a new sign-in replaces one left waiting', async () => {
    h = await setupHarness({ browser: () => undefined });
    const waiting = h.accounts.signInWithOAuth();
    await new Promise((r) => setTimeout(r, 100));
    h.accounts.cancelSignIn();
    await expect(waiting).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('cancelled') });

    const abandoned = h.accounts.signInWithOAuth();
    await new Promise((r) => setTimeout(r, 100));
    const replacement = h.accounts.signInWithOAuth();
    await expect(abandoned).rejects.toMatchObject({ code: 'auth_failed' });
    h.accounts.cancelSignIn();
    await expect(replacement).rejects.toMatchObject({ code: 'auth_failed' });
    await expectNothingStored(h);
  });

  it('needs a configured client ID and says where to set it, before opening anything', async () => {
    h = await setupHarness({ config: { clientId: null } });
    await expect(h.accounts.signInWithOAuth()).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('STINT_HUBSTAFF_CLIENT_ID') });
    expect(h.visits).toHaveLength(0);
    expect(h.sim.requests).toHaveLength(0);
  });
});
