// Which time ranges a sync reads (DESIGN §6, seed 000): activities from the start date (a UTC
// date) to now, or to the end of the end date for a bounded backfill that never rolls forward;
// later runs re-read the recent refresh window, capped at the start date. Pure functions of the
// settings and the clock, so the rules are tested on their own.
import { addDays } from '../../../common/dates';

export const DAY_MS = 86_400_000;
/** Hubstaff serves activities up to 6 months back; a little less so a slow run stays inside. */
export const ACTIVITY_HISTORY_DAYS = 180;
/** `activities/updates` reaches back 45 days; older gaps are closed by re-reading windows. */
export const UPDATES_HISTORY_DAYS = 44;
/** Daily activities reach back 3 years. */
export const DAILY_HISTORY_DAYS = 3 * 365 - 5;
/** Without a start date the first sync reads this many days back. */
export const DEFAULT_HISTORY_DAYS = 28;

export interface RangeSettings {
  startDate: string | null;
  endDate: string | null;
  refreshWindowDays: number;
}

/** [start, stop) in epoch ms. Empty when stop <= start. */
export interface TimeRange {
  start: number;
  stop: number;
}

/** First and last day, inclusive, `YYYY-MM-DD`. Empty when last < first. */
export interface DayRange {
  first: string;
  last: string;
}

export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utcMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The configured start date, or the default (DEFAULT_HISTORY_DAYS before today, UTC). */
export function startDateOf(s: RangeSettings, now: number): string {
  return s.startDate ?? addDays(utcDate(now), -DEFAULT_HISTORY_DAYS);
}

/**
 * The activity range a sync keeps: from the start date (no earlier than Hubstaff serves) to now,
 * or to the end of the end date when one is set (bounded: never past it, never past now).
 * `stop` is floored to the second so query strings stay plain.
 */
export function activityRange(s: RangeSettings, now: number): TimeRange {
  const earliest = utcMidnight(addDays(utcDate(now), -ACTIVITY_HISTORY_DAYS));
  const start = Math.max(utcMidnight(startDateOf(s, now)), earliest);
  const nowSec = Math.floor(now / 1000) * 1000;
  const stop = s.endDate ? Math.min(utcMidnight(addDays(s.endDate, 1)), nowSec) : nowSec;
  return { start, stop: Math.max(start, stop) };
}

/**
 * Daily activities are dated in each organization's zone, which may be ahead of UTC: the open
 * range runs to tomorrow (UTC) so no zone's today is missed.
 */
export function dailyRange(s: RangeSettings, now: number): DayRange {
  const today = utcDate(now);
  const earliest = addDays(today, -DAILY_HISTORY_DAYS);
  const start = startDateOf(s, now);
  const first = start > earliest ? start : earliest;
  const open = addDays(today, 1);
  const last = s.endDate && s.endDate < open ? s.endDate : open;
  return { first, last };
}

/** The recent window re-read on an incremental run: `refreshWindowDays` before `until`, never before `start`. */
export function refreshRange(range: TimeRange, until: number, refreshWindowDays: number): TimeRange {
  const stop = range.stop;
  const from = Math.min(until, stop) - refreshWindowDays * DAY_MS;
  const start = Math.max(range.start, from);
  return { start, stop: Math.max(start, stop) };
}

/** As refreshRange, for days: the window before `through`, capped at the range's first day. */
export function refreshDays(range: DayRange, through: string, refreshWindowDays: number): DayRange {
  const last = range.last;
  const anchor = through < last ? through : last;
  const from = addDays(anchor, -refreshWindowDays);
  return { first: from > range.first ? from : range.first, last };
}

export function isEmptyTime(r: TimeRange): boolean {
  return r.stop <= r.start;
}

export function isEmptyDays(r: DayRange): boolean {
  return r.last < r.first;
}
