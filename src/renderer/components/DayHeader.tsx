// A day column's header: weekday, date, planned time, and (once sync provides them) tracked
// time and the time-off policy.
import { useLayoutEffect, useRef } from 'react';
import { localToday } from '../../common/dates';
import { formatMinutes } from '../../common/duration';
import { dayOfMonth, longDate, weekdayShort } from '../lib/time';
import { useTracked } from '../stores/tracked';
import { useWeek } from '../stores/week';
import { systemClock } from '../../common/clock';

export function DayHeader({ date }: { date: string }) {
  const planned = useWeek((s) => s.week?.days.find((d) => d.date === date)?.plannedMinutes ?? 0);
  // tracked minutes and time off for the day; hidden until sync delivers them.
  const tracked = useTracked((s) => (s.available ? (s.trackedByDate[date] ?? 0) : null));
  const timeOff = useTracked((s) => s.timeOffByDate[date] ?? null);
  const isToday = date === localToday(systemClock.now());
  const ref = useRef<HTMLDivElement>(null);

  // FullCalendar labels the header's inner <a> with the bare date, which would hide the
  // planned and tracked times from screen readers: the header's own text says it all.
  useLayoutEffect(() => {
    ref.current?.closest('.fc-col-header-cell-cushion')?.removeAttribute('aria-label');
  });

  return (
    <div ref={ref} className={`day-header${isToday ? ' is-today' : ''}`} data-day={date}>
      <span className="day-label" aria-hidden="true">
        <span className="day-name">{weekdayShort(date)}</span>
        <span className="day-number">{dayOfMonth(date)}</span>
      </span>
      <span className="visually-hidden">{longDate(date)}</span>
      <span className="day-times">
        <span className={`day-planned${planned === 0 ? ' is-zero' : ''}`}>
          <span className="visually-hidden">Planned </span>
          {formatMinutes(planned)}
        </span>
        {tracked !== null && (
          <span className="day-tracked">
            <span className="visually-hidden">Tracked </span>
            {formatMinutes(tracked)}
          </span>
        )}
      </span>
      {timeOff && <span className="day-time-off">{timeOff.policyName}</span>}
    </div>
  );
}
