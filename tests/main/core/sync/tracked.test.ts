import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, startOfWeek, weekDates } from '../../../../src/common/dates';
import { writeCursor } from '../../../../src/main/core/sync/store/cursors';
import { loadActivitiesCursor } from '../../../../src/main/core/sync/streams/activities';
import { buildWeekReport, weekReportCsv } from '../../../../src/main/core/sync/weekReport';
import { recentData, setupSync, type SyncHarness } from './harness';
import { TEST_NOW_MS } from '../../../helpers/clock';

// Planned vs tracked against the simulator's own figures. The machine is put in Tokyo (UTC+9)
// so bucketing UTC activities by the local date differs from their UTC date: Hubstaff's
// seeded working hours (08–18 UTC) cross local midnight there.

const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Tokyo';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

let h: SyncHarness;
afterEach(async () => h?.close());

/** The local date of an instant, as the week view buckets it. */
const localDate = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const localMidnightIso = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!).toISOString();
};

async function setup(at = TEST_NOW_MS) {
  h = await setupSync({ at, data: recentData(at, { timeOffRequestsPerMember: 0 }), settings: { startDate: addDays(new Date(at).toISOString().slice(0, 10), -20) } });
  const me = (h.sim.control.me() as { id: number }).id;
  const weekStart = startOfWeek(h.day(-7), 1);
  const dates = weekDates(weekStart);
  return { me, weekStart, dates, org: h.myOrgs[0]! };
}

