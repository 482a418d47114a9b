// Reconnecting a HubSpot account in place, against the HubSpot simulator over HTTP and real
// SQLite, with the tokens in memory (always) and in the real keychain (when there is one): the
// same portal and owner get the new credential and keep their cached tasks and settings;
// anything else (another portal, another owner, a refused or blank token) is refused with a
// typed error and leaves the stored credential and the row as they were.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FlowingClock } from '../../../../src/common/clock';
import { Accounts } from '../../../../src/main/core/auth/accounts';
import { HubspotAccounts, type HubspotAccountView } from '../../../../src/main/core/auth/hubspotAccounts';
import { openDatabase, type Db } from '../../../../src/main/core/db/database';
import { SyncEngine } from '../../../../src/main/core/sync/engine';
import { runHubspotAccount } from '../../../../src/main/core/sync/providerSync';
import { flowingTestClock } from '../../../helpers/clock';
import { waitFor } from '../../../helpers/waitFor';
import { DEFAULT_CLIENT, startHubspotSimulator, type HubspotSimulator } from '../../../sim-hubspot/index';
import { faultyKeychain } from './faultyKeychain';
import { describeOverStores, testSecrets, type TestSecrets } from '../secrets/testStores';

let dir: string;
let db: Db;
/** Stint's and the simulators': flows from the test instant (the engine test waits on real timers). */
let clock: FlowingClock;
let sim: HubspotSimulator;
let backend: TestSecrets;
let hubspot: HubspotAccounts;
let events: HubspotAccountView[];
const closers: (() => Promise<void> | void)[] = [];

const FAST_CLIENT = { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, random: () => 0.5 };
const now = (): number => clock.nowMs();
const newAccounts = (apiUrl: string): HubspotAccounts => new HubspotAccounts({ db, secrets: backend.store, apiUrl, client: FAST_CLIENT, now });

const me = (): string => String(sim.control.state.me.id);
/** Another owner of the portal, with a HubSpot user of their own. */
const otherOwner = () => sim.control.state.owners.find((o) => o.id !== me())!;
/** The stored credential, read straight from the backend (the keychain, or memory standing in for it). */
const keychainEntry = (accountId: string): Promise<string | null> => backend.read(accountId);
const sync = (a: HubspotAccountView) => runHubspotAccount(hubspot, db, hubspot.get(a.id), { now });

/** Everything a refused reconnect must leave alone, read straight from SQLite and the keychain. */
async function snapshot(accountId: string) {
  return {
    keychain: await keychainEntry(accountId),
    accounts: db.prepare('SELECT * FROM accounts ORDER BY id').all(),
    organizations: db.prepare('SELECT * FROM account_organizations ORDER BY account_id, position').all(),
    items: db.prepare("SELECT * FROM source_items WHERE provider = 'hubspot' ORDER BY external_id").all(),
  };
}

/** Signed in with a private app token, synced once (the sidebar has the tasks), then the token revoked and a sync run. */
async function revokedPrivateApp(): Promise<{ account: HubspotAccountView; oldToken: string }> {
  const { token } = sim.control.createPrivateApp();
  const account = await hubspot.signInWithPrivateAppToken(token);
  expect((await sync(account)).outcome).toBe('ok');
  sim.control.revoke(token);
  expect((await sync(account)).outcome).toBe('needs_reconnect');
  return { account: hubspot.get(account.id), oldToken: token };
}

async function revokedOAuth(): Promise<{ account: HubspotAccountView; oldRefresh: string }> {
  const { refresh_token } = sim.control.issueOAuthTokens();
  const account = await hubspot.signInWithOAuth({ clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token });
  expect((await sync(account)).outcome).toBe('ok');
  sim.control.revoke(refresh_token);
  // The access token from sign-in is still good until it expires; then the refresh is refused.
  sim.control.advanceClock(31 * 60_000);
  expect((await sync(account)).outcome).toBe('needs_reconnect');
  return { account: hubspot.get(account.id), oldRefresh: refresh_token };
}

