// Which hours of the grid are on screen: where the shown days open, and which entries lie
// above or below the scrolled-to hours (the hints that point at them).

interface Placed {
  date: string;
  startMinute: number;
  durationMinutes: number;
}

const MARGIN_MINUTES = 30;

/** The minute the grid opens at for these days' entries. */
export function openingMinute(entries: readonly Pick<Placed, 'date' | 'startMinute'>[], dates: readonly string[], workdayStartMinute: number): number {
  const shown = new Set(dates);
  const first = Math.min(workdayStartMinute, ...entries.filter((e) => shown.has(e.date)).map((e) => e.startMinute));
  return Math.max(0, first - MARGIN_MINUTES);
}

export interface Hidden {
  above: { count: number; minute: number };
  below: { count: number; minute: number };
}

export const NONE_HIDDEN: Hidden = { above: { count: 0, minute: 0 }, below: { count: 0, minute: 0 } };

/** Entries wholly above `top` or wholly below `bottom` (minutes of the day). */
export function hiddenEntries(entries: readonly Placed[], dates: readonly string[], top: number, bottom: number): Hidden {
  const shown = new Set(dates);
  const days = entries.filter((e) => shown.has(e.date));
  const above = days.filter((e) => e.startMinute + e.durationMinutes <= top);
  const below = days.filter((e) => e.startMinute >= bottom);
  return {
    above: { count: above.length, minute: Math.min(...above.map((e) => e.startMinute)) },
    below: { count: below.length, minute: Math.min(...below.map((e) => e.startMinute)) },
  };
}

