import { isAllowedExternalUrl } from '../../../../src/main/core/shell/externalUrls';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HubspotAccounts } from '../../../../src/main/core/auth/hubspotAccounts';
import { Accounts } from '../../../../src/main/core/auth/accounts';
import type { Db } from '../../../../src/main/core/db/database';
import { openDatabase } from '../../../../src/main/core/db/database';
import { HUBSPOT_TASKS_STREAM } from '../../../../src/main/core/providers/hubspot/adapter';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import { SourceItems } from '../../../../src/main/core/sources/sourceItems';
import { runHubspotAccount } from '../../../../src/main/core/sync/providerSync';
import { readCursor } from '../../../../src/main/core/sync/store/cursors';
import { listStreamStatus } from '../../../../src/main/core/sync/store/syncStatus';
import type { HubspotSimulator } from '../../../sim-hubspot/index';
import { DEFAULT_CLIENT, OWNERS_SCOPE, startHubspotSimulator } from '../../../sim-hubspot/index';

const T0 = Date.parse('2024-06-10T12:00:00.000Z');

let dir: string;
let db: Db;
let sim: HubspotSimulator;
let secrets: MemorySecretStore;
let accounts: HubspotAccounts;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stint-hubspot-sync-'));
  db = openDatabase(join(dir, 'stint.db')).db;
  sim = await startHubspotSimulator({ seed: 21, clock: () => T0 });
  secrets = new MemorySecretStore();
  accounts = new HubspotAccounts({
    db,
    secrets,
    apiUrl: sim.baseUrl,
    now: () => sim.control.now(),
    client: { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 }, sleep: async (ms) => void sim.control.advanceClock(Math.ceil(ms)), random: () => 0.5 },
  });
});

afterEach(async () => {
  db.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const sidebar = () => new SourceItems(db).list({ provider: 'hubspot' });
const myOpenTaskIds = () =>
  sim.control
    .tasks({ ownerId: String(sim.control.state.me.id) })
    .map((t) => t as { id: string })
    .map((t) => t.id)
    .sort();

describe('HubSpot sign-in', () => {
  it('stores a private app token in the keychain only, with the owner and the portal as organization', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await accounts.signInWithPrivateAppToken(token);
    const me = sim.control.state.me;
    expect(a).toMatchObject({ provider: 'hubspot', ownerId: String(me.id), authKind: 'private_app', status: 'connected', portalId: String(sim.control.state.portal.hubId) });
    expect(JSON.parse((await secrets.get(a.id))!)).toEqual({ v: 1, kind: 'private_app', token });
    const dump = JSON.stringify(db.prepare('SELECT * FROM accounts').all()) + JSON.stringify(db.prepare('SELECT * FROM account_organizations').all());
    expect(dump).not.toContain(token);
    // The Hubstaff accounts service does not see it.
    const hubstaff = new Accounts({ db, secrets, openExternal: async () => {} });
    expect(hubstaff.list()).toEqual([]);
    hubstaff.close();
  });

  it('refuses a rejected token and saves nothing', async () => {
    const { token } = sim.control.createPrivateApp();
    sim.control.revoke(token);
    await expect(accounts.signInWithPrivateAppToken(token)).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('nothing was saved') });
    expect(accounts.list()).toEqual([]);
  });

  it('signs in with OAuth (client id, secret, refresh token) and keeps the rotated token set in the keychain', async () => {
    const { refresh_token } = sim.control.issueOAuthTokens();
    const a = await accounts.signInWithOAuth({ clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token });
    expect(a).toMatchObject({ authKind: 'oauth', ownerId: String(sim.control.state.me.id) });
    const stored = JSON.parse((await secrets.get(a.id))!) as Record<string, unknown>;
    expect(stored).toMatchObject({ kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, refreshToken: expect.any(String), accessToken: expect.any(String) });
  });
});

