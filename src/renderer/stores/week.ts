// The shown days: which ones (the anchor, the chosen view, the width the calendar has), and
// what main says is in them. Refetched on `planner.changed`.
import { create } from 'zustand';
import { localToday } from '../../common/dates';
import type { Week } from '../../common/domain';
import { call } from '../lib/api';
import { columnsThatFit, fittedView, stepAnchor, viewDates, weeksCovering, type CalendarView, type ViewOptions } from '../lib/viewRange';
import { attempt } from './errors';
import { useSettings } from './settings';
import { systemClock } from '../../common/clock';

type EntryPatch = Partial<Pick<Week['entries'][number], 'date' | 'startMinute' | 'durationMinutes'>>;

interface WeekState {
  /** Any date inside the shown range (today at start); the first shown day in day views. */
  anchor: string;
  /** The view the person chose (kept across launches); `view` is what fits. */
  chosenView: CalendarView;
  /** Readable day columns the calendar has room for (from its measured width). */
  columns: number;
  /**
   * The shown days' plan: the weeks covering them, merged (a 3-day view can straddle two).
   * `weekStart` is the first loaded week's.
   */
  week: Week | null;
  load(): Promise<void>;
  /** One step back or forward: a week, or the view's days. */
  step(direction: -1 | 1): void;
  shiftWeeks(weeks: number): void;
  goToday(): void;
  goToDate(date: string): void;
  chooseView(view: CalendarView): void;
  setWidth(widthPx: number): void;
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

const VIEW_KEY = 'stint.calendarView';

function rememberedView(): CalendarView {
  try {
    const v = window.localStorage.getItem(VIEW_KEY);
    return v === '3day' || v === 'day' ? v : 'week';
  } catch {
    return 'week';
  }
}

function rememberView(view: CalendarView): void {
  try {
    window.localStorage.setItem(VIEW_KEY, view);
  } catch {
    // expected: storage unavailable: the choice lasts for this session only
  }
}

export function viewOptions(): ViewOptions {
  const { weekStartsOn, hideWeekends } = useSettings.getState().settings;
  return { weekStartsOn, hideWeekends };
}

/** The view on screen: the chosen one if its days fit, else the widest that does. */
export function shownView(s: Pick<WeekState, 'chosenView' | 'columns'> = useWeek.getState()): CalendarView {
  return fittedView(s.chosenView, s.columns, viewOptions());
}

/** The days on screen, in order. */
export function shownDates(s: Pick<WeekState, 'anchor' | 'chosenView' | 'columns'> = useWeek.getState()): string[] {
  return viewDates(s.anchor, shownView(s), viewOptions());
}

function merge(weeks: Week[]): Week {
  const [first, ...rest] = weeks as [Week, ...Week[]];
  if (rest.length === 0) return first;
  return {
    weekStart: first.weekStart,
    days: weeks.flatMap((w) => w.days),
    entries: weeks.flatMap((w) => w.entries),
  };
}

export const useWeek = create<WeekState>((set, get) => ({
  anchor: localToday(systemClock.now()),
  chosenView: rememberedView(),
  columns: 7,
  week: null,
  async load() {
    const request = ++latest;
    const weekStartsOn = useSettings.getState().settings.weekStartsOn;
    const starts = weeksCovering(shownDates(get()), weekStartsOn);
    const weeks = await attempt(() => Promise.all(starts.map((date) => call('planner.getWeek', { date, weekStartsOn }))));
    // Answers can cross (fast navigation): only the newest request may land.
    if (weeks && request === latest && editsInFlight === 0) set({ week: merge(weeks) });
  },
  step(direction) {
    const view = shownView(get());
    set({ anchor: stepAnchor(get().anchor, view, direction, viewOptions()) });
    void get().load();
  },
  shiftWeeks(weeks) {
    set({ anchor: stepAnchor(get().anchor, 'week', weeks < 0 ? -1 : 1, viewOptions()) });
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
  chooseView(view) {
    rememberView(view);
    set({ chosenView: view });
    void get().load();
  },
  setWidth(widthPx) {
    const columns = columnsThatFit(widthPx);
    if (columns === get().columns) return;
    const before = shownView(get());
    set({ columns });
    if (shownView(get()) !== before) void get().load();
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

/** True when `date` is one of the days on screen. */
export function isShown(date: string): boolean {
  return shownDates().includes(date);
}

