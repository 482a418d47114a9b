// One way of writing a time of day everywhere Stint shows one (the calendar, Settings, the
// status bar, the tray): the time format setting, where 'system' follows the locale's 12 or 24
// hour clock. Times are floating minutes after midnight (0–1440).
import { MINUTES_PER_DAY } from './domain';
import type { TimeFormat } from './ipc/settings-schemas';

/** The locale's answer, per locale: every entry card asks, and the locale does not change under a page. */
const systemAnswers = new Map<string, boolean>();

/** True when times read on a 12-hour clock; 'system' asks the locale (undefined: the OS's). */
export function uses12h(format: TimeFormat, locale?: string): boolean {
  if (format !== 'system') return format === '12h';
  const key = locale ?? '';
  let answer = systemAnswers.get(key);
  if (answer === undefined) {
    const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
    answer = cycle === 'h11' || cycle === 'h12';
    systemAnswers.set(key, answer);
  }
  return answer;
}

const pad = (n: number) => String(n).padStart(2, '0');

function parts(minute: number): { h: number; m: number } {
  if (!Number.isInteger(minute) || minute < 0 || minute > MINUTES_PER_DAY) throw new RangeError(`A time of day is 0 to ${MINUTES_PER_DAY} minutes, got ${minute}`);
  return { h: Math.floor(minute / 60), m: minute % 60 };
}

/** "4:00 PM" / "16:00". 1440, an end at midnight, is "12:00 AM" / "24:00". */
export function formatClock(minute: number, hour12: boolean): string {
  const { h, m } = parts(minute);
  if (!hour12) return `${pad(h)}:${pad(m)}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${pad(m)} ${h % 24 < 12 ? 'AM' : 'PM'}`;
}

/** An axis label: "4 PM" / "16:00" on the hour, "4:30 PM" / "16:30" between. */
export function formatHourLabel(minute: number, hour12: boolean): string {
  const { h, m } = parts(minute);
  if (!hour12 || m !== 0) return formatClock(minute, hour12);
  return `${h % 12 === 0 ? 12 : h % 12} ${h % 24 < 12 ? 'AM' : 'PM'}`;
}
