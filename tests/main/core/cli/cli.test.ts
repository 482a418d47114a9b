import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/common/dates';
import { ORG_STREAMS, STREAMS } from '../../../../src/main/core/sync/streams/types';
import { closedPort, lines, setupCli, type CliHarness } from './helpers';
import { TEST_NOW_MS } from '../../../helpers/clock';

// The headless CLI in this process (tokens in memory, so it runs without a keychain) against
// the simulator over HTTP: every command's output shape, and the exit codes with one stderr
// line per failure. tests/main/core/cli/keychain.test.ts runs the real `stint` binary on the
// real keychain; crash.test.ts kills it mid-backfill.

let c: CliHarness;
afterEach(async () => c?.close());

// The harness's clock starts at the test instant: the activities end an hour before it.
const today = new Date(TEST_NOW_MS).toISOString().slice(0, 10);
const recent = { from: addDays(today, -10), to: addDays(today, -1), density: 0.3, notAfter: new Date(TEST_NOW_MS - 3_600_000).toISOString() };

async function signedIn(sim = {}) {
  c = await setupCli({ data: { activities: recent, foreignOrganizations: 1 }, ...sim });
  const pat = c.sim.control.issuePersonalAccessToken();
  const auth = await c.run(['auth', 'pat'], { stdin: `${pat}\n` });
  expect(auth).toMatchObject({ code: 0, err: '' });
  return pat;
}

