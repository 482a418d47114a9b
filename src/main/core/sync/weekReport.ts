// The week as a report: planned minutes from the planner beside tracked minutes and time off
// from the Hubstaff cache, per day and per entry. `stint week --json` prints it as is,
// `stint export --format csv` renders it, and the benchmark times it as "the week query".
import type { Weekday } from '../../../common/dates';
import type { Planner } from '../planner/planner';
import type { SettingsStore } from '../settings';
import type { TimeOffDay, TrackedTime } from './tracked';

export interface WeekReportDay {
  date: string;
  plannedMinutes: number;
  trackedMinutes: number;
  timeOff: TimeOffDay | null;
}

export interface WeekReportEntry {
  id: string;
  taskId: string;
  title: string;
  date: string;
  startMinute: number;
  durationMinutes: number;
  status: 'open' | 'done';
  project: string | null;
  source: { provider: string; orgId: string; externalId: string } | null;
  sourceRemoved: boolean;
  /** Minutes tracked this week on the task's Hubstaff to-do; null for unlinked tasks. */
  trackedMinutes: number | null;
}

export interface WeekReport {
  weekStart: string;
  days: WeekReportDay[];
  entries: WeekReportEntry[];
}

export interface WeekTotals {
  plannedMinutes: number;
  trackedMinutes: number;
  thresholdMinutes: number;
  overtimeMinutes: number;
}

export interface WeekSources {
  planner: Planner;
  tracked: TrackedTime;
  settings: SettingsStore;
}

const minutes = (seconds: number): number => Math.round(seconds / 60);

/** The week containing `date` (the user's week start), with totals and overtime. */
export function buildWeekReport(src: WeekSources, date: string): { report: WeekReport; totals: WeekTotals } {
  const settings = src.settings.get();
  const week = src.planner.getWeek({ date, weekStartsOn: settings.weekStartsOn as Weekday });
  const tracked = src.tracked.week(week.weekStart, { overtimeThresholdMinutes: settings.overtimeThresholdMinutes });
  const days = week.days.map((d, i) => ({
    date: d.date,
    plannedMinutes: d.plannedMinutes,
    trackedMinutes: minutes(tracked.days[i]!.trackedSeconds),
    timeOff: tracked.days[i]!.timeOff,
  }));
  const entries: WeekReportEntry[] = week.entries.map((e) => ({
    id: e.id,
    taskId: e.taskId,
    title: e.task.title,
    date: e.date,
    startMinute: e.startMinute,
    durationMinutes: e.durationMinutes,
    status: e.task.status,
    project: e.task.projectLabel,
    source: e.task.source ? { provider: e.task.source.provider, orgId: e.task.source.orgId, externalId: e.task.source.externalId } : null,
    sourceRemoved: e.task.sourceRemoved,
    trackedMinutes: e.task.source ? minutes(tracked.byTask[e.taskId] ?? 0) : null,
  }));
  const plannedMinutes = days.reduce((a, d) => a + d.plannedMinutes, 0);
  return {
    report: { weekStart: week.weekStart, days, entries },
    totals: {
      plannedMinutes,
      trackedMinutes: minutes(tracked.totalSeconds),
      thresholdMinutes: minutes(tracked.thresholdSeconds),
      overtimeMinutes: minutes(tracked.overtimeSeconds),
    },
  };
}

export function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is prefixed with `'`. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = ['date', 'kind', 'start', 'end', 'minutes', 'title', 'project', 'status', 'source', 'time_off'] as const;

/** One row per entry and one tracked-time row per day, in date order, CRLF line ends (RFC 4180). */
export function weekReportCsv(report: WeekReport): string {
  const lines = [CSV_HEADER.join(',')];
  for (const day of report.days) {
    for (const e of report.entries.filter((x) => x.date === day.date)) {
      const source = e.source ? `${e.source.provider}:${e.source.orgId}:${e.source.externalId}` : null;
      lines.push(
        [day.date, 'entry', clock(e.startMinute), clock(e.startMinute + e.durationMinutes), e.durationMinutes, e.title, e.project, e.status, source, null]
          .map(cell)
          .join(','),
      );
    }
    lines.push([day.date, 'tracked', null, null, day.trackedMinutes, null, null, null, null, day.timeOff?.policyName ?? null].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
