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
