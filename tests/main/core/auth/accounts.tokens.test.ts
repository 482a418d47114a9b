import { afterEach, expect, it } from 'vitest';
import type { AccountView } from '../../../../src/main/core/auth/types';
import { describeOverStores } from '../secrets/testStores';
import { countRequests, leakedTokens, setupHarness as setup, type Harness, type HarnessOptions } from './harness';

// Every suite runs over the memory store (always) and the real keychain (when there is one):
// refresh, rotation, single-flight and the lock between instances do not depend on the backend.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const DAY = 24 * 3600_000;
const refreshCalls = (x: Harness): number => countRequests(x.sim, (r) => r.path === '/access_tokens' && r.grantType === 'refresh_token');
const apiCalls = (x: Harness): number => countRequests(x.sim, (r) => r.path.startsWith('/v2/'));

/** POSTs a refresh token to the simulator's token endpoint directly, as an attacker replaying it would. */
async function replayRefreshToken(x: Harness, token: string): Promise<{ status: number; error: string }> {
  const res = await fetch(`${x.sim.baseUrl}/access_tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token }),
  });
  return { status: res.status, error: ((await res.json()) as { error: string }).error };
}

async function signInWithPat(x: Harness): Promise<AccountView> {
  return x.accounts.signInWithPersonalToken(x.sim.control.issuePersonalAccessToken());
}

describeOverStores('tokens: personal access tokens, rotation, refresh (simulator)', 'memory', (store) => {
  const setupHarness = (o: HarnessOptions = {}): Promise<Harness> => setup({ store, ...o });
  it('exchanges a PAT without client credentials and stores the rotated pair, not the PAT', async () => {
    h = await setupHarness();
    const pat = h.sim.control.issuePersonalAccessToken();
    const account = await h.accounts.signInWithPersonalToken(`  ${pat}\n`);
    expect(account).toMatchObject({ authKind: 'personal', status: 'connected', sessionOnly: false });

    const exchange = h.sim.requests.find((r) => r.path === '/access_tokens')!;
    expect(exchange).toMatchObject({ method: 'POST', grantType: 'refresh_token', authorization: 'none' });
    const entry = (await h.keychainEntry(account.id))!;
    expect(entry.kind).toBe('personal');
    expect(entry.refreshToken).not.toBe(pat);
    expect(h.sim.control.listRefreshTokens().find((t) => t.token === pat)!.used).toBe(true);
    expect(leakedTokens(h.dataDirBytes(), [pat, entry.accessToken as string, entry.refreshToken as string])).toEqual([]);
  });

  it('rotates 20 times in a row, storing each new pair; every old refresh token is dead', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    const tokens = h.accounts.tokenProvider(account.id);
    const seenRefresh: string[] = [((await h.keychainEntry(account.id))!.refreshToken as string)];
    const seenAccess = new Set<string>([await tokens.getAccessToken()]);
    const before = refreshCalls(h);

    for (let i = 0; i < 20; i++) {
      h.clock.advance(3600_000);
      const access = await tokens.getAccessToken();
      const entry = (await h.keychainEntry(account.id))!;
      // Stored before use: the token handed out is the one now in the keychain.
      expect(entry.accessToken).toBe(access);
      expect(seenRefresh).not.toContain(entry.refreshToken);
      expect(seenAccess.has(access)).toBe(false);
      seenRefresh.push(entry.refreshToken as string);
      seenAccess.add(access);
    }
    expect(refreshCalls(h) - before).toBe(20);

    const latest = seenRefresh.pop()!;
    for (const old of seenRefresh) expect(await replayRefreshToken(h, old)).toEqual({ status: 401, error: 'invalid_grant' });
    // The live one still works (and is burnt by this very check, which is why it comes last).
    expect((await replayRefreshToken(h, latest)).status).toBe(200);
    expect(leakedTokens(h.dataDirBytes(), [...seenRefresh, latest, ...seenAccess])).toEqual([]);
  });

  it('10 parallel calls that meet an expired access token cause exactly one refresh', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    h.clock.advance(2 * 3600_000); // expired for Stint and for the simulator
    const before = refreshCalls(h);
    const results = await Promise.all(Array.from({ length: 10 }, () => h!.accounts.listOrganizations(account.id)));
    expect(refreshCalls(h) - before).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(h.accounts.get(account.id).status).toBe('connected');
  });

  it('10 parallel callers of one account share one refresh (single-flight): one read under the lock, one write', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    const tokens = h.accounts.tokenProvider(account.id);
    const first = await tokens.getAccessToken();
    h.clock.advance(2 * 3600_000);
    const before = { ...h.storeCalls, refreshes: refreshCalls(h) };
    const results = await Promise.all(Array.from({ length: 10 }, () => tokens.getAccessToken()));
    expect(new Set(results).size).toBe(1);
    expect(results[0]).not.toBe(first);
    expect(refreshCalls(h) - before.refreshes).toBe(1);
    // Without single-flight the lock alone would still give one refresh, but every caller would
    // queue for it and read the keychain again: ten reads instead of one.
    expect(h.storeCalls.get - before.get).toBe(1);
    expect(h.storeCalls.set - before.set).toBe(1);
  });

  it('10 parallel calls that meet a 401 (token expired early on the server) cause exactly one refresh', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    // Loaded before the burst, so all ten send the old token before the first 401 comes back
    // (were each to read the store first, a slow keychain read could return the refreshed one).
    await h.accounts.tokenProvider(account.id).getAccessToken();
    h.clock.advance(10 * 60_000); // not fresh any more, and 50 minutes left by Stint's reckoning
    h.sim.control.advanceClock(3600_000); // …but already expired for the server
    const before = refreshCalls(h);
    const apiBefore = apiCalls(h);
    const results = await Promise.all(Array.from({ length: 10 }, () => h!.accounts.listOrganizations(account.id)));
    expect(refreshCalls(h) - before).toBe(1);
    expect(results.every((r) => r.length === h!.sim.control.myOrganizationIds().length)).toBe(true);
    // 10 rejected + 10 retried with the fresh token.
    expect(apiCalls(h) - apiBefore).toBe(20);
    expect(h.accounts.get(account.id).status).toBe('connected');
  });

  it('a revoked grant gives needs_reconnect, then zero requests until reconnect; reconnect keeps everything', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    const orgIds = h.sim.control.myOrganizationIds();
    await h.accounts.listOrganizations(account.id);
    h.accounts.selectOrganizations(account.id, orgIds);
    h.accounts.updateSyncSettings(account.id, { startDate: '2024-06-01', refreshWindowDays: 5 });
    const now = h.clock.now().toISOString();
    h.db.prepare("INSERT INTO sync_cursors (account_id, org_id, stream, cursor, updated_at) VALUES (?, ?, 'tasks', '{\"n\":1}', ?)").run(account.id, orgIds[0], now);
    h.db.prepare('INSERT INTO hubstaff_projects (organization_id, id, name, synced_at) VALUES (?, 1, ?, ?)').run(orgIds[0], 'cached row', now);

    h.sim.control.revokeGrant(Number(account.userId));
    h.clock.advance(2 * 3600_000);
    await expect(h.accounts.listOrganizations(account.id)).rejects.toMatchObject({ code: 'auth_revoked' });
    const revoked = h.accounts.get(account.id);
    expect(revoked.status).toBe('needs_reconnect');
    expect(revoked.statusMessage).toMatch(/Reconnect/);
    expect(h.events.filter((e) => e.type === 'account-changed' && e.account.status === 'needs_reconnect')).toHaveLength(1);

    const requestsAfter = h.sim.requests.length;
    const tokens = h.accounts.tokenProvider(account.id);
    for (let i = 0; i < 5; i++) {
      await expect(h.accounts.listOrganizations(account.id)).rejects.toMatchObject({ code: 'auth_revoked' });
      await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'auth_revoked' });
      expect(await tokens.onUnauthorized('anything')).toBeNull();
      h.clock.advance(DAY);
    }
    // A stray "connected" from elsewhere cannot resume a revoked account.
    expect(h.accounts.setStatus(account.id, 'connected').status).toBe('needs_reconnect');
    expect(h.sim.requests.length).toBe(requestsAfter);

    const reconnected = await h.accounts.reconnect(account.id, { kind: 'personal', token: h.sim.control.issuePersonalAccessToken() });
    expect(reconnected).toMatchObject({ id: account.id, status: 'connected', statusMessage: null });
    expect(reconnected.organizations.map((o) => o.id)).toEqual(orgIds);
    expect(reconnected.sync).toMatchObject({ startDate: '2024-06-01', refreshWindowDays: 5 });
    expect(h.db.prepare('SELECT cursor FROM sync_cursors WHERE account_id = ?').all(account.id)).toEqual([{ cursor: '{"n":1}' }]);
    expect(h.db.prepare('SELECT name FROM hubstaff_projects').all()).toEqual([{ name: 'cached row' }]);
    expect((await h.accounts.listOrganizations(account.id)).map((o) => o.id).sort()).toEqual([...orgIds].sort());
  });

  it('a 401 after the grant was revoked asks the token endpoint once, however young the token: invalid_grant gives needs_reconnect', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    h.clock.advance(2 * 3600_000);
    await h.accounts.listOrganizations(account.id); // refreshes: the token is seconds old
    h.sim.control.revokeGrant(Number(account.userId));
    const before = refreshCalls(h);
    await expect(h.accounts.listOrganizations(account.id)).rejects.toMatchObject({ code: 'auth_revoked' });
    expect(refreshCalls(h)).toBe(before + 1);
    expect(h.accounts.get(account.id).status).toBe('needs_reconnect');
  });

  it('a 401 on an access token issued seconds ago, with the refresh token still good, refreshes once and succeeds: the account stays connected', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    const tokens = h.accounts.tokenProvider(account.id);
    const young = await tokens.getAccessToken();
    h.clock.advance(5_000);
    expect(h.sim.control.invalidateAccessToken(young)).toBe(true); // a server-side hiccup
    const before = refreshCalls(h);
    const orgs = await h.accounts.listOrganizations(account.id);
    expect(orgs.length).toBe(h.sim.control.myOrganizationIds().length);
    expect(refreshCalls(h)).toBe(before + 1);
    expect(h.accounts.get(account.id)).toMatchObject({ status: 'connected', statusMessage: null });
    const entry = (await h.keychainEntry(account.id))!;
    expect(entry.accessToken).not.toBe(young);
    expect(await tokens.getAccessToken()).toBe(entry.accessToken);
  });

  it('a failed refresh that is not a refusal (5xx, reset) keeps the account and its refresh token', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    const before = (await h.keychainEntry(account.id))!;
    h.clock.advance(2 * 3600_000);
    h.sim.control.injectFaults({ kind: 'server_error', path: '/access_tokens$', times: 1 }, { kind: 'reset', path: '/access_tokens$', times: 1 });
    const tokens = h.accounts.tokenProvider(account.id);
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'unavailable' });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'unavailable' });
    expect(h.accounts.get(account.id).status).toBe('connected');
    expect(await h.keychainEntry(account.id)).toEqual(before);
    const fresh = await tokens.getAccessToken();
    expect(fresh).not.toBe(before.accessToken);
    expect((await h.keychainEntry(account.id))!.accessToken).toBe(fresh);
  });

  it('two independent instances on one data directory refresh once between them (cross-process lock)', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    const other = h.secondInstance();
    // Both have loaded the same, soon-expired token.
    const a = h.accounts.tokenProvider(account.id);
    const b = other.accounts.tokenProvider(account.id);
    expect(await a.getAccessToken()).toBe(await b.getAccessToken());
    h.clock.advance(2 * 3600_000);
    const before = refreshCalls(h);
    const [ta, tb] = await Promise.all([a.getAccessToken(), b.getAccessToken()]);
    expect(refreshCalls(h) - before).toBe(1);
    expect(ta).toBe(tb);
    expect(h.accounts.get(account.id).status).toBe('connected');
    expect(other.accounts.get(account.id).status).toBe('connected');
    expect((await h.keychainEntry(account.id))!.accessToken).toBe(ta);
  });

  it('an instance whose token was rotated by another process picks up the new pair instead of refreshing', async () => {
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 } });
    const account = await signInWithPat(h);
    const other = h.secondInstance();
    const stale = await h.accounts.tokenProvider(account.id).getAccessToken();
    h.clock.advance(2 * 3600_000);
    const rotated = await other.accounts.tokenProvider(account.id).getAccessToken();
    expect(rotated).not.toBe(stale);
    const before = refreshCalls(h);
    // The old access token is revoked on the server: the 401 path re-reads the keychain.
    expect(await h.accounts.tokenProvider(account.id).onUnauthorized(stale)).toBe(rotated);
    expect(await h.accounts.tokenProvider(account.id).getAccessToken()).toBe(rotated);
    expect(refreshCalls(h)).toBe(before);
  });
});

describeOverStores('organization tokens (simulator)', 'memory', (store) => {
  const setupHarness = (o: HarnessOptions = {}): Promise<Harness> => setup({ store, ...o });
  it('uses an hsoat_ token as the bearer and never refreshes it', async () => {
    h = await setupHarness();
    const orgId = h.sim.control.myOrganizationIds()[0]!;
    const token = h.sim.control.issueOrganizationToken(orgId);
    const account = await h.accounts.signInWithOrganizationToken(token);
    expect(account).toMatchObject({ authKind: 'organization', status: 'connected' });
    expect(await h.keychainEntry(account.id)).toMatchObject({ kind: 'organization', accessToken: token });
    expect((await h.keychainEntry(account.id))!.refreshToken).toBeUndefined();

    h.clock.advance(365 * DAY);
    expect(await h.accounts.tokenProvider(account.id).getAccessToken()).toBe(token);
    expect(countRequests(h.sim, (r) => r.path === '/access_tokens')).toBe(0);
    expect(leakedTokens(h.dataDirBytes(), [token])).toEqual([]);
  });

  it('a revoked organization token gives needs_reconnect without any token-endpoint call', async () => {
    h = await setupHarness();
    const orgId = h.sim.control.myOrganizationIds()[0]!;
    const token = h.sim.control.issueOrganizationToken(orgId);
    const account = await h.accounts.signInWithOrganizationToken(token);
    h.sim.control.revokeGrant(token);
    await expect(h.accounts.listOrganizations(account.id)).rejects.toMatchObject({ code: 'auth_revoked' });
    expect(h.accounts.get(account.id).status).toBe('needs_reconnect');
    expect(countRequests(h.sim, (r) => r.path === '/access_tokens')).toBe(0);
    await expect(h.accounts.reconnect(account.id)).rejects.toMatchObject({ code: 'invalid_argument' });
    const fresh = h.sim.control.issueOrganizationToken(orgId);
    expect((await h.accounts.reconnect(account.id, { kind: 'organization', token: fresh })).status).toBe('connected');
  });
});

describeOverStores('organizations, settings and sign-out (simulator)', 'memory', (store) => {
  const setupHarness = (o: HarnessOptions = {}): Promise<Harness> => setup({ store, ...o });
  it('lists organizations for the picker and saves the selection with names, or a typed list', async () => {
    h = await setupHarness({ sim: { data: { organizations: 3 } } });
    const account = await signInWithPat(h);
    const orgs = await h.accounts.listOrganizations(account.id);
    expect(orgs).toHaveLength(3);
    const picked = h.accounts.selectOrganizations(account.id, [orgs[2]!.id, orgs[0]!.id, orgs[2]!.id]);
    expect(picked.organizations).toEqual([
      { id: orgs[2]!.id, name: orgs[2]!.name },
      { id: orgs[0]!.id, name: orgs[0]!.name },
    ]);
    const typed = h.accounts.selectOrganizations(account.id, ` ${orgs[0]!.id}, 424242 `);
    expect(typed.organizations).toEqual([
      { id: orgs[0]!.id, name: orgs[0]!.name },
      { id: 424242, name: null },
    ]);
    // Persisted: a second instance (another process) sees the same.
    expect(h.secondInstance().accounts.get(account.id).organizations).toEqual(typed.organizations);
  });

  it('validates sync settings as a whole', async () => {
    h = await setupHarness();
    const account = await signInWithPat(h);
    expect(h.accounts.updateSyncSettings(account.id, { startDate: '2024-01-01', endDate: '2024-03-31', pageLimit: 200 }).sync).toEqual({
      startDate: '2024-01-01',
      endDate: '2024-03-31',
      refreshWindowDays: 3,
      pageLimit: 200,
    });
    for (const bad of [{ startDate: '2024-02-30' }, { endDate: '2023-12-31' }, { pageLimit: 501 }, { pageLimit: 0 }, { refreshWindowDays: -1 }, { refreshWindowDays: 1.5 }]) {
      expect(() => h!.accounts.updateSyncSettings(account.id, bad)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
    expect(h.accounts.get(account.id).sync.pageLimit).toBe(200);
  });

  it('sign-out removes the keychain entry and keeps the account and its cache for a reconnect', async () => {
    h = await setupHarness();
    const account = await signInWithPat(h);
    await h.accounts.signOut(account.id);
    expect(await h.keychainEntry(account.id)).toBeNull();
    expect(h.accounts.get(account.id)).toMatchObject({ status: 'needs_reconnect', statusMessage: expect.stringContaining('Signed out') });
    const requests = h.sim.requests.length;
    await expect(h.accounts.tokenProvider(account.id).getAccessToken()).rejects.toMatchObject({ code: 'auth_revoked' });
    expect(h.sim.requests.length).toBe(requests);
  });

  it('sign-out with purgeCache deletes the account, its selection and its cached rows only', async () => {
    h = await setupHarness();
    const mine = await signInWithPat(h);
    h.accounts.selectOrganizations(mine.id, '1, 2');
    const now = h.clock.now().toISOString();
    const cursor = h.db.prepare("INSERT INTO sync_cursors (account_id, org_id, stream, cursor, updated_at) VALUES (?, 1, 'tasks', '{}', ?)");
    cursor.run(mine.id, now);
    cursor.run('hubstaff:other', now);
    h.db.prepare('INSERT INTO hubstaff_projects (organization_id, id, name, synced_at) VALUES (1, 1, ?, ?)').run('mine', now);

    await h.accounts.signOut(mine.id, { purgeCache: true });
    expect(await h.storedKeys()).toEqual([]);
    expect(h.accounts.list()).toEqual([]);
    expect(h.db.prepare('SELECT count(*) AS n FROM account_organizations').get()).toEqual({ n: 0 });
    expect(h.db.prepare('SELECT account_id FROM sync_cursors').all()).toEqual([{ account_id: 'hubstaff:other' }]);
    expect(h.db.prepare('SELECT count(*) AS n FROM hubstaff_projects').get()).toEqual({ n: 0 });
    expect(h.events.at(-1)).toEqual({ type: 'account-removed', accountId: mine.id });
    await expect(h.accounts.signOut(mine.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
