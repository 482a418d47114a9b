// Times of day in the window: the formatters (src/common/clockText, shared with the tray), the
// choices a time picker offers, and the hook that follows the time format setting.
import { create } from 'zustand';
import { MINUTES_PER_DAY } from '../../common/domain';
import { latestStartMinute } from '../../common/duration';
import type { TimeFormat } from '../../common/ipc/settings-schemas';
import { formatClock, uses12h } from '../../common/clockText';

export { formatClock, formatHourLabel, uses12h } from '../../common/clockText';

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
  return Math.floor(latestStartMinute(duration) / step) * step;
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
