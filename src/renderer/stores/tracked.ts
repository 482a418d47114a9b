// Hubstaff's tracked time and time off for the shown week, from `tracked.getWeek`; refetched on
// `sync.dataChanged` (tracked) and whenever the shown week changes. Views render it:
//   - DayHeader: tracked minutes per day, time-off policy name (and the column is shaded)
//   - WeekSummary: the week's tracked total and the overtime warning
//   - EntryCard: the time tracked on a linked task
import { create } from 'zustand';
import { call } from '../lib/api';
import { fromPayload, mergeTracked, type TrackedWeek } from '../lib/trackedWeek';
import { attempt } from './errors';

export type { TimeOff, TrackedWeek } from '../lib/trackedWeek';

interface TrackedState extends TrackedWeek {
  /** False until an account is signed in: views then hide tracked time instead of showing 0. */
  available: boolean;
  /** Fetches the weeks holding the shown days (one, or two when a short view straddles them). */
  load(weekStarts: readonly string[], weekStartsOn: number, available: boolean): Promise<void>;
  receive(week: TrackedWeek, available?: boolean): void;
}

let latest = 0;

export const useTracked = create<TrackedState>((set) => ({
  available: false,
  weekStart: null,
  trackedByDate: {},
  trackedByTask: {},
  timeOffByDate: {},
  thresholdMinutes: null,
  async load(weekStarts, weekStartsOn, available) {
    const request = ++latest;
    const weeks = await attempt(() => Promise.all(weekStarts.map((date) => call('tracked.getWeek', { date, weekStartsOn }))));
    // Fast week navigation: only the newest answer may land.
    if (weeks && request === latest) set({ ...mergeTracked(weeks.map(fromPayload)), available });
  },
  receive: (week, available = true) => set({ ...week, available }),
}));
