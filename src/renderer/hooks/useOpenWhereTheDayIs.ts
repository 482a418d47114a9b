// Opens the shown days where the plan is: the earlier of the first entry and the start of the
// working day (half an hour above it), once per range, so an early entry is never scrolled out
// of sight on arrival. Later edits and reloads leave the scroll where the person put it.
import type FullCalendar from '@fullcalendar/react';
import { useEffect, useRef, type RefObject } from 'react';
import { minuteToClock } from '../lib/time';
import { openingMinute } from '../lib/visibleHours';
import { useWeek } from '../stores/week';

export function useOpenWhereTheDayIs(ref: RefObject<FullCalendar | null>, dates: readonly string[], workdayStartMinute: number): void {
  const opened = useRef<string | null>(null);
  const key = dates.join();
  useEffect(() => {
    const scroll = () => {
      const week = useWeek.getState().week;
      const api = ref.current?.getApi();
      if (!api || !week || opened.current === key) return;
      // Only once the loaded plan covers these days (a new range loads after navigation).
      if (!dates.every((d) => week.days.some((day) => day.date === d))) return;
      opened.current = key;
      api.scrollToTime(minuteToClock(openingMinute(week.entries, dates, workdayStartMinute)));
    };
    scroll();
    return useWeek.subscribe((s, prev) => s.week !== prev.week && scroll());
  }, [ref, key, dates, workdayStartMinute]);
}
