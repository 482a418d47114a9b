// Tracked time and time off beside the plan (DESIGN §2): per day of a floating week, per linked
// task, and the week's overtime, for the signed-in user of every Hubstaff account.
//
// Which rows count for a day, per organization:
// - Activities (10-minute slots, UTC instants) are bucketed by the machine's local date, so the
//   figures line up with the floating plan. They are used for every day the activities cache
//   covers (from the start date up to the last poll): they change every poll, so a late edit
//   shows at the next poll, and today's figure is never 15 minutes behind.
// - Daily activities (dated in the organization's zone, synced every 15 min) fill the days the
//   activity cache does not cover: older than Hubstaff serves activities (6 months), before the
//   activity backfill has reached them, or before activities were ever synced.
import { addDays, weekDates } from '../../../common/dates';
import type { Db } from '../db/database';
import { perDb } from './store/statements';
import { HUBSTAFF_PROVIDER } from './store/tasks';
import { loadActivitiesCursor } from './streams/activities';

export interface TimeOffDay {
  /** The policy's name, e.g. "Vacation" (several on one day are joined with ", "). */
  policyName: string;
}

export interface TrackedDay {
  date: string;
  trackedSeconds: number;
  timeOff: TimeOffDay | null;
}

export interface TrackedWeek {
  weekStart: string;
  days: TrackedDay[];
  /** Seconds tracked this week per local task id, for tasks linked to a Hubstaff to-do. */
  byTask: Record<string, number>;
  totalSeconds: number;
  thresholdSeconds: number;
  /** Seconds past the weekly threshold (0 when under it). */
  overtimeSeconds: number;
}

export const DEFAULT_OVERTIME_THRESHOLD_MINUTES = 40 * 60;

interface Who {
  accountId: string;
  userId: number;
  orgId: number;
}

const statements = perDb((db) => ({
  who: db.prepare(
    `SELECT a.id AS accountId, CAST(a.user_id AS INTEGER) AS userId, ao.organization_id AS orgId
       FROM accounts a JOIN account_organizations ao ON ao.account_id = a.id
      WHERE a.provider = '${HUBSTAFF_PROVIDER}' ORDER BY a.id, ao.position`,
  ),
  activities: db.prepare(
    `SELECT starts_at AS at, task_id AS taskId, tracked FROM hubstaff_activities
      WHERE user_id = ? AND starts_at >= ? AND starts_at < ? AND organization_id = ?`,
  ),
  daily: db.prepare(
    `SELECT date, task_id AS taskId, tracked FROM hubstaff_daily_activities
      WHERE user_id = ? AND date >= ? AND date <= ? AND organization_id = ?`,
  ),
  timeOff: db.prepare(
    `SELECT t.days, t.starts_at AS startsAt, t.stops_at AS stopsAt, p.name AS policy
       FROM hubstaff_time_off_requests t
       LEFT JOIN hubstaff_time_off_policies p ON p.organization_id = t.organization_id AND p.id = t.time_off_policy_id
      WHERE t.user_id = ? AND t.starts_at < ? AND t.stops_at >= ? AND t.organization_id = ? AND t.status = 'approved'`,
  ),
  linkedTasks: db
    .prepare(`SELECT id FROM tasks WHERE source_provider = '${HUBSTAFF_PROVIDER}' AND source_org_id = ? AND source_external_id = ?`)
    .pluck(),
}));

/** Local midnight of a floating date, as epoch ms (DST days are 23 or 25 hours long). */
function localMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime();
}

