// Time helpers for the week view. FullCalendar runs with timeZone 'UTC' so that its dates are
// Stint's floating wall-clock times: 10:00 on a Date's UTC fields is 10:00 on the plan, wherever
// the laptop is. Only "now" comes from the local zone.
import { MINUTES_PER_DAY } from '../../common/domain';

export const SNAP_MINUTES = 15;

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:MM:00` for FullCalendar (no offset: read as UTC, i.e. floating). */
export function toCalendarDateTime(date: string, minute: number): string {
  return `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00`;
}

/** The floating date and minute of a FullCalendar Date (its UTC fields). */
export function fromCalendarDate(d: Date): { date: string; minute: number } {
  return { date: d.toISOString().slice(0, 10), minute: d.getUTCHours() * 60 + d.getUTCMinutes() };
}

/** The local wall-clock time as a floating datetime string, for FullCalendar's `now`. */
export function localNowString(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
}

/** `HH:MM` (24 h), as `<input type="time">` and FullCalendar durations take it. */
export function minuteToClock(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** Minutes after midnight of an `HH:MM` value, or null when it is not one. */
export function clockToMinute(value: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

export function snapMinute(minute: number, step = SNAP_MINUTES): number {
  return Math.round(minute / step) * step;
}

/** Keeps an entry of `duration` inside its day: 0 ≤ start and start + duration ≤ 24:00. */
export function clampStart(start: number, duration: number): number {
  return Math.max(0, Math.min(start, MINUTES_PER_DAY - duration));
}

const DAY_FMT = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' });
const MONTH_DAY_FMT = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const LONG_FMT = new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });

const asUtc = (date: string) => new Date(`${date}T00:00:00Z`);

export const weekdayShort = (date: string) => DAY_FMT.format(asUtc(date));
export const dayOfMonth = (date: string) => asUtc(date).getUTCDate();
export const longDate = (date: string) => LONG_FMT.format(asUtc(date));

/** "Nov 23 – 29, 2026", or "Nov 30 – Dec 6, 2026" across months. */
export function formatWeekRange(weekStart: string, weekEnd: string): string {
  const a = asUtc(weekStart);
  const b = asUtc(weekEnd);
  const year = b.getUTCFullYear();
  const sameMonth = a.getUTCMonth() === b.getUTCMonth();
  const sameYear = a.getUTCFullYear() === year;
  const left = MONTH_DAY_FMT.format(a) + (sameYear ? '' : `, ${a.getUTCFullYear()}`);
  const right = sameMonth && sameYear ? String(b.getUTCDate()) : MONTH_DAY_FMT.format(b);
  return `${left} – ${right}, ${year}`;
}