describe('tracked time', () => {
  it('sums the signed-in user\'s activities per local day, per linked task, with approved time off and overtime', async () => {
    const { me, weekStart, dates, org } = await setup();
    h.sim.control.addTimeOffRequest({ userId: me, from: dates[2]!, to: dates[3]!, status: 'approved' });
    h.sim.control.addTimeOffRequest({ userId: me, from: dates[4]!, status: 'denied' });
    h.app.settings.update({ overtimeThresholdMinutes: 60 });
    await h.app.sync.syncNow();

    const weekFrom = localMidnightIso(weekStart);
    const weekTo = localMidnightIso(addDays(weekStart, 7));
    const perTask = new Map<number, number>();
    for (const a of h.sim.control.activities({ userId: me, from: weekFrom, to: weekTo })) if (a.task_id !== null) perTask.set(a.task_id, (perTask.get(a.task_id) ?? 0) + a.tracked);
    const [taskId, taskSeconds] = [...perTask].sort((a, b) => b[1] - a[1])[0]!;
    const { task } = h.app.planner.dropSourceItem({ item: { provider: 'hubstaff', orgId: String(org), externalId: String(taskId), title: 'Linked [1h]' }, date: dates[1]!, startMinute: 540 });

    const week = h.app.tracked.week(weekStart, { overtimeThresholdMinutes: 60 });
    const expected = dates.map((d) => h.sim.control.trackedSeconds({ userId: me, orgId: org, from: localMidnightIso(d), to: localMidnightIso(addDays(d, 1)) }));
    expect(week.days.map((d) => d.trackedSeconds)).toEqual(expected);
    // Local dates differ from UTC dates here, so a UTC bucketing would not match.
    const utc = dates.map((d) => h.sim.control.trackedSeconds({ userId: me, orgId: org, from: `${d}T00:00:00Z`, to: `${addDays(d, 1)}T00:00:00Z` }));
    expect(utc).not.toEqual(expected);
    expect(week.totalSeconds).toBe(expected.reduce((a, b) => a + b, 0));
    expect(week.overtimeSeconds).toBe(Math.max(0, week.totalSeconds - 3600));
    expect(week.byTask).toEqual({ [task.id]: taskSeconds });
    expect(week.days.map((d) => d.timeOff)).toEqual(dates.map((_, i) => (i === 2 || i === 3 ? { policyName: 'Vacation' } : null)));

    // The week report and its CSV carry the same figures.
    const { report, totals } = buildWeekReport(h.app, dates[3]!);
    expect(report.weekStart).toBe(weekStart);
    expect(report.days.map((d) => d.trackedMinutes)).toEqual(expected.map((s) => Math.round(s / 60)));
    expect(report.days[1]!.plannedMinutes).toBe(60);
    expect(report.entries).toEqual([expect.objectContaining({ taskId: task.id, title: 'Linked', startMinute: 540, durationMinutes: 60, trackedMinutes: Math.round(taskSeconds / 60) })]);
    expect(totals.overtimeMinutes).toBe(Math.round(week.overtimeSeconds / 60));
    const csv = weekReportCsv(report).split('\r\n');
    expect(csv[0]).toBe('date,kind,start,end,minutes,title,project,status,source,time_off');
    expect(csv.filter((l) => l.includes(',tracked,'))).toHaveLength(7);
    expect(csv).toContain(`${dates[1]},entry,09:00,10:00,60,Linked,,open,hubstaff:${org}:${taskId},`);
    expect(csv).toContain(`${dates[2]},tracked,,,${Math.round(expected[2]! / 60)},,,,,Vacation`);
  });

  it('falls back to daily activities for the days the activity cache does not cover', async () => {
    const { me, weekStart, dates, org } = await setup();
    await h.app.sync.syncNow();
    // Pretend activities were only synced from Thursday (local) on.
    const c = loadActivitiesCursor({ db: h.app.db, accountId: h.account.id, orgId: org });
    writeCursor(h.app.db, org, { accountId: h.account.id, stream: 'activities', cursor: { ...c, from: localMidnightIso(dates[3]!) } });

    const week = h.app.tracked.week(weekStart);
    const daily = (d: string) => h.sim.control.dailyActivities({ orgId: org, userId: me, from: d, to: d }).reduce((a, r) => a + (r.tracked as number), 0);
    const activities = (d: string) => h.sim.control.trackedSeconds({ userId: me, orgId: org, from: localMidnightIso(d), to: localMidnightIso(addDays(d, 1)) });
    expect(week.days.map((d) => d.trackedSeconds)).toEqual(dates.map((d, i) => (i < 3 ? daily(d) : activities(d))));
    expect(dates.slice(0, 3).some((d) => daily(d) !== activities(d))).toBe(true);
  });

  it("counts the latest tracked time from activities, not from the daily totals, which lag", async () => {
    // An instant whose local date is its UTC date, in any zone from UTC−12 to UTC+14 (local time
    // between 06:00 and 19:00): the daily totals are dated in the organization's zone (UTC here)
    // and a day's total is matched to the local day of the same date.
    const offsetMs = -new Date(TEST_NOW_MS).getTimezoneOffset() * 60_000;
    const at = Date.parse(`${new Date(TEST_NOW_MS).toISOString().slice(0, 10)}T12:00:00Z`) - offsetMs / 2;
    const { me, org } = await setup(at);
    const project = (h.sim.control.projects(org) as { id: number }[])[0]!.id;
    const slot = Math.floor((h.clock.nowMs() - 20 * 60_000) / 600_000) * 600_000;
    // Half an hour ago, before the first sync: the day has a daily total in the cache.
    h.sim.control.addActivity({ userId: me, projectId: project, timeSlot: slot - 600_000, tracked: 300 });
    await h.app.sync.syncNow();
    // Twenty minutes ago, after it: the next poll brings it through activity updates, while the
    // daily totals are re-read only every 15 minutes (and lag on Hubstaff's side too).
    h.sim.control.addActivity({ userId: me, projectId: project, timeSlot: slot, tracked: 540 });
    h.sim.control.clearRequestLog();
    h.clock.advance(30_000);
    await h.app.sync.syncNow();
    expect(h.api().some((r) => r.path.endsWith('/activities/daily'))).toBe(false); // the cache's daily totals are from before

    const day = localDate(slot);
    const week = h.app.tracked.week(startOfWeek(day, 1));
    const shown = week.days[weekDates(startOfWeek(day, 1)).indexOf(day)]!.trackedSeconds;
    const cachedDaily = h.rows<{ s: number | null }>('SELECT sum(tracked) AS s FROM hubstaff_daily_activities WHERE user_id = ? AND date = ?', me, day)[0]!.s ?? 0;
    expect(shown).toBe(h.sim.control.trackedSeconds({ userId: me, orgId: org, from: localMidnightIso(day), to: localMidnightIso(addDays(day, 1)) }));
    expect(cachedDaily).toBeGreaterThan(0);
    expect(shown).not.toBe(cachedDaily);
  });

  it('is empty, not failing, before anything synced', async () => {
    const { weekStart } = await setup();
    const week = h.app.tracked.week(weekStart);
    expect(week.days.map((d) => [d.trackedSeconds, d.timeOff])).toEqual(Array.from({ length: 7 }, () => [0, null]));
    expect(week.byTask).toEqual({});
  });
});