/** The machine's local date of an instant. */
function localDate(ms: number): string {
  const t = new Date(ms);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

export class TrackedTime {
  constructor(private readonly db: Db) {}

  /** Tracked time and time off for the 7 days from `weekStart`. */
  week(weekStart: string, opts: { overtimeThresholdMinutes?: number } = {}): TrackedWeek {
    const s = statements(this.db);
    const dates = weekDates(weekStart);
    const index = new Map(dates.map((d, i) => [d, i]));
    const bounds = [...dates, addDays(weekStart, 7)].map(localMidnight);
    const seconds = dates.map(() => 0);
    const timeOff = dates.map(() => new Set<string>());
    const perTask = new Map<string, number>(); // "org/task" → seconds

    for (const who of s.who.all() as Who[]) {
      const coverage = loadActivitiesCursor({ db: this.db, accountId: who.accountId, orgId: who.orgId });
      const from = coverage.from ? Date.parse(coverage.from) : Infinity;
      const until = coverage.until ? Date.parse(coverage.until) : -Infinity;
      const fromActivities = dates.map((_, i) => bounds[i]! >= from && bounds[i]! < until);

      const activityRows = s.activities.all(who.userId, new Date(bounds[0]!).toISOString(), new Date(bounds[7]!).toISOString(), who.orgId) as {
        at: string;
        taskId: number | null;
        tracked: number;
      }[];
      const byDay = dates.map(() => [] as { taskId: number | null; tracked: number }[]);
      for (const r of activityRows) {
        const i = index.get(localDate(Date.parse(r.at)));
        if (i !== undefined) byDay[i]!.push(r);
      }
      const dailyRows = fromActivities.every(Boolean)
        ? []
        : (s.daily.all(who.userId, dates[0], dates[6], who.orgId) as { date: string; taskId: number | null; tracked: number }[]);
      const dailyByDay = dates.map(() => [] as { taskId: number | null; tracked: number }[]);
      for (const r of dailyRows) dailyByDay[index.get(r.date)!]!.push(r);

      for (let i = 0; i < 7; i++) {
        const rows = fromActivities[i] || dailyByDay[i]!.length === 0 ? byDay[i]! : dailyByDay[i]!;
        for (const r of rows) {
          seconds[i] = seconds[i]! + r.tracked;
          if (r.taskId !== null) {
            const key = `${who.orgId}/${r.taskId}`;
            perTask.set(key, (perTask.get(key) ?? 0) + r.tracked);
          }
        }
      }

      // Approved time off; a margin of a day each side covers requests stored in other zones.
      const offs = s.timeOff.all(who.userId, new Date(bounds[7]! + 86_400_000).toISOString(), new Date(bounds[0]! - 86_400_000).toISOString(), who.orgId) as {
        days: string;
        startsAt: string;
        stopsAt: string;
        policy: string | null;
      }[];
      for (const o of offs) {
        for (const d of timeOffDates(o)) {
          const i = index.get(d);
          if (i !== undefined) timeOff[i]!.add(o.policy ?? 'Time off');
        }
      }
    }

    const byTask: Record<string, number> = {};
    for (const [key, secs] of perTask) {
      const [org, task] = key.split('/');
      for (const id of s.linkedTasks.all(org, task) as string[]) byTask[id] = (byTask[id] ?? 0) + secs;
    }
    const totalSeconds = seconds.reduce((a, b) => a + b, 0);
    const thresholdSeconds = (opts.overtimeThresholdMinutes ?? DEFAULT_OVERTIME_THRESHOLD_MINUTES) * 60;
    return {
      weekStart,
      days: dates.map((date, i) => ({
        date,
        trackedSeconds: seconds[i]!,
        timeOff: timeOff[i]!.size ? { policyName: [...timeOff[i]!].sort().join(', ') } : null,
      })),
      byTask,
      totalSeconds,
      thresholdSeconds,
      overtimeSeconds: Math.max(0, totalSeconds - thresholdSeconds),
    };
  }
}

/** The days a request takes: its listed days (an amount of 0 marks a day left out), else its span. */
function timeOffDates(o: { days: string; startsAt: string; stopsAt: string }): string[] {
  let listed: { date?: unknown; amount_used?: unknown }[] = [];
  try {
    const v: unknown = JSON.parse(o.days);
    if (Array.isArray(v)) listed = v as typeof listed;
  } catch {
    // expected: unreadable: use the span
  }
  const taken = listed.filter((d) => typeof d.date === 'string' && d.amount_used !== 0).map((d) => d.date as string);
  if (listed.length) return taken;
  const out: string[] = [];
  const first = localDate(Date.parse(o.startsAt));
  const last = localDate(Date.parse(o.stopsAt) - 1);
  for (let d = first; d <= last && out.length < 366; d = addDays(d, 1)) out.push(d);
  return out;
}
