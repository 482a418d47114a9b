// SLOT for the sync engine: Hubstaff's tracked time and time off, shown beside the plan.
// Nothing fills it yet. When sync lands, a command (e.g. `tracked.getWeek`) and its event
// feed `receive`; every view below already renders whatever is here:
//   - DayHeader: tracked minutes per day, time-off policy name (and the column is shaded)
//   - WeekSummary: the week's tracked total and the overtime warning
//   - EntryCard: the time tracked on a linked task
import { create } from 'zustand';

export interface TimeOff {
  /** The time-off policy's name, e.g. "Vacation". */
  policyName: string;
}

export interface TrackedWeek {
  /** Tracked minutes per floating date (`YYYY-MM-DD`). */
  trackedByDate: Record<string, number>;
  /** Tracked minutes per local task id (activities whose task_id is the task's source item). */
  trackedByTask: Record<string, number>;
  /** Approved time off per date. */
  timeOffByDate: Record<string, TimeOff>;
}

interface TrackedState extends TrackedWeek {
  /** False until sync has delivered figures: views then hide tracked time instead of showing 0. */
  available: boolean;
  receive(week: TrackedWeek): void;
}

export const useTracked = create<TrackedState>((set) => ({
  available: false,
  trackedByDate: {},
  trackedByTask: {},
  timeOffByDate: {},
  receive: (week) => set({ ...week, available: true }),
}));
