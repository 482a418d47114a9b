// Tracked time for a week as the views use it: whole minutes per day and per task, time off by
// date (from the `tracked.getWeek` answer, which counts seconds).
import type { TrackedWeekPayload } from '../../common/ipc/tracked-schemas';

export interface TimeOff {
  /** The time-off policy's name, e.g. "Vacation". */
  policyName: string;
}

export interface TrackedWeek {
  /** The first day of the week these figures are for. */
  weekStart: string | null;
  /** Tracked minutes per floating date (`YYYY-MM-DD`). */
  trackedByDate: Record<string, number>;
  /** Tracked minutes per local task id (activities whose task_id is the task's source item). */
  trackedByTask: Record<string, number>;
  /** Approved time off per date. */
  timeOffByDate: Record<string, TimeOff>;
  /** The overtime threshold main applied, in minutes. */
  thresholdMinutes: number | null;
}

const minutes = (seconds: number) => Math.round(seconds / 60);

/** The IPC answer in the minutes the views show. */
export function fromPayload(p: TrackedWeekPayload): TrackedWeek {
  const trackedByDate: Record<string, number> = {};
  const timeOffByDate: Record<string, TimeOff> = {};
  for (const d of p.days) {
    trackedByDate[d.date] = minutes(d.trackedSeconds);
    if (d.timeOff) timeOffByDate[d.date] = { policyName: d.timeOff.policyName };
  }
  const trackedByTask = Object.fromEntries(Object.entries(p.byTask).map(([id, s]) => [id, minutes(s)]));
  return { weekStart: p.weekStart, trackedByDate, trackedByTask, timeOffByDate, thresholdMinutes: minutes(p.thresholdSeconds) };
}

/** Several weeks as one (a short view straddling two): days side by side, task totals summed. */
export function mergeTracked(weeks: readonly TrackedWeek[]): TrackedWeek {
  const [first] = weeks;
  if (!first || weeks.length === 1) return first ?? { weekStart: null, trackedByDate: {}, trackedByTask: {}, timeOffByDate: {}, thresholdMinutes: null };
  const trackedByTask: Record<string, number> = {};
  for (const w of weeks) for (const [id, m] of Object.entries(w.trackedByTask)) trackedByTask[id] = (trackedByTask[id] ?? 0) + m;
  return {
    weekStart: first.weekStart,
    trackedByDate: Object.assign({}, ...weeks.map((w) => w.trackedByDate)) as Record<string, number>,
    trackedByTask,
    timeOffByDate: Object.assign({}, ...weeks.map((w) => w.timeOffByDate)) as Record<string, TimeOff>,
    thresholdMinutes: first.thresholdMinutes,
  };
}