describe('stint CLI', () => {
  it('auth pat → orgs → orgs select → sync --once → status, items, week, export: the documented shapes', async () => {
    await signedIn();
    const me = c.sim.control.me() as { id: number; name: string };
    const [org] = c.sim.control.myOrganizationIds();

    const orgs = await c.run(['orgs', '--json']);
    expect(orgs.code).toBe(0);
    expect(JSON.parse(orgs.out)).toEqual([{ id: org, name: expect.any(String), status: 'active', selected: false }]);

    expect(await c.run(['orgs', 'select', `${org}`])).toEqual({ code: 0, out: `Selected organization ${org}.\n`, err: '' });

    const sync = await c.run(['sync', '--once', '--json']);
    expect(sync.err).toBe('');
    expect(sync.code).toBe(0);
    const report = JSON.parse(sync.out);
    expect(Object.keys(report)).toEqual(['status', 'requests', 'records', 'skipped']);
    expect(report.status).toBe('idle');
    expect(report.requests).toBe(c.sim.requests.filter((r) => r.path.startsWith('/v2') && r.path !== '/v2/users/me' && r.path !== '/v2/organizations').length + 2);
    // Every stream is counted, HubSpot's too (0 without a HubSpot account).
    expect(Object.keys(report.records)).toEqual([...STREAMS, 'hubspot_tasks']);
    expect(report.records.activities).toBe(c.sim.control.countActivities({ orgId: org! }));
    expect(Object.values(report.skipped)).toEqual([...STREAMS, 'hubspot_tasks'].map(() => 0));

    const status = JSON.parse((await c.run(['status', '--json'])).out);
    expect(Object.keys(status)).toEqual(['accounts']);
    expect(status.accounts).toHaveLength(1);
    const [account] = status.accounts;
    expect(Object.keys(account)).toEqual(['provider', 'userId', 'status', 'organizations', 'lastSyncedAt', 'streams', 'budget']);
    expect(account).toMatchObject({ provider: 'hubstaff', userId: String(me.id), status: 'connected', organizations: [org], lastSyncedAt: expect.any(String) });
    expect(account.streams.map((s: { stream: string }) => s.stream)).toEqual([...ORG_STREAMS]);
    for (const s of account.streams) {
      expect(Object.keys(s)).toEqual(['orgId', 'stream', 'lastSuccessAt', 'lastError']);
      expect(s).toMatchObject({ orgId: org, lastSuccessAt: expect.any(String), lastError: null });
    }

    const items = JSON.parse((await c.run(['items', '--json'])).out);
    const upstream = c.sim.control.tasks({ orgId: org, status: ['active', 'completed'] });
    expect(items).toHaveLength(upstream.length);
    for (const i of items) expect(Object.keys(i)).toEqual(['provider', 'orgId', 'externalId', 'title', 'status', 'projectName', 'assigneeIds']);
    const first = upstream[0] as { id: number; summary: string; status: string; assignee_ids: number[] };
    expect(items).toContainEqual(
      expect.objectContaining({ provider: 'hubstaff', orgId: String(org), externalId: String(first.id), title: first.summary, status: first.status, assigneeIds: first.assignee_ids.map(String) }),
    );

    const week = JSON.parse((await c.run(['week', '--date', addDays(today, -7), '--json'])).out);
    expect(Object.keys(week)).toEqual(['weekStart', 'days', 'entries']);
    expect(week.days).toHaveLength(7);
    for (const d of week.days) expect(Object.keys(d)).toEqual(['date', 'plannedMinutes', 'trackedMinutes', 'timeOff']);
    expect(week.days.reduce((a: number, d: { trackedMinutes: number }) => a + d.trackedMinutes, 0)).toBeGreaterThan(0);

    const csv = await c.run(['export', '--week', addDays(today, -7), '--format', 'csv']);
    expect(csv.code).toBe(0);
    const rows = csv.out.split('\r\n').filter(Boolean);
    expect(rows[0]).toBe('date,kind,start,end,minutes,title,project,status,source,time_off');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 2).join(','))).toEqual(week.days.map((d: { date: string }) => `${d.date},tracked`));
    expect(rows.slice(1).map((r) => Number(r.split(',')[4]))).toEqual(week.days.map((d: { trackedMinutes: number }) => d.trackedMinutes));

    // Human-readable forms exist for the same commands.
    expect((await c.run(['status'])).out).toMatch(/^Synced \d+ s ago\n/);
    expect((await c.run(['week', '--date', addDays(today, -7)])).out).toMatch(/^Week of \d{4}-\d\d-\d\d/);
  });

  it('bad usage exits 2 with one line on stderr, and changes nothing', async () => {
    c = await setupCli();
    for (const argv of [['bogus'], ['week', '--date', '2026-02-30'], ['sync', '--once', '--bogus'], ['export', '--format', 'xlsx'], ['orgs', 'select'], ['auth', 'token'], ['items', 'extra']]) {
      const r = await c.run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(lines(r.err), argv.join(' ')).toHaveLength(1);
      expect(r.err).toMatch(/^stint: /);
      expect(r.out).toBe('');
    }
    expect((await c.run([])).code).toBe(2);
    expect((await c.run(['--help'])).code).toBe(0);
    // auth pat reads the token from stdin: none given is bad usage.
    expect(await c.run(['auth', 'pat'], { stdin: '\n' })).toMatchObject({ code: 2, err: expect.stringContaining('stdin') });
  });

  it('exit 3 when not signed in or when the grant was revoked; exit 1 for a rejected token', async () => {
    c = await setupCli({ data: { activities: false } });
    const none = await c.run(['sync', '--once']);
    expect(none).toMatchObject({ code: 3, out: '' });
    expect(lines(none.err)).toEqual(['stint: Not signed in to Hubstaff: run `stint auth pat` with a personal access token on stdin.']);

    const rejected = await c.run(['auth', 'pat'], { stdin: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.bm9wZQ' });
    expect(rejected.code).toBe(1);
    expect(lines(rejected.err)).toHaveLength(1);
    expect(rejected.err).toContain('rejected this personal access token');

    expect((await c.run(['auth', 'pat'], { stdin: c.sim.control.issuePersonalAccessToken() })).code).toBe(0);
    expect((await c.run(['orgs', 'select', String(c.sim.control.myOrganizationIds()[0])])).code).toBe(0);
    expect((await c.run(['sync', '--once'])).code).toBe(0);
    expect((await c.run(['orgs', 'select', '12a'])).code).toBe(2);

    c.sim.control.revokeGrant(c.sim.control.me().id as number);
    const revoked = await c.run(['sync', '--once', '--json']);
    expect(revoked.code).toBe(3);
    expect(JSON.parse(revoked.out).status).toBe('needs_reconnect');
    expect(lines(revoked.err)).toHaveLength(1);
    expect(revoked.err).toMatch(/^stint: hubstaff:\d+: .+ — run `stint auth pat` again\.\n$/);
    const seen = c.sim.requests.length;
    expect((await c.run(['sync', '--once'])).code).toBe(3);
    expect(c.sim.requests.length).toBe(seen); // parked: nothing sent
    // Signing in again (same user) clears it, and `auth pat` itself syncs nothing.
    const before = c.sim.requests.length;
    expect((await c.run(['auth', 'pat'], { stdin: c.sim.control.issuePersonalAccessToken() })).code).toBe(0);
    const signIn = new Set(c.sim.requests.slice(before).map((r) => r.path));
    expect(signIn.has('/access_tokens')).toBe(true);
    for (const path of signIn) expect(['/.well-known/openid-configuration', '/access_tokens', '/v2/users/me']).toContain(path);
    expect((await c.run(['sync', '--once'])).code).toBe(0);
  });

  it('exit 4 when Hubstaff cannot be reached, while the cached week is still served', async () => {
    await signedIn();
    const [org] = c.sim.control.myOrganizationIds();
    await c.run(['orgs', 'select', String(org)]);
    expect((await c.run(['sync', '--once'])).code).toBe(0);
    const cached = (await c.run(['week', '--date', addDays(today, -7), '--json'])).out;

    const offline = { STINT_HUBSTAFF_API_URL: `http://127.0.0.1:${await closedPort()}/v2` };
    const r = await c.run(['sync', '--once', '--json'], { env: offline });
    expect(r.code).toBe(4);
    expect(JSON.parse(r.out).status).toBe('offline');
    expect(lines(r.err)).toHaveLength(1);
    expect(r.err).toMatch(/^stint: Hubstaff cannot be reached; the network may be offline \(correlation id [\w-]+\)\n$/);
    expect((await c.run(['orgs'], { env: offline })).code).toBe(4);

    const week = await c.run(['week', '--date', addDays(today, -7), '--json'], { env: offline });
    expect(week).toEqual({ code: 0, out: cached, err: '' });
    expect((await c.run(['status'], { env: offline })).out).toMatch(/^Offline — showing data from \d\d:\d\d\n/);
  });

  it('exit 1 when an organization is refused, one stderr line per failure with its correlation id; the other org syncs', async () => {
    await signedIn();
    const mine = c.sim.control.myOrganizationIds();
    const foreign = c.sim.control.organizations().map((o) => o.id as number).find((id) => !mine.includes(id))!;
    expect((await c.run(['orgs', 'select', `${foreign}, 999999, ${mine[0]}`])).code).toBe(0);
    const r = await c.run(['sync', '--once', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'error', records: { activities: c.sim.control.countActivities({ orgId: mine[0]! }) } });
    expect(lines(r.err)).toEqual([
      expect.stringMatching(new RegExp(`^stint: organization ${foreign} \\(\\w+\\): No access to this organization \\(correlation id [\\w-]+\\)$`)),
      expect.stringMatching(/^stint: organization 999999 \(\w+\): Organization ID not found \(correlation id [\w-]+\)$/),
    ]);
    const status = JSON.parse((await c.run(['status', '--json'])).out);
    const refused = status.accounts[0].streams.filter((s: { orgId: number }) => s.orgId === foreign);
    expect(refused.map((s: { lastError: { code: string } }) => s.lastError.code)).toEqual(ORG_STREAMS.map(() => 'forbidden_org'));
  });

  it('sync --once runs a backfill to its end, though the engine yields it between polls', async () => {
    c = await setupCli({ data: { activities: recent } }, { cadence: { maxReadMsPerRun: 0 } });
    expect((await c.run(['auth', 'pat'], { stdin: c.sim.control.issuePersonalAccessToken() })).code).toBe(0);
    const [org] = c.sim.control.myOrganizationIds();
    await c.run(['orgs', 'select', String(org)]);
    const r = await c.run(['sync', '--once', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.records.activities).toBe(c.sim.control.countActivities({ orgId: org! }));
    expect(c.sim.requests.filter((x) => x.path.endsWith('/activities')).length).toBeGreaterThan(1);
    expect(report.status).toBe('idle');
  });

  it('sync without --once keeps syncing until interrupted', async () => {
    await signedIn();
    await c.run(['orgs', 'select', String(c.sim.control.myOrganizationIds()[0])]);
    let fire: () => void = () => {};
    const running = c.run(['sync'], { onInterrupt: (f) => (fire = f) });
    await expect.poll(() => c.sim.requests.some((r) => r.path.endsWith('/activities')), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => JSON.parse((await c.run(['status', '--json'])).out).accounts[0].lastSyncedAt, { timeout: 10_000 }).not.toBeNull();
    fire();
    const r = await running;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Syncing…/);
  });

  it('leaves no token in the data directory (database, WAL, logs) after sign-in and a full sync with refreshes', async () => {
    // Two-second access tokens: the sync has to refresh, so rotated pairs exist too.
    const pat = await signedIn({ accessTokenLifetimeSec: 2 });
    await c.run(['orgs', 'select', String(c.sim.control.myOrganizationIds()[0])]);
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await c.run(['sync', '--once', '--full'])).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await c.run(['sync', '--once'])).code).toBe(0);

    const tokens = new Set<string>([pat]);
    for (const json of c.secrets.written) {
      const cred = JSON.parse(json) as { accessToken: string; refreshToken?: string };
      tokens.add(cred.accessToken);
      if (cred.refreshToken) tokens.add(cred.refreshToken);
    }
    for (const r of c.sim.control.listRefreshTokens()) tokens.add(r.token);
    expect(tokens.size).toBeGreaterThanOrEqual(5); // the PAT, and at least two rotated pairs

    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(c.dir);
    expect(files.map((f) => f.slice(c.dir.length + 1))).toEqual(expect.arrayContaining(['stint.db', join('logs', 'stint.log')]));
    expect(readFileSync(join(c.dir, 'logs', 'stint.log'), 'utf8')).toContain('sync run');
    for (const f of files) {
      const bytes = readFileSync(f).toString('latin1');
      for (const t of tokens) expect(bytes.includes(t), `${f} holds a token`).toBe(false);
      // Nor any part of one long enough to be useful (a JWT's signature).
      for (const t of tokens) expect(bytes.includes(t.split('.').at(-1)!), `${f} holds a token's signature`).toBe(false);
    }
  });
});
