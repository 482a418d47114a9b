import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/common/dates';
import type { HubspotSimulator } from '../../../sim-hubspot/index';
import { startHubspotSimulator } from '../../../sim-hubspot/index';
import { lines, setupCli, type CliHarness } from './helpers';
import { TEST_NOW_MS, testClock } from '../../../helpers/clock';

// `stint accounts`, `stint auth sign-out` and the request budget in `stint status`, in this
// process against the Hubstaff and HubSpot simulators (tokens in a MemorySecretStore).

let c: CliHarness;
let hs: HubspotSimulator | null = null;
afterEach(async () => {
  await hs?.close();
  hs = null;
  await c?.close();
});

const today = new Date(TEST_NOW_MS).toISOString().slice(0, 10);
const recent = { from: addDays(today, -5), to: addDays(today, -1), density: 0.3, notAfter: new Date(TEST_NOW_MS - 3_600_000).toISOString() };
const FAST_CLIENT = { sleep: async () => {}, random: () => 0.5, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } };

/** Signed in to Hubstaff (one org selected, synced) and to HubSpot. */
async function twoAccounts(budgetNow?: () => number) {
  c = await setupCli({ data: { activities: recent } }, { client: { ...FAST_CLIENT, ...(budgetNow ? { budget: { now: budgetNow } } : {}) } });
  hs = await startHubspotSimulator({ seed: 4 });
  const env = { STINT_HUBSPOT_API_URL: hs.baseUrl };
  expect((await c.run(['auth', 'pat'], { stdin: c.sim.control.issuePersonalAccessToken() })).code).toBe(0);
  expect((await c.run(['orgs', 'select', String(c.sim.control.myOrganizationIds()[0])])).code).toBe(0);
  const sync = await c.run(['sync', '--once', '--json']);
  expect(sync).toMatchObject({ code: 0, err: '' });
  expect((await c.run(['auth', 'hubspot-token'], { stdin: hs.control.createPrivateApp().token, env })).code).toBe(0);
  const hubstaffId = `hubstaff:${c.sim.control.me().id}`;
  const hubspotId = (JSON.parse((await c.run(['accounts', '--json'])).out).accounts as { id: string }[])[1]!.id;
  return { env, hubstaffId, hubspotId, syncRequests: JSON.parse(sync.out).requests as number };
}

