// Time values on Hubstaff's wire: ISO-8601 date-times in UTC, often with microseconds
// ("2017-06-05T12:21:08.432670Z"), occasionally without the `Z` (webhook payloads), and
// `YYYY-MM-DD` dates. We store date-times as ms-precision ISO strings so they sort as text.
// Every activity carries four date-times, so the common UTC form is checked with plain
// arithmetic (no Date round trip): this is on the ingest hot path.

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Normalizes a wire date-time to `YYYY-MM-DDTHH:MM:SS.sssZ` (fraction truncated to ms), or
 * returns null when it is not a real ISO-8601 date-time. A missing offset means UTC.
 */
export function toIsoMs(value: string): string | null {
  const fast = canonicalUtc(value);
  if (fast !== undefined) return fast;
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', fraction = '', offset = 'Z'] = m;
  if (!validDate(+y!, +mo!, +d!) || +h! > 23 || +mi! > 59 || +s! > 59) return null;
  const ms = fraction.length === 3 ? fraction : (fraction + '000').slice(0, 3);
  const utc = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}`;
  if (offset === 'Z' || offset === 'z') return `${utc}Z`;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const offsetMin = +digits.slice(0, 2) * 60 + +(digits.slice(2) || '0');
  const t = Date.parse(`${utc}Z`) - sign * offsetMin * 60_000;
  return new Date(t).toISOString();
}

/**
 * The fast path for `YYYY-MM-DDTHH:MM:SS[.f…]Z` (what Hubstaff sends): the normalized value,
 * null if it has that shape but is not a real instant, undefined if it has another shape.
 */
function canonicalUtc(v: string): string | null | undefined {
  const n = v.length;
  if (n < 20 || n > 30 || v.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return undefined;
  const year = digits2(v, 0) * 100 + digits2(v, 2);
  const month = digits2(v, 5);
  const day = digits2(v, 8);
  const hour = digits2(v, 11);
  const minute = digits2(v, 14);
  const second = digits2(v, 17);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined; // a non-digit
  if (n > 20) {
    if (v.charCodeAt(19) !== 46 /* . */ || n === 21) return undefined;
    for (let i = 20; i < n - 1; i++) if (!isDigit(v.charCodeAt(i))) return undefined;
  }
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  // One slice and one concatenation: this runs for every timestamp of every record.
  if (n === 24) return v; // already `.sssZ`
  if (n > 24) return `${v.slice(0, 23)}Z`; // µs or finer: truncated to ms
  return n === 20 ? `${v.slice(0, 19)}.000Z` : `${v.slice(0, n - 1)}${n === 22 ? '00Z' : '0Z'}`;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The two-digit number at `at`, or a negative number if either character is not a digit. */
function digits2(v: string, at: number): number {
  const a = v.charCodeAt(at);
  const b = v.charCodeAt(at + 1);
  return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : -10_000;
}

/** True for a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || !DATE_ONLY.test(value)) return false;
  return validDate(digits2(value, 0) * 100 + digits2(value, 2), digits2(value, 5), digits2(value, 8));
}

function validDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Accepts a Date or an ISO string (any offset) and returns epoch ms, or null if invalid. */
export function toEpochMs(value: Date | string): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  const iso = toIsoMs(value);
  return iso === null ? null : Date.parse(iso);
}

/** Query-string form Hubstaff documents: second precision with `Z` (e.g. 2026-04-01T00:00:00Z). */
export function toQueryDateTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}
