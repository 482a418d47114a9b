import { afterEach, describe, expect, it } from 'vitest';
import type { FaultKind, FaultRule } from '../../../sim/index';
import { recentData, setupSync, type SyncHarness } from './harness';
import { TEST_NOW_MS } from '../../../helpers/clock';

// A fault storm: about 20% of API requests get a 429, a 500, a timeout, a reset, a body cut in
// half, or records of the wrong shape. The sync retries what is transient, skips and counts
// what is malformed, and ends with every valid record stored.

let h: SyncHarness;
afterEach(async () => h?.close());

const KINDS: FaultKind[] = ['rate_limit', 'server_error', 'slow', 'reset', 'malformed_json', 'bad_records'];

function ids(h: SyncHarness, sql: string): Set<number> {
  return new Set(h.app.db.prepare(sql).pluck().all() as number[]);
}

describe('fault storm', () => {
  it('finishes with every valid record stored and the malformed ones counted', async () => {
    h = await setupSync({
      data: recentData(TEST_NOW_MS, { membersPerOrg: 4, tasksPerProject: 8 }),
      settings: { pageLimit: 10 },
      app: { sync: { client: { sleep: async () => {}, random: () => 0.5, timeoutMs: 250, retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 4 } } } },
    });
    const [org] = h.myOrgs;
    // Each rule fires on ~3.7% of API requests; together about 1 in 5.
    const rules: FaultRule[] = KINDS.map((kind) => ({ kind, path: '^/v2/', rate: 0.037, retryAfterSec: 1, delayMs: 600, count: 2, mode: 'wrong_type', field: 'id' }));
    h.sim.control.injectFaults(rules);

    let skipped = 0;
    for (let run = 0; run < 5; run++) {
      const report = await h.app.sync.syncNow();
      skipped += Object.values(report.skipped).reduce((a, b) => a + b, 0);
      if (report.errors.length === 0) break;
      h.clock.advance(30_000);
    }
    const log = h.api();
    const fired = new Map<string, number>();
    for (const r of log) if (r.fault) fired.set(r.fault.kind, (fired.get(r.fault.kind) ?? 0) + 1);
    const share = [...fired.values()].reduce((a, b) => a + b, 0) / log.length;
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.35);
    for (const kind of KINDS) expect(fired.get(kind) ?? 0, kind).toBeGreaterThan(0);

    // The records spoiled in answers that arrived are the ones counted as skipped …
    const spoiled = log.filter((r) => r.fault?.kind === 'bad_records' && r.status === 200).flatMap((r) => (r.fault!.recordIds ?? []) as number[]);
    expect(skipped).toBe(spoiled.length);
    const bad = new Set(spoiled);

    // … and every other record of every stream is stored, nothing more.
    const expectStored = (stored: Set<number>, truth: number[], what: string) => {
      for (const id of stored) expect(truth, `${what} ${id} is not upstream`).toContain(id);
      const missing = truth.filter((id) => !stored.has(id) && !bad.has(id));
      expect(missing, `${what} missing`).toEqual([]);
    };
    expectStored(ids(h, 'SELECT id FROM hubstaff_activities'), h.sim.control.activities({ orgId: org! }).map((a) => a.id), 'activity');
    expectStored(ids(h, 'SELECT id FROM hubstaff_daily_activities'), h.sim.control.dailyActivities({ orgId: org! }).map((d) => d.id as number), 'daily');
    expectStored(ids(h, 'SELECT CAST(external_id AS INTEGER) FROM source_items'), h.sim.control.tasks({ orgId: org!, status: ['active', 'completed'] }).map((t) => t.id as number), 'task');
    expectStored(ids(h, 'SELECT id FROM hubstaff_projects'), h.sim.control.projects(org!).map((p) => p.id as number), 'project');
    expectStored(ids(h, 'SELECT id FROM hubstaff_time_off_requests'), h.sim.control.timeOffRequests(org!).map((t) => t.id as number), 'time off');
    expect(h.rows('SELECT count(*) AS n FROM source_items WHERE removed = 1')).toEqual([{ n: 0 }]);

    // Once the storm is over, a full re-read brings in the records that were spoiled.
    h.sim.control.clearFaults();
    const full = await h.app.sync.syncNow({ full: true });
    expect(full.errors).toEqual([]);
    expect(full.skipped.activities).toBe(0);
    expect(ids(h, 'SELECT id FROM hubstaff_activities')).toEqual(new Set(h.sim.control.activities({ orgId: org! }).map((a) => a.id)));
  });
});
