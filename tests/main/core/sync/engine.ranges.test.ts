import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/common/dates';
import type { RequestLogEntry } from '../../../sim/index';
import { setupSync, type SyncHarness } from './harness';

// Which ranges the engine asks Hubstaff for: the first sync from the start date, later polls
// only what changed, the refresh window every 15 min (capped at the start date), and an end
// date that keeps everything bounded.

let h: SyncHarness;
afterEach(async () => h?.close());

const MIN = 60_000;
const DAY = 86_400_000;
const slots = (log: RequestLogEntry[]) => log.filter((r) => /\/activities$/.test(r.path)).map((r) => ({ start: Date.parse(r.query['time_slot[start]'] as string), stop: Date.parse(r.query['time_slot[stop]'] as string) }));
const dailyReads = (log: RequestLogEntry[]) => log.filter((r) => r.path.endsWith('/activities/daily')).map((r) => [r.query['date[start]'], r.query['date[stop]']]);
const count = (h: SyncHarness, sql: string, ...args: unknown[]) => (h.app.db.prepare(sql).pluck().get(...args) as number);

describe('activity ranges', () => {
  it('the first sync reads from the start date to now in contiguous 7-day slices, and stores every activity', async () => {
    h = await setupSync();
    const start = h.account.sync.startDate!;
    const report = await h.app.sync.syncNow();
    expect(report.errors).toEqual([]);
    const reads = slots(h.api());
    expect(reads[0]!.start).toBe(Date.parse(`${start}T00:00:00Z`));
    for (let i = 0; i < reads.length; i++) {
      expect(reads[i]!.stop - reads[i]!.start).toBeLessThanOrEqual(7 * DAY);
      if (i > 0) expect(reads[i]!.start).toBe(reads[i - 1]!.stop);
    }
    expect(reads.at(-1)!.stop).toBe(Math.floor(h.clock.nowMs() / 1000) * 1000);
    const [org] = h.myOrgs;
    expect(count(h, 'SELECT count(*) FROM hubstaff_activities WHERE organization_id = ?', org)).toBe(h.sim.control.countActivities({ orgId: org! }));
    expect(report.records.activities).toBe(h.sim.control.countActivities({ orgId: org! }));
    // Daily activities: from the start date to tomorrow (UTC), one 31-day slice here.
    expect(dailyReads(h.api())).toEqual([[start, h.day(1)]]);
    expect(count(h, 'SELECT count(*) FROM hubstaff_daily_activities')).toBe(h.sim.control.dailyActivities({ orgId: org! }).length);
  });

  it('later polls read only updates since the previous poll; every 15 min the refresh window is re-read', async () => {
    h = await setupSync({ settings: { refreshWindowDays: 3 } });
    const t0 = h.clock.nowMs();
    await h.app.sync.syncNow();
    const firstStop = slots(h.api()).at(-1)!.stop;
    const firstThrough = dailyReads(h.api()).at(-1)![1] as string;

    h.sim.control.clearRequestLog();
    h.clock.advance(30_000);
    await h.app.sync.syncNow();
    const updates = h.api().filter((r) => r.path.endsWith('/activities/updates'));
    expect(h.api().map((r) => r.path.replace(/organizations\/\d+/, 'organizations/ORG'))).toEqual(['/v2/organizations/ORG/tasks', '/v2/organizations/ORG/activities/updates']);
    // Since the previous poll (the backfill's start), minus the 30-minute overlap for Hubstaff's processing delay.
    expect(Date.parse(updates[0]!.query['updated[start]'] as string)).toBe(t0 - 30 * MIN);

    h.sim.control.clearRequestLog();
    h.clock.advance(15 * MIN);
    await h.app.sync.syncNow();
    const refresh = slots(h.api());
    expect(refresh).toHaveLength(1);
    // The cursor (moved to now by this poll's updates) minus 3 days, through now.
    const now = Math.floor(h.clock.nowMs() / 1000) * 1000;
    expect(refresh[0]!).toEqual({ start: now - 3 * DAY, stop: now });
    expect(now - firstStop).toBe(15 * MIN + 30_000);
    // Daily totals: the 3 days before what the last read reached, through tomorrow (UTC) — so
    // a UTC midnight between the two reads leaves no day unread.
    expect(dailyReads(h.api())).toEqual([[addDays(firstThrough, -3), h.day(1)]]);
    expect([h.day(1), addDays(h.day(1), -1)]).toContain(firstThrough); // tomorrow, as of the first read
  });

  it('the refresh window is capped at the start date', async () => {
    h = await setupSync({ settings: { refreshWindowDays: 31 } });
    await h.app.sync.syncNow();
    h.sim.control.clearRequestLog();
    h.clock.advance(15 * MIN);
    await h.app.sync.syncNow();
    expect(slots(h.api())[0]!.start).toBe(Date.parse(`${h.account.sync.startDate}T00:00:00Z`));
    expect(dailyReads(h.api())[0]![0]).toBe(h.account.sync.startDate);
  });

  it('an end date keeps the sync bounded: no read past it, no activity after it, also on later polls', async () => {
    h = await setupSync();
    const end = h.day(-7);
    const endMs = Date.parse(`${end}T00:00:00Z`) + DAY;
    h.app.accounts.updateSyncSettings(h.account.id, { endDate: end });
    await h.app.sync.syncNow();
    const [org] = h.myOrgs;
    const expected = h.sim.control.countActivities({ orgId: org!, from: `${h.account.sync.startDate}T00:00:00Z`, to: new Date(endMs).toISOString() });
    expect(expected).toBeGreaterThan(0);
    expect(slots(h.api()).every((r) => r.stop <= endMs)).toBe(true);
    expect(slots(h.api()).at(-1)!.stop).toBe(endMs);
    expect(dailyReads(h.api())).toEqual([[h.account.sync.startDate, end]]);
    expect(count(h, 'SELECT count(*) FROM hubstaff_activities')).toBe(expected);

    // New time after the end date, and a late edit inside the range.
    const me = (h.sim.control.me() as { id: number }).id;
    const project = (h.sim.control.projects(org) as { id: number }[])[0]!.id;
    h.sim.control.addActivity({ userId: me, projectId: project, timeSlot: Math.floor((h.clock.nowMs() - 3_600_000) / 600_000) * 600_000 });
    const inside = h.sim.control.activities({ orgId: org!, to: new Date(endMs).toISOString() }).at(-1)!;
    h.sim.control.editActivity(inside.id, { tracked: 77 });
    for (const step of [30_000, 15 * MIN]) {
      h.sim.control.clearRequestLog();
      h.clock.advance(step);
      await h.app.sync.syncNow();
      expect(slots(h.api()).every((r) => r.stop <= endMs)).toBe(true);
      expect(dailyReads(h.api()).every(([, stop]) => (stop as string) <= end)).toBe(true);
      expect(count(h, 'SELECT count(*) FROM hubstaff_activities WHERE time_slot >= ?', new Date(endMs).toISOString())).toBe(0);
    }
    expect(count(h, 'SELECT tracked FROM hubstaff_activities WHERE id = ?', inside.id)).toBe(77);
  });
});
