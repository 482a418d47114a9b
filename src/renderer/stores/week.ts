// The shown week: which week, and what main says is in it. Refetched on `planner.changed`.
import { create } from 'zustand';
import { addDays, localToday, startOfWeek, type Weekday } from '../../common/dates';
import type { Week } from '../../common/domain';
import { call } from '../lib/api';
import { attempt } from './errors';
import { useSettings } from './settings';
import { systemClock } from '../../common/clock';

type EntryPatch = Partial<Pick<Week['entries'][number], 'date' | 'startMinute' | 'durationMinutes'>>;

interface WeekState {
  /** Any date inside the shown week (today at start). */
  anchor: string;
  week: Week | null;
  load(): Promise<void>;
  shiftWeeks(weeks: number): void;
  goToday(): void;
  goToDate(date: string): void;
  /** Shows an edit at once, before main confirms it (keyboard moves in quick succession). */
  patchEntry(entryId: string, patch: EntryPatch): void;
}

let latest = 0;
let editsInFlight = 0;

/**
 * Runs an edit while holding reloads back: a reload answered between two quick edits would show
 * the older state and the next edit would start from it. Reloads once every edit has answered.
 */
export async function duringEdit<T>(fn: () => Promise<T>): Promise<T> {
  editsInFlight++;
  try {
    return await fn();
  } finally {
    if (--editsInFlight === 0) void useWeek.getState().load();
  }
}

export const useWeek = create<WeekState>((set, get) => ({
  anchor: localToday(systemClock.now()),
  week: null,
  async load() {
    const request = ++latest;
    const { anchor } = get();
    const weekStartsOn = useSettings.getState().settings.weekStartsOn;
    const week = await attempt(() => call('planner.getWeek', { date: anchor, weekStartsOn }));
    // Answers can cross (fast week navigation): only the newest request may land.
    if (week && request === latest && editsInFlight === 0) set({ week });
  },
  shiftWeeks(weeks) {
    set({ anchor: addDays(get().anchor, weeks * 7) });
    void get().load();
  },
  goToday() {
    set({ anchor: localToday(systemClock.now()) });
    void get().load();
  },
  goToDate(date) {
    set({ anchor: date });
    void get().load();
  },
  patchEntry(entryId, patch) {
    const week = get().week;
    if (!week) return;
    const entries = week.entries.map((e) => (e.id === entryId ? { ...e, ...patch } : e));
    const planned = new Map<string, number>();
    for (const e of entries) planned.set(e.date, (planned.get(e.date) ?? 0) + e.durationMinutes);
    set({ week: { ...week, entries, days: week.days.map((d) => ({ ...d, plannedMinutes: planned.get(d.date) ?? 0 })) } });
  },
}));

/** The first day of the shown week, known before the week itself has loaded. */
export function shownWeekStart(anchor: string): string {
  return startOfWeek(anchor, useSettings.getState().settings.weekStartsOn as Weekday);
}
