// The week's totals: planned time, and (with a Hubstaff account) tracked time and the
// overtime warning.
import { formatMinutes } from '../../common/duration';
import { useSettings } from '../stores/settings';
import { useTracked } from '../stores/tracked';
import { useShallow } from 'zustand/react/shallow';
import { shownDates, useWeek } from '../stores/week';
import { WarningIcon } from './Icons';

export function WeekSummary() {
  // The shown days' totals (a three-day view counts its three days).
  const dates = useWeek(useShallow((s) => shownDates(s)));
  const planned = useWeek((s) => s.week?.days.filter((d) => dates.includes(d.date)).reduce((sum, d) => sum + d.plannedMinutes, 0) ?? 0);
  // Tracked minutes; null until an account is signed in.
  const tracked = useTracked((s) => (s.available ? dates.reduce((sum, d) => sum + (s.trackedByDate[d] ?? 0), 0) : null));
  const setting = useSettings((s) => s.settings.overtimeThresholdMinutes);
  // The threshold main applied to these figures; the setting until they arrive.
  const threshold = useTracked((s) => s.thresholdMinutes) ?? setting;
  // Overtime is a week's matter: judged on the whole of the one week loaded, hidden weekends too.
  const weekTracked = useTracked((s) => {
    const days = Object.values(s.trackedByDate);
    return s.available && days.length === 7 ? days.reduce((a, b) => a + b, 0) : null;
  });
  const overtime = weekTracked !== null && weekTracked > threshold;

  return (
    <div className="week-summary" role="group" aria-label={dates.length === 7 ? 'Week totals' : 'Totals of the shown days'}>
      <span className="stat">
        <span className="stat-label">Planned</span>
        <span className="stat-value" data-testid="week-planned">
          {formatMinutes(planned)}
        </span>
      </span>
      {tracked !== null && (
        <span className="stat">
          <span className="stat-label">Tracked</span>
          <span className="stat-value" data-testid="week-tracked">
            {formatMinutes(tracked)}
          </span>
        </span>
      )}
      {overtime && (
        <span className="overtime" role="status">
          <WarningIcon /> Over {formatMinutes(threshold)} this week
        </span>
      )}
    </div>
  );
}
