// Time formatting as Hubstaff writes it: date-time values are UTC ISO 8601 with microseconds
// ("2024-06-20T14:10:55.196912Z"); time slots are whole seconds; dates are YYYY-MM-DD.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const SLOT_MS = 600_000;

// Formatting is hand-rolled (with a cache of date strings) because a page of 500 activities
// needs 2,500 timestamps and Date#toISOString was most of the cost of serving it.
const dayCache = new Map<number, string>();

function dayString(day: number): string {
  let s = dayCache.get(day);
  if (s === undefined) {
    if (dayCache.size > 4096) dayCache.clear();
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayCache.set(day, s);
  }
  return s;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Whole seconds since the epoch -> "YYYY-MM-DDTHH:MM:SS". */
function isoSecondsBody(sec: number): string {
  const day = Math.floor(sec / 86_400);
  const rem = sec - day * 86_400;
  const h = Math.floor(rem / 3600);
  const m = Math.floor((rem % 3600) / 60);
  return `${dayString(day)}T${pad2(h)}:${pad2(m)}:${pad2(rem % 60)}`;
}

/** Microseconds since the epoch -> "YYYY-MM-DDTHH:MM:SS.ffffffZ". */
export function isoMicros(us: number): string {
  const sec = Math.floor(us / 1_000_000);
  const frac = Math.floor(us - sec * 1_000_000);
  return `${isoSecondsBody(sec)}.${String(frac).padStart(6, '0')}Z`;
}

/** Milliseconds since the epoch -> "YYYY-MM-DDTHH:MM:SSZ" (time slots, starts_at). */
export function isoSeconds(ms: number): string {
  return `${isoSecondsBody(Math.floor(ms / 1000))}Z`;
}

/** Milliseconds since the epoch -> "YYYY-MM-DD" (UTC). */
export function isoDate(ms: number): string {
  return dayString(Math.floor(ms / DAY_MS));
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" -> ms at UTC midnight, or NaN if it is not a real calendar date. */
export function parseDate(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) return Number.NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDate(ms) === text ? ms : Number.NaN;
}

/** An ISO 8601 instant (or a bare date, read as UTC midnight) -> ms, or NaN. */
export function parseInstant(text: string): number {
  if (DATE_RE.test(text)) return parseDate(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return Number.NaN;
  return Date.parse(text);
}