describeOverStores('HubspotAccounts.reconnect (simulator, real SQLite)', 'memory', (store) => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stint-hubspot-reconnect-'));
    db = openDatabase(join(dir, 'stint.db')).db;
    clock = flowingTestClock();
    sim = await startHubspotSimulator({ seed: 31, data: { tasks: 40 }, clock: now });
    sim.control.setIndexLag(0);
    backend = testSecrets(store);
    hubspot = newAccounts(sim.baseUrl);
    events = [];
    hubspot.onChange((a) => events.push(a));
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    db.close();
    await sim.close();
    await backend.clear();
    rmSync(dir, { recursive: true, force: true });
  });

  it('private app: the same owner gets the new token in the keychain, is connected again and keeps its cached tasks and lookback', async () => {
    const { account, oldToken } = await revokedPrivateApp();
    hubspot.setLookbackMinutes(account.id, 45);
    expect(account).toMatchObject({ status: 'needs_reconnect', statusMessage: expect.stringMatching(/Update your HubSpot token/) });
    const before = await snapshot(account.id);
    expect(before.items.length).toBeGreaterThan(0);
    expect(JSON.parse(before.keychain!)).toEqual({ v: 1, kind: 'private_app', token: oldToken });
    events.length = 0;

    const { token } = sim.control.createPrivateApp();
    const after = await hubspot.reconnect(account.id, { kind: 'private_app', token: ` ${token}\n` });
    expect(after).toMatchObject({ id: account.id, status: 'connected', statusMessage: null, authKind: 'private_app', lookbackMinutes: 45, createdAt: account.createdAt });
    expect(JSON.parse((await keychainEntry(account.id))!)).toEqual({ v: 1, kind: 'private_app', token });
    const now = await snapshot(account.id);
    expect(now.items).toEqual(before.items);
    expect(now.organizations).toEqual(before.organizations);
    expect(events).toEqual([expect.objectContaining({ id: account.id, status: 'connected' })]);
    // The next sync uses the new token (the old client, with the revoked one, was replaced).
    const run = await sync(after);
    expect(run.outcome).toBe('ok');
    expect(hubspot.get(account.id).status).toBe('connected');
    expect(JSON.stringify(db.prepare('SELECT * FROM accounts').all())).not.toContain(token);
  });

  it('OAuth: a new refresh token for the same user clears needs_reconnect; the keychain holds the new grant', async () => {
    const { account, oldRefresh } = await revokedOAuth();
    expect(account.status).toBe('needs_reconnect');
    // needs_reconnect is sticky: a sync's "connected" cannot clear it, only a reconnect.
    expect(hubspot.setStatus(account.id, 'connected').status).toBe('needs_reconnect');
    const itemsBefore = (await snapshot(account.id)).items;

    const { refresh_token } = sim.control.issueOAuthTokens();
    const after = await hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token });
    expect(after).toMatchObject({ id: account.id, status: 'connected', statusMessage: null, authKind: 'oauth' });
    const stored = JSON.parse((await keychainEntry(account.id))!) as Record<string, unknown>;
    expect(stored).toMatchObject({ v: 1, kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token, accessToken: expect.any(String) });
    expect(JSON.stringify(stored)).not.toContain(oldRefresh);
    expect((await snapshot(account.id)).items).toEqual(itemsBefore);
    expect((await sync(after)).outcome).toBe('ok');
  });

  it('OAuth: a refresh token rotated after the reconnect is kept in the keychain, so a restart still signs in', async () => {
    const { account } = await revokedOAuth();
    sim.control.setRotateRefreshTokens(true);
    const given = sim.control.issueOAuthTokens().refresh_token;
    await hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: given });
    const afterReconnect = JSON.parse((await keychainEntry(account.id))!) as { refreshToken: string };
    // The access token expires; the sync's refresh rotates the refresh token.
    sim.control.advanceClock(31 * 60_000);
    expect((await sync(account)).outcome).toBe('ok');
    const rotated = JSON.parse((await keychainEntry(account.id))!) as { refreshToken: string };
    expect(rotated.refreshToken).not.toBe(afterReconnect.refreshToken);
    // A new process (the app restarted) signs in from the keychain alone.
    const restarted = newAccounts(sim.baseUrl);
    sim.control.advanceClock(31 * 60_000);
    expect((await runHubspotAccount(restarted, db, restarted.get(account.id), { now })).outcome).toBe('ok');
  });

  it('a client from before the reconnect runs on the new sign-in: the old grant never comes back nor parks the account', async () => {
    sim.control.setRotateRefreshTokens(true);
    const first = sim.control.issueOAuthTokens();
    const account = await hubspot.signInWithOAuth({ clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: first.refresh_token });
    const stale = await hubspot.client(account.id);
    await stale.accountDetails();
    const oldEntry = JSON.parse((await keychainEntry(account.id))!) as { refreshToken: string };
    await hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: sim.control.issueOAuthTokens().refresh_token });
    const newEntry = JSON.parse((await keychainEntry(account.id))!) as { refreshToken: string };
    sim.control.revoke(first.access_token); // the whole first grant

    // A run still holding the old client renews the token it is handed: the new grant's.
    sim.control.advanceClock(31 * 60_000);
    await expect(stale.accountDetails()).resolves.toMatchObject({ portalId: expect.any(Number) });
    const rotated = JSON.parse((await keychainEntry(account.id))!) as { refreshToken: string };
    expect(rotated.refreshToken).not.toBe(newEntry.refreshToken); // rotated, from the new grant…
    expect(rotated.refreshToken).not.toBe(oldEntry.refreshToken); // …never the old one
    expect(hubspot.get(account.id)).toMatchObject({ status: 'connected', statusMessage: null });
  });

  it('switches the kind of credential in place (private app to OAuth) for the same owner', async () => {
    const { account } = await revokedPrivateApp();
    const { refresh_token } = sim.control.issueOAuthTokens();
    const after = await hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token });
    expect(after).toMatchObject({ id: account.id, authKind: 'oauth', status: 'connected' });
    expect(JSON.parse((await keychainEntry(account.id))!)).toMatchObject({ kind: 'oauth', refreshToken: refresh_token });
  });

  it('refuses a credential for another owner (private app creator, OAuth user, or email) and changes nothing', async () => {
    const { account } = await revokedPrivateApp();
    const before = await snapshot(account.id);
    events.length = 0;
    const other = otherOwner();

    const theirApp = sim.control.createPrivateApp({ userId: other.userId }).token;
    await expect(hubspot.reconnect(account.id, { kind: 'private_app', token: theirApp })).rejects.toMatchObject({
      name: 'StintError',
      code: 'conflict',
      details: ['owner'],
      message: expect.stringMatching(/nothing was changed/),
    });
    const theirGrant = sim.control.issueOAuthTokens({ userId: other.userId }).refresh_token;
    await expect(
      hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: theirGrant }),
    ).rejects.toMatchObject({ code: 'conflict', details: ['owner'] });
    await expect(hubspot.reconnect(account.id, { kind: 'private_app', token: theirApp, email: other.email })).rejects.toMatchObject({ code: 'conflict', details: ['owner'] });

    expect(await snapshot(account.id)).toEqual(before);
    expect(events).toEqual([]);
    // Still the old (revoked) credential: a sync fails as before instead of using theirs.
    expect((await sync(hubspot.get(account.id))).outcome).toBe('needs_reconnect');

    // With our email, the other person's private app token reconnects our owner.
    const ok = await hubspot.reconnect(account.id, { kind: 'private_app', token: theirApp, email: sim.control.state.me.email });
    expect(ok).toMatchObject({ id: account.id, ownerId: me(), status: 'connected' });
  });

  it('refuses a credential from another portal and changes nothing', async () => {
    const { account } = await revokedPrivateApp();
    const before = await snapshot(account.id);
    const elsewhere = await startHubspotSimulator({ seed: 32, clock: now });
    closers.push(() => elsewhere.close());
    expect(elsewhere.control.state.portal.hubId).not.toBe(sim.control.state.portal.hubId);
    // The same data directory and keychain, with HubSpot answering for the other portal.
    const viaOther = newAccounts(elsewhere.baseUrl);
    const changed: HubspotAccountView[] = [];
    viaOther.onChange((a) => changed.push(a));

    const { token } = elsewhere.control.createPrivateApp();
    const e = await viaOther.reconnect(account.id, { kind: 'private_app', token }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'conflict', details: ['portal'] });
    expect((e as Error).message).toContain(String(elsewhere.control.state.portal.hubId));
    expect(await snapshot(account.id)).toEqual(before);
    expect(changed).toEqual([]);
  });

  it('refuses a rejected or blank credential, or an unknown account, and changes nothing', async () => {
    const { account } = await revokedPrivateApp();
    const before = await snapshot(account.id);
    events.length = 0;
    const { token } = sim.control.createPrivateApp();
    sim.control.revoke(token);
    await expect(hubspot.reconnect(account.id, { kind: 'private_app', token })).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/rejected/) });
    await expect(hubspot.reconnect(account.id, { kind: 'private_app', token: '   ' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(hubspot.reconnect(account.id, { kind: 'private_app', token: 'two words' })).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(
      hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: 'not-a-refresh-token' }),
    ).rejects.toMatchObject({ code: 'auth_failed' });
    await expect(hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: 'wrong-secret', refreshToken: sim.control.issueOAuthTokens().refresh_token })).rejects.toMatchObject({
      code: 'auth_failed',
    });
    await expect(hubspot.reconnect(account.id, { kind: 'carrier_pigeon' } as never)).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(hubspot.reconnect('hubspot:1:2', { kind: 'private_app', token: sim.control.createPrivateApp().token })).rejects.toMatchObject({ code: 'not_found' });
    expect(await snapshot(account.id)).toEqual(before);
    expect(events).toEqual([]);
  });

  it('puts the previous keychain entry back when the account row cannot be written', async () => {
    const { account } = await revokedPrivateApp();
    const before = await snapshot(account.id);
    // A real SQLite failure at the row write (as a full disk would give).
    db.exec("CREATE TRIGGER refuse_update BEFORE UPDATE ON accounts BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    const { token } = sim.control.createPrivateApp();
    await expect(hubspot.reconnect(account.id, { kind: 'private_app', token })).rejects.toThrow(/disk I\/O error/);
    db.exec('DROP TRIGGER refuse_update');
    expect(await snapshot(account.id)).toEqual(before);
  });

  it('when the previous entry cannot even be read, a failed row write keeps the new credential rather than deleting the only one', async () => {
    const { account } = await revokedPrivateApp();
    const keychain = faultyKeychain();
    const flaky = new HubspotAccounts({ db, secrets: keychain.wrap(backend.store), apiUrl: sim.baseUrl, client: FAST_CLIENT, now });
    db.exec("CREATE TRIGGER refuse_update BEFORE UPDATE ON accounts BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
    const { token } = sim.control.createPrivateApp();
    keychain.failReads();
    await expect(flaky.reconnect(account.id, { kind: 'private_app', token })).rejects.toThrow(/disk I\/O error/);
    db.exec('DROP TRIGGER refuse_update');
    expect(JSON.parse((await keychainEntry(account.id))!)).toEqual({ v: 1, kind: 'private_app', token });
  });

  it('the change event unparks the account in a running sync engine, which polls it again', async () => {
    const hubstaff = new Accounts({ db, secrets: backend.store, openExternal: async () => {}, now });
    closers.push(() => hubstaff.close());
    const { account } = await revokedOAuth();
    const engine = new SyncEngine({ db, accounts: hubstaff, hubspot, lockDir: dir, scheduler: { intervalMs: 100 }, now });
    closers.push(() => engine.close());
    engine.start();
    sim.control.clearRequestLog();
    // Parked: several intervals pass with no request to HubSpot at all.
    await new Promise((r) => setTimeout(r, 600));
    expect(sim.control.requests()).toEqual([]);

    const created = sim.control.createTask({ hs_task_subject: 'Send the renewal quote', hubspot_owner_id: me() });
    await hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: sim.control.issueOAuthTokens().refresh_token });
    await waitFor(() => db.prepare("SELECT 1 FROM source_items WHERE provider = 'hubspot' AND external_id = ?").get(String(created.id)) !== undefined, 'the task created after the reconnect to be synced');
    expect(engine.status().accounts).toEqual([expect.objectContaining({ accountId: account.id, status: 'connected' })]);
  });
});