describe('HubSpot tasks sync into source_items', () => {
  it('first sync fills the sidebar with my tasks; an incremental sync reads only the lookback window and picks up changes and archives', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await accounts.signInWithPrivateAppToken(token);
    const first = await runHubspotAccount(accounts, db, a, { now: () => sim.control.now() });
    expect(first.outcome).toBe('ok');
    const items = sidebar();
    expect(items.map((i) => i.externalId).sort()).toEqual(myOpenTaskIds());
    for (const i of items) expect(i).toMatchObject({ provider: 'hubspot', orgId: a.portalId, assigneeIds: [a.ownerId] });
    const completed = sim.control.tasks({ ownerId: a.ownerId, status: ['COMPLETED'] }).length;
    expect(items.filter((i) => i.status === 'completed')).toHaveLength(completed);
    const cursor = readCursor<{ since: string }>(db, a.id, Number(a.portalId), HUBSPOT_TASKS_STREAM)!.cursor;
    expect(Date.parse(cursor.since)).toBeGreaterThan(0);

    // Changes after the first run: a new task, a completion, an archive.
    sim.control.advanceClock(60_000);
    const created = sim.control.createTask({ hs_task_subject: 'Call the new lead', hs_task_status: 'NOT_STARTED', hubspot_owner_id: a.ownerId }) as { id: string };
    const open = items.find((i) => i.status === 'active')!;
    const toArchive = items.find((i) => i.externalId !== open.externalId)!;
    sim.control.completeTask(open.externalId);
    sim.control.archiveTask(toArchive.externalId);
    sim.control.clearRequestLog();

    const second = await runHubspotAccount(accounts, db, accounts.get(a.id), { now: () => sim.control.now() });
    expect(second.outcome).toBe('ok');
    const searches = sim.control.requests().filter((r) => r.path.endsWith('/search'));
    // The incremental query starts 10 minutes (the default lookback) before the stored cursor.
    const bodies = searches.map((r) => JSON.stringify(r.body ?? ''));
    expect(bodies.some((b) => b.includes(String(Date.parse(cursor.since) - 10 * 60_000)))).toBe(true);
    const after = new Map(sidebar().map((i) => [i.externalId, i]));
    expect(after.get(created.id)).toMatchObject({ title: 'Call the new lead', status: 'active' });
    // Its record page in HubSpot, for "Open in HubSpot" (the shell's allow-list takes it).
    expect(after.get(created.id)?.url).toBe(`https://app.hubspot.com/contacts/${a.portalId}/record/0-27/${created.id}`);
    expect(isAllowedExternalUrl(after.get(created.id)!.url!)).toBe(true);
    expect(after.get(open.externalId)?.status).toBe('completed');
    // An archive is not in the change feed: the re-check of cached tasks finds it, at its next
    // pass (hourly, so an idle poll stays at one search).
    expect(searches).toHaveLength(1);
    expect(after.has(toArchive.externalId)).toBe(true);
    sim.control.advanceClock(60 * 60_000);
    const third = await runHubspotAccount(accounts, db, accounts.get(a.id), { now: () => sim.control.now() });
    expect(sidebar().some((i) => i.externalId === toArchive.externalId)).toBe(false);
    expect(third.streams[0]).toMatchObject({ stream: HUBSPOT_TASKS_STREAM, removed: 1, warning: null });
  });

  it('stores task titles cleaned of control and bidi characters; one with nothing readable as "HubSpot task <id>"', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await accounts.signInWithPrivateAppToken(token);
    const spoofed = sim.control.createTask({ hs_task_subject: 'Call \u202enoskcaJ\u202c\u0000 back\t[15m]', hs_task_status: 'NOT_STARTED', hubspot_owner_id: a.ownerId }) as { id: string };
    const blank = sim.control.createTask({ hs_task_subject: '\u2067\u0000\u2069', hs_task_status: 'NOT_STARTED', hubspot_owner_id: a.ownerId }) as { id: string };
    expect((await runHubspotAccount(accounts, db, a, { now: () => sim.control.now() })).outcome).toBe('ok');
    const stored = (id: string) => db.prepare("SELECT title FROM source_items WHERE provider = 'hubspot' AND external_id = ?").pluck().get(id);
    expect(stored(spoofed.id)).toBe('Call noskcaJ back [15m]');
    expect(stored(blank.id)).toBe(`HubSpot task ${blank.id}`);
    expect(sidebar().find((i) => i.externalId === spoofed.id)?.title).toBe('Call noskcaJ back [15m]');
  });

  it('re-checks cached tasks a slice per run: an idle poll costs at most 2 requests, a pass starts hourly, a full run checks all at once', async () => {
    await sim.close();
    sim = await startHubspotSimulator({ seed: 22, clock: () => T0, data: { tasks: 700, myShare: 0.5 } });
    accounts = new HubspotAccounts({ db, secrets, apiUrl: sim.baseUrl, now: () => sim.control.now(), client: { random: () => 0.5, sleep: async (ms) => void sim.control.advanceClock(Math.ceil(ms)) } });
    const a = await accounts.signInWithPrivateAppToken(sim.control.createPrivateApp().token);
    const run = async (full = false) => {
      sim.control.clearRequestLog();
      const r = await runHubspotAccount(accounts, db, accounts.get(a.id), { now: () => sim.control.now(), full });
      expect(r.outcome).toBe('ok');
      return { searches: sim.control.requests().filter((x) => x.path.endsWith('/search')).length, removed: r.streams[0]!.removed };
    };
    await run();
    const cached = sidebar().length;
    expect(cached).toBeGreaterThan(300); // several slices of 100
    // Every idle poll: the change search, plus one slice of the re-check while a pass runs.
    const passRuns = Math.ceil(cached / 100);
    const costs: number[] = [];
    for (let i = 1; i < passRuns + 3; i++) {
      sim.control.advanceClock(30_000);
      costs.push((await run()).searches);
    }
    expect(Math.max(...costs)).toBeLessThanOrEqual(2);
    expect(costs.slice(-3)).toEqual([1, 1, 1]); // the pass is over: only the change search until the next hour
    // A task given to someone else is found at the next pass, within the hour plus one pass.
    const given = sidebar().at(-1)!; // the last id of a pass
    sim.control.updateTask(given.externalId, { hubspot_owner_id: String(sim.control.owners().find((o) => String(o.id) !== a.ownerId)!.id) });
    sim.control.advanceClock(60 * 60_000);
    let found = false;
    for (let i = 0; i < passRuns && !found; i++) {
      sim.control.advanceClock(30_000);
      found = (await run()).removed === 1;
    }
    expect(found).toBe(true);
    // On demand: a full run re-checks everything at once.
    const full = await run(true);
    expect(full.searches).toBeGreaterThanOrEqual(1 + Math.ceil((cached - 1) / 100));
  });

  it('a new start date reads again from that day (only tasks changed since), and back to the default reads everything', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await accounts.signInWithPrivateAppToken(token);
    const run = async () => (await runHubspotAccount(accounts, db, accounts.get(a.id), { now: () => sim.control.now() })).streams[0]!.written;
    const modified = sim.control.tasks({ ownerId: String(sim.control.state.me.id) }).map((t) => String((t as { updatedAt: string }).updatedAt));
    expect(await run()).toBe(modified.length);
    const incremental = await run();
    expect(incremental).toBeLessThan(modified.length);

    // A day in the middle of the seeded changes: the next run reads exactly those since then.
    const day = [...modified].sort()[Math.floor(modified.length / 2)]!.slice(0, 10);
    expect(accounts.updateSettings(a.id, { startDate: day }).startDate).toBe(day);
    const since = modified.filter((m) => m >= `${day}T00:00:00.000Z`).length;
    expect(since).toBeGreaterThan(0);
    expect(since).toBeLessThan(modified.length);
    expect(await run()).toBe(since);
    expect(await run()).toBeLessThanOrEqual(since); // and goes on incrementally from there
    expect(readCursor<{ from: string }>(db, a.id, Number(a.portalId), HUBSPOT_TASKS_STREAM)!.cursor.from).toBe(`${day}T00:00:00Z`);

    expect(accounts.setStartDate(a.id, null).startDate).toBeNull();
    expect(await run()).toBe(modified.length);
  });

  it('refuses a start date that is not a day from 2006-06-01 to today, changing nothing', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await accounts.signInWithPrivateAppToken(token);
    for (const bad of ['2006-05-31', '2024-02-30', 'yesterday', '2099-01-01', '']) {
      expect(() => accounts.updateSettings(a.id, { startDate: bad, lookbackMinutes: 5 })).toThrow(expect.objectContaining({ code: 'invalid_argument', details: ['startDate'] }));
    }
    expect(accounts.get(a.id)).toMatchObject({ startDate: null, lookbackMinutes: a.lookbackMinutes });
    // HubSpot's own first day is the default, stored as such.
    expect(accounts.setStartDate(a.id, '2006-06-01').startDate).toBeNull();
  });

  it('a refused private app token makes the account needs_reconnect with "update your HubSpot token", and is not retried', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await accounts.signInWithPrivateAppToken(token);
    sim.control.revoke(token);
    sim.control.clearRequestLog();
    const r = await runHubspotAccount(accounts, db, a, { now: () => sim.control.now() });
    expect(r.outcome).toBe('needs_reconnect');
    expect(sim.control.requests()).toHaveLength(1);
    const now = accounts.get(a.id);
    expect(now.status).toBe('needs_reconnect');
    expect(now.statusMessage).toMatch(/update your HubSpot token/i);
  });

  it('a run that started before a reconnect does not report its old token’s failure: its retry runs on the new sign-in', async () => {
    const first = sim.control.createPrivateApp();
    const a = await accounts.signInWithPrivateAppToken(first.token);
    // The run's search is held on the wire; meanwhile the old token is revoked and a new one reconnects the account.
    sim.control.injectFaults({ kind: 'slow', path: '/tasks/search$', nth: 1, delayMs: 800 });
    const stale = runHubspotAccount(accounts, db, a, { now: () => sim.control.now() });
    await expect.poll(() => sim.requests.some((r) => r.path.endsWith('/tasks/search'))).toBe(true);
    sim.control.revoke(first.token);
    const second = sim.control.createPrivateApp();
    await accounts.reconnect(a.id, { kind: 'private_app', token: second.token });
    const r = await stale;
    expect(r.outcome).toBe('ok'); // the old token was refused; the one retry got the new one
    expect(accounts.get(a.id)).toMatchObject({ status: 'connected', statusMessage: null });
    expect((await runHubspotAccount(accounts, db, accounts.get(a.id), { now: () => sim.control.now() })).outcome).toBe('ok');
  });

  it('an OAuth refresh HubSpot refuses makes the account needs_reconnect', async () => {
    const { refresh_token } = sim.control.issueOAuthTokens();
    const a = await accounts.signInWithOAuth({ clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token });
    sim.control.revoke(refresh_token);
    sim.control.advanceClock(31 * 60_000); // past the 30-minute access token
    const r = await runHubspotAccount(accounts, db, a, { now: () => sim.control.now() });
    expect(r.outcome).toBe('needs_reconnect');
    expect(accounts.get(a.id).status).toBe('needs_reconnect');
  });

  it('a missing scope is a warning on the tasks stream naming the scope; the run still completes', async () => {
    const { token } = sim.control.createPrivateApp({ scopes: [OWNERS_SCOPE, 'oauth'] });
    const a = await accounts.signInWithPrivateAppToken(token);
    const r = await runHubspotAccount(accounts, db, a, { now: () => sim.control.now() });
    expect(r.outcome).toBe('ok');
    expect(r.streams[0]!.warning?.code).toBe('missing_scopes');
    expect(r.streams[0]!.warning?.message).toContain('crm.objects.contacts.read');
    const status = listStreamStatus(db, a.id).find((s) => s.stream === HUBSPOT_TASKS_STREAM)!;
    expect(status.lastError?.message).toContain('crm.objects.contacts.read');
    expect(accounts.get(a.id).status).toBe('connected');
  });
});
