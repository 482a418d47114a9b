// Which days the calendar shows: the week, three days or one, with or without weekends, and
// the view that fits the width the calendar has (columns are never squeezed below a readable
// width: a narrower window gets fewer, wider days instead).
import { addDays, startOfWeek, weekdayOf, type Weekday } from '../../common/dates';

export type CalendarView = 'week' | '3day' | 'day';

export const VIEWS: readonly CalendarView[] = ['week', '3day', 'day'];
export const VIEW_LABELS: Record<CalendarView, string> = { week: 'Week', '3day': '3 days', day: 'Day' };

/** Narrower than this, a day column cannot show a short title and its times. */
export const MIN_DAY_COLUMN_PX = 84;
/** The hour labels' column (calendar.css `.fc-timegrid-axis`). */
export const TIME_AXIS_PX = 56;

export interface ViewOptions {
  weekStartsOn: number;
  hideWeekends: boolean;
}

const isWeekend = (date: string) => {
  const d = weekdayOf(date);
  return d === 0 || d === 6;
};

/** The first day at or after `date` that the view shows (weekends skipped when hidden). */
function firstShown(date: string, hideWeekends: boolean): string {
  let d = date;
  while (hideWeekends && isWeekend(d)) d = addDays(d, 1);
  return d;
}

/** The days shown for `anchor`, in order. */
export function viewDates(anchor: string, view: CalendarView, opts: ViewOptions): string[] {
  if (view === 'week') {
    const start = startOfWeek(anchor, opts.weekStartsOn as Weekday);
    const all = Array.from({ length: 7 }, (_, i) => addDays(start, i));
    const shown = opts.hideWeekends ? all.filter((d) => !isWeekend(d)) : all;
    // A week made only of weekend days cannot happen (7 consecutive days), but stay safe.
    return shown.length > 0 ? shown : all;
  }
  const count = view === '3day' ? 3 : 1;
  const dates: string[] = [];
  let d = firstShown(anchor, opts.hideWeekends);
  while (dates.length < count) {
    dates.push(d);
    d = firstShown(addDays(d, 1), opts.hideWeekends);
  }
  return dates;
}

/** The anchor one step back (-1) or forward (+1): a week, three shown days, or one. */
export function stepAnchor(anchor: string, view: CalendarView, direction: -1 | 1, opts: ViewOptions): string {
  if (view === 'week') return addDays(anchor, 7 * direction);
  const count = view === '3day' ? 3 : 1;
  if (direction === 1) return firstShown(addDays(viewDates(anchor, view, opts).at(-1)!, 1), opts.hideWeekends);
  let d = firstShown(anchor, opts.hideWeekends);
  for (let i = 0; i < count; i++) {
    d = addDays(d, -1);
    while (opts.hideWeekends && isWeekend(d)) d = addDays(d, -1);
  }
  return d;
}

/** How many day columns of a readable width fit in `widthPx` (0 before it is measured). */
export function columnsThatFit(widthPx: number): number {
  if (widthPx <= 0) return 7;
  return Math.max(1, Math.floor((widthPx - TIME_AXIS_PX) / MIN_DAY_COLUMN_PX));
}

/** The view shown: the chosen one, or the widest narrower one whose columns fit. */
export function fittedView(chosen: CalendarView, columns: number, opts: ViewOptions): CalendarView {
  const start = VIEWS.indexOf(chosen);
  for (const view of VIEWS.slice(start)) {
    if (dayCount(view, opts) <= columns) return view;
  }
  return 'day';
}

export function dayCount(view: CalendarView, opts: ViewOptions): number {
  if (view === 'week') return opts.hideWeekends ? 5 : 7;
  return view === '3day' ? 3 : 1;
}

/** The first day of each week the dates fall in (the planner answers a week at a time). */
export function weeksCovering(dates: readonly string[], weekStartsOn: number): string[] {
  return [...new Set(dates.map((d) => startOfWeek(d, weekStartsOn as Weekday)))];
}

/** Days from the first shown to the last, inclusive (FullCalendar's duration; hidden days inside it). */
export function spanDays(dates: readonly string[]): number {
  if (dates.length === 0) return 1;
  const first = Date.parse(`${dates[0]}T00:00:00Z`);
  const last = Date.parse(`${dates.at(-1)}T00:00:00Z`);
  return Math.round((last - first) / 86_400_000) + 1;
}