function rows(dir: string, sql: string, ...args: unknown[]): unknown[] {
  const db = new Database(join(dir, 'stint.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...args);
  } finally {
    db.close();
  }
}

describe('stint accounts', () => {
  it('lists every account, Hubstaff and HubSpot, with its status and why', async () => {
    const { hubstaffId } = await twoAccounts();
    const r = await c.run(['accounts', '--json']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const out = JSON.parse(r.out);
    expect(Object.keys(out)).toEqual(['accounts']);
    expect(out.accounts).toHaveLength(2);
    for (const a of out.accounts) expect(Object.keys(a)).toEqual(['id', 'provider', 'name', 'status', 'reason']);
    expect(out.accounts).toEqual([
      { id: hubstaffId, provider: 'hubstaff', name: (c.sim.control.me() as { name: string }).name, status: 'connected', reason: null },
      { id: expect.stringMatching(/^hubspot:/), provider: 'hubspot', name: expect.any(String), status: 'connected', reason: null },
    ]);

    // A revoked grant shows up with its reason.
    c.sim.control.revokeGrant(c.sim.control.me().id as number);
    expect((await c.run(['sync', '--once'])).code).toBe(3);
    const after = JSON.parse((await c.run(['accounts', '--json'])).out).accounts[0];
    expect(after).toMatchObject({ id: hubstaffId, status: 'needs_reconnect', reason: expect.stringMatching(/\S/) });

    const text = await c.run(['accounts']);
    expect(text.code).toBe(0);
    expect(lines(text.out)).toHaveLength(2);
    expect(text.out).toContain(`${hubstaffId}  Hubstaff`);
    expect(text.out).toContain('needs_reconnect — ');
  });

  it('with no account: an empty list, exit 0; bad usage exits 2', async () => {
    c = await setupCli({ data: { activities: false } });
    expect(await c.run(['accounts', '--json'])).toEqual({ code: 0, out: '{"accounts":[]}\n', err: '' });
    for (const argv of [['accounts', 'extra'], ['accounts', '--bogus']]) {
      const r = await c.run(argv);
      expect(r, argv.join(' ')).toMatchObject({ code: 2, out: '' });
      expect(lines(r.err)).toHaveLength(1);
    }
  });
});

it('both commands are in the usage text', async () => {
  c = await setupCli({ data: { activities: false } });
  const help = (await c.run(['--help'])).out;
  expect(help).toContain('stint accounts [--json]');
  expect(help).toContain('stint auth sign-out [--account ID] [--purge]');
  expect((await c.run(['auth', 'bogus'])).err).toContain('sign-out');
});

describe('stint auth sign-out', () => {
  it('with one account --account may be left out; the token leaves the store, the cached data stays', async () => {
    c = await setupCli({ data: { activities: recent } });
    expect((await c.run(['auth', 'pat'], { stdin: c.sim.control.issuePersonalAccessToken() })).code).toBe(0);
    expect((await c.run(['orgs', 'select', String(c.sim.control.myOrganizationIds()[0])])).code).toBe(0);
    expect((await c.run(['sync', '--once'])).code).toBe(0);
    const id = `hubstaff:${c.sim.control.me().id}`;
    expect(await c.secrets.get(id)).not.toBeNull();
    const cached = rows(c.dir, 'SELECT 1 FROM hubstaff_activities').length;
    expect(cached).toBeGreaterThan(0);

    const r = await c.run(['auth', 'sign-out', '--json']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toEqual({ id, provider: 'hubstaff', purged: false });
    expect(await c.secrets.get(id)).toBeNull();
    expect(rows(c.dir, 'SELECT 1 FROM hubstaff_activities')).toHaveLength(cached);
    expect(JSON.parse((await c.run(['accounts', '--json'])).out).accounts).toEqual([
      expect.objectContaining({ id, status: 'needs_reconnect', reason: expect.stringContaining('Signed out') }),
    ]);
    // Nothing is sent for a signed-out account.
    const seen = c.sim.requests.length;
    expect((await c.run(['sync', '--once'])).code).toBe(3);
    expect(c.sim.requests.length).toBe(seen);
  });

  it('with several accounts and no --account: exit 2 naming the ids; an unknown id: exit 2; nothing signed out', async () => {
    const { hubstaffId, hubspotId } = await twoAccounts();
    const several = await c.run(['auth', 'sign-out']);
    expect(several).toMatchObject({ code: 2, out: '' });
    expect(lines(several.err)).toEqual([`stint: Several accounts are signed in (${hubstaffId}, ${hubspotId}): choose one with --account.`]);
    const unknown = await c.run(['auth', 'sign-out', '--account', 'hubstaff:999999']);
    expect(unknown).toMatchObject({ code: 2, out: '' });
    expect(lines(unknown.err)).toEqual([`stint: No account hubstaff:999999; accounts: ${hubstaffId}, ${hubspotId}.`]);
    expect((await c.run(['auth', 'sign-out', '--account'])).code).toBe(2);
    expect((await c.run(['auth', 'sign-out', '--purge', 'extra'])).code).toBe(2);
    expect(await c.secrets.get(hubstaffId)).not.toBeNull();
    expect(await c.secrets.get(hubspotId)).not.toBeNull();
    expect(JSON.parse((await c.run(['accounts', '--json'])).out).accounts.map((a: { status: string }) => a.status)).toEqual(['connected', 'connected']);
  });

  it('with no account at all: exit 3', async () => {
    c = await setupCli({ data: { activities: false } });
    const r = await c.run(['auth', 'sign-out']);
    expect(r).toMatchObject({ code: 3, out: '' });
    expect(lines(r.err)).toHaveLength(1);
  });

  it('--purge removes the account and its cached rows, and leaves the other account alone', async () => {
    const { env, hubstaffId, hubspotId } = await twoAccounts();
    expect(rows(c.dir, 'SELECT 1 FROM hubstaff_activities').length).toBeGreaterThan(0);
    expect(rows(c.dir, "SELECT 1 FROM source_items WHERE provider = 'hubstaff'").length).toBeGreaterThan(0);
    const hubspotItems = rows(c.dir, "SELECT 1 FROM source_items WHERE provider = 'hubspot'").length;
    expect(hubspotItems).toBeGreaterThan(0);

    const r = await c.run(['auth', 'sign-out', '--account', hubstaffId, '--purge']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(await c.secrets.get(hubstaffId)).toBeNull();
    expect(rows(c.dir, 'SELECT 1 FROM hubstaff_activities')).toEqual([]);
    expect(rows(c.dir, "SELECT 1 FROM source_items WHERE provider = 'hubstaff'")).toEqual([]);
    expect(rows(c.dir, 'SELECT 1 FROM request_budgets WHERE account_id = ?', hubstaffId)).toEqual([]);
    expect(rows(c.dir, "SELECT 1 FROM source_items WHERE provider = 'hubspot'")).toHaveLength(hubspotItems);
    expect(r.out).toBe(`Signed out of ${hubstaffId}; its cached data is deleted.\n`);
    expect(JSON.parse((await c.run(['accounts', '--json'], { env })).out).accounts.map((a: { id: string }) => a.id)).toEqual([hubspotId]);

    // HubSpot too; with one account left --account is not needed.
    const out = await c.run(['auth', 'sign-out', '--purge', '--json'], { env });
    expect(JSON.parse(out.out)).toEqual({ id: hubspotId, provider: 'hubspot', purged: true });
    expect(await c.secrets.get(hubspotId)).toBeNull();
    expect(rows(c.dir, "SELECT 1 FROM source_items WHERE provider = 'hubspot'")).toEqual([]);
    expect(JSON.parse((await c.run(['accounts', '--json'])).out)).toEqual({ accounts: [] });
  });
});

describe('stint status: the request budget', () => {
  it('shows what is left this hour, spent by every process, and refilling by the clock', async () => {
    const budgetClock = testClock();
    const { env, syncRequests } = await twoAccounts(budgetClock.nowMs);
    const status = JSON.parse((await c.run(['status', '--json'])).out);
    const [hubstaff, hubspot] = status.accounts;
    // The existing fields stay; the budget is added.
    expect(Object.keys(hubstaff)).toEqual(['provider', 'userId', 'status', 'organizations', 'lastSyncedAt', 'streams', 'budget']);
    expect(syncRequests).toBeGreaterThan(0);
    expect(hubstaff.budget).toEqual({ remaining: 1000 - syncRequests, perHour: 1000 });
    expect(hubspot).toMatchObject({ provider: 'hubspot', budget: null });

    // A second sync (another process: a new core each command) spends from the same bucket.
    const before = c.sim.requests.length;
    expect((await c.run(['sync', '--once'], { env })).code).toBe(0);
    let again = c.sim.requests.slice(before).filter((r) => r.path.startsWith('/v2/')).length; // Hubstaff's API, not HubSpot's
    expect(again).toBeGreaterThan(0);
    expect(JSON.parse((await c.run(['status', '--json'])).out).accounts[0].budget.remaining).toBe(1000 - syncRequests - again);

    // Listing the organizations (stint orgs) is charged to the same budget.
    const beforeOrgs = c.sim.requests.length;
    expect((await c.run(['orgs', '--json'])).code).toBe(0);
    const orgsRequests = c.sim.requests.slice(beforeOrgs).filter((r) => r.path.startsWith('/v2/')).length;
    expect(orgsRequests).toBeGreaterThan(0);
    again += orgsRequests;
    expect(JSON.parse((await c.run(['status', '--json'])).out).accounts[0].budget.remaining).toBe(1000 - syncRequests - again);

    // An hour on, the bucket is full again (the exact refill rate: tests/main/core/sync/budget.shared.test.ts).
    // The budget's clock stands while the CLI's own (orgs) flows on, so only whole-hour steps are exact here.
    budgetClock.advance(3_600_000);
    expect(JSON.parse((await c.run(['status', '--json'])).out).accounts[0].budget.remaining).toBe(1000);
    expect((await c.run(['status'])).out).toContain('request budget: 1000 of 1000 left this hour');
  });
});
