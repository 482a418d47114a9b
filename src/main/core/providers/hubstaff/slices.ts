import { StintError } from '../../../../common/errors';
import { addDays, isIsoDate, toEpochMs, toQueryDateTime } from './time';

// Hubstaff caps range queries: activities (and their updates) at 7 days with `stop`
// exclusive, daily activities at 31 days with `stop` inclusive. Longer ranges are cut here.

export interface TimeSlice {
  index: number;
  total: number;
  /** Inclusive start, ISO date-time with `Z`. */
  start: string;
  /** Exclusive stop, ISO date-time with `Z`. */
  stop: string;
}

export interface DateSlice {
  index: number;
  total: number;
  /** Inclusive first day, `YYYY-MM-DD`. */
  start: string;
  /** Inclusive last day, `YYYY-MM-DD`. */
  stop: string;
}

export const ACTIVITY_WINDOW_DAYS = 7;
export const DAILY_WINDOW_DAYS = 31;
const DAY_MS = 86_400_000;

/** Cuts [start, stop) into consecutive windows of at most `days` days. Empty range → no slices. */
export function timeSlices(start: Date | string, stop: Date | string, days = ACTIVITY_WINDOW_DAYS): TimeSlice[] {
  const from = toEpochMs(start);
  const to = toEpochMs(stop);
  if (from === null || to === null) {
    throw new StintError('invalid_argument', 'start and stop must be ISO-8601 date-times', { details: ['start', 'stop'] });
  }
  if (to < from) throw new StintError('invalid_argument', 'stop is before start', { details: ['stop'] });
  const width = days * DAY_MS;
  const bounds: Array<[number, number]> = [];
  for (let s = from; s < to; s += width) bounds.push([s, Math.min(s + width, to)]);
  return bounds.map(([s, e], index) => ({ index, total: bounds.length, start: toQueryDateTime(s), stop: toQueryDateTime(e) }));
}

/** Cuts the inclusive day range [startDate, stopDate] into windows of at most `days` days. */
export function dateSlices(startDate: string, stopDate: string, days = DAILY_WINDOW_DAYS): DateSlice[] {
  if (!isIsoDate(startDate) || !isIsoDate(stopDate)) {
    throw new StintError('invalid_argument', 'startDate and stopDate must be YYYY-MM-DD dates', { details: ['startDate', 'stopDate'] });
  }
  if (stopDate < startDate) throw new StintError('invalid_argument', 'stopDate is before startDate', { details: ['stopDate'] });
  const bounds: Array<[string, string]> = [];
  for (let s = startDate; s <= stopDate; s = addDays(s, days)) {
    const last = addDays(s, days - 1);
    bounds.push([s, last < stopDate ? last : stopDate]);
  }
  return bounds.map(([s, e], index) => ({ index, total: bounds.length, start: s, stop: e }));
}
