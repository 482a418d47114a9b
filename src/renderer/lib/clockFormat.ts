// One way of writing a time of day across the window (calendar axis, entry cards, Settings,
// the Place dialog, the status bar): the time format setting, where 'system' follows the OS
// locale's 12 or 24 hour clock. Times are floating minutes after midnight (0–1440).
import { create } from 'zustand';
import { MINUTES_PER_DAY } from '../../common/domain';
import type { TimeFormat } from '../../common/ipc/settings-schemas';

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

export interface ClockChoice {
  minute: number;
  label: string;
}

/**
 * The times a time picker offers: every `step` minutes from `first` to `last` (both included
 * when on the step), plus `keep` (a stored value off the step) so the picker can show it.
 */
export function clockChoices(hour12: boolean, opts: { first?: number; last?: number; step?: number; keep?: number | null } = {}): ClockChoice[] {
  const { first = 0, last = MINUTES_PER_DAY - 1, step = 15, keep = null } = opts;
  const minutes: number[] = [];
  for (let m = Math.ceil(first / step) * step; m <= last; m += step) minutes.push(m);
  if (keep !== null && keep >= 0 && keep <= MINUTES_PER_DAY && !minutes.includes(keep)) {
    minutes.push(keep);
    minutes.sort((a, b) => a - b);
  }
  return minutes.map((minute) => ({ minute, label: formatClock(minute, hour12) }));
}

/** The latest start, on the step, that lets a block of `duration` end by midnight. */
export function latestStart(duration: number, step = 15): number {
  return Math.max(0, Math.floor((MINUTES_PER_DAY - duration) / step) * step);
}

/**
 * The time format setting as the settings store last held it (stores/settings keeps it here), so
 * this module stays free of the bridge and the formatters stay testable on plain Node.
 */
export const useTimeFormat = create<{ format: TimeFormat }>(() => ({ format: 'system' }));

/** Whether the window writes times on a 12-hour clock, from the time format setting. */
export function useHour12(): boolean {
  return uses12h(useTimeFormat((s) => s.format));
}
