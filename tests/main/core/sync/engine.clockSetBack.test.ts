import { afterEach, describe, expect, it } from 'vitest';
import { setupSync, type SyncHarness } from './harness';

// The machine's clock can be set back (NTP, a user, a virtual machine restored) in the middle
// of a long read that spans several runs or processes. A read's sweep tells the rows it
// returned by the read's mark, not by comparing clock readings: rows written after the clock
// went back are not mistaken for rows upstream deleted.

let h: SyncHarness;
afterEach(async () => h?.close());

const HOUR = 3_600_000;

describe('a clock set back mid-read', () => {
  it('loses no activity or daily total of a backfill that resumes after the clock went back an hour', async () => {
    // Small pages, and a run yields after each page: the backfill takes many runs.
    h = await setupSync({ settings: { pageLimit: 20 }, app: { sync: { cadence: { maxReadMsPerRun: 0 } } } });
    const progress = () => h.app.sync.status().streams.filter((s) => s.progress !== null).length;
    await h.app.sync.syncNow();
    expect(progress()).toBeGreaterThan(0); // the backfill is under way

    h.clock.advance(-HOUR);
    let runs = 0;
    while (progress() > 0 && runs < 400) {
      await h.app.sync.syncNow();
      runs++;
    }
    expect(progress()).toBe(0);
    const [org] = h.myOrgs;
    expect(h.rows('SELECT count(*) AS n FROM hubstaff_activities')).toEqual([{ n: h.sim.control.countActivities({ orgId: org! }) }]);
    expect(h.rows('SELECT count(*) AS n FROM hubstaff_daily_activities')).toEqual([{ n: h.sim.control.dailyActivities({ orgId: org! }).length }]);
  });
});
