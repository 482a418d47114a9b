import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/core/db/database';
import type { CliHarness } from './helpers';
import { setupCli } from './helpers';

// The exit-code table (`stint --help`) for every command, and lists that are complete or say
// that they were cut.

let cli: CliHarness;
beforeEach(async () => {
  cli = await setupCli();
});
afterEach(async () => {
  await cli.close();
});

describe('without any account', () => {
  // [argv, exit code, what stderr says]: acting on an account is 3; reading the cache is 0 with a note.
  const table: [string[], number, RegExp][] = [
    [['auth', 'sign-out'], 3, /No account is signed in/],
    [['orgs'], 3, /Not signed in to Hubstaff/],
    [['orgs', 'select', '12345'], 3, /Not signed in to Hubstaff/],
    [['sync', '--once'], 3, /Not signed in to Hubstaff/],
    [['sync'], 3, /Not signed in to Hubstaff/],
    [['hubspot', 'lookback'], 3, /Not signed in to HubSpot/],
    [['hubspot', 'start-date'], 3, /Not signed in to HubSpot/],
    [['status'], 0, /no accounts: sign in with `stint auth pat`/],
    [['items'], 0, /no items: sign in with `stint auth pat`/],
    [['accounts'], 0, /no accounts: sign in with `stint auth pat`/],
    [['week', '--date', '2026-03-09'], 0, /^$/],
    [['export', '--week', '2026-03-09', '--format', 'csv'], 0, /^$/],
  ];
  it.each(table)('stint %j exits %i', async (argv, code, err) => {
    const r = await cli.run(argv);
    expect({ code: r.code, err: r.err }).toEqual({ code, err: expect.stringMatching(err) });
    if (code === 3) expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--json output of a cache read stays pure JSON: the note goes to stderr only in human mode', async () => {
    const items = await cli.run(['items', '--json']);
    expect(items).toEqual({ code: 0, out: '[]\n', err: '' });
    const status = await cli.run(['status', '--json']);
    expect(status).toEqual({ code: 0, out: '{"accounts":[]}\n', err: '' });
  });
});

describe('stint items lists every item, or says it was cut', () => {
  const N = 5_123; // more than the 5,000 the list used to stop at, silently
  beforeEach(() => {
    const { db } = openDatabase(join(cli.dir, 'stint.db'));
    const insert = db.prepare(
      `INSERT INTO source_items (provider, org_id, external_id, title, status, project_id, project_name, assignee_ids, url, updated_at)
       VALUES ('hubspot', '1', ?, ?, ?, NULL, NULL, '[]', NULL, '2026-03-01T00:00:00.000Z')`,
    );
    db.transaction(() => {
      for (let i = 0; i < N; i++) insert.run(String(i), `Task ${String(i).padStart(5, '0')}`, i % 2 ? 'NOT_STARTED' : 'COMPLETED');
    })();
    db.close();
  });

  it('all of them by default, the last title included', async () => {
    const r = await cli.run(['items', '--json']);
    const rows = JSON.parse(r.out) as { title: string }[];
    expect(rows).toHaveLength(N);
    expect(rows.at(-1)!.title).toBe(`Task ${String(N - 1).padStart(5, '0')}`);
    expect(r.err).toBe('');
  });

  it('--limit and --offset page through them; stderr names the rows and the next offset', async () => {
    const first = await cli.run(['items', '--json', '--limit', '2000']);
    expect(JSON.parse(first.out)).toHaveLength(2000);
    expect(first.err).toBe(`stint: items 1–2000 of ${N}; the next page: --offset 2000.\n`);
    const seen = new Set<string>();
    for (let offset = 0; offset < N; offset += 2000) {
      const page = JSON.parse((await cli.run(['items', '--json', '--limit', '2000', '--offset', String(offset)])).out) as { externalId: string }[];
      for (const p of page) seen.add(p.externalId);
    }
    expect(seen.size).toBe(N);
    const last = await cli.run(['items', '--json', '--limit', '2000', '--offset', '4000']);
    expect(last.err).toBe(`stint: items 4001–${N} of ${N}.\n`);
  });

  it('filters by --status and --provider; a filter that matches nothing says so in human mode', async () => {
    const open = JSON.parse((await cli.run(['items', '--json', '--status', 'NOT_STARTED'])).out) as unknown[];
    expect(open).toHaveLength(Math.floor(N / 2));
    expect(JSON.parse((await cli.run(['items', '--json', '--provider', 'hubstaff'])).out)).toEqual([]);
    expect(await cli.run(['items', '--search', 'no such title'])).toEqual({ code: 0, out: '', err: 'stint: no cached item matches.\n' });
    expect((await cli.run(['items', '--limit', '0'])).code).toBe(2);
    expect((await cli.run(['items', '--provider', 'jira'])).code).toBe(2);
  });
});
