// The week's totals: planned time, and (with a Hubstaff account) tracked time and the
// overtime warning.
import { formatMinutes } from '../../common/duration';
import { useSettings } from '../stores/settings';
import { useTracked } from '../stores/tracked';
import { useWeek } from '../stores/week';
import { WarningIcon } from './Icons';

export function WeekSummary() {
  const planned = useWeek((s) => s.week?.days.reduce((sum, d) => sum + d.plannedMinutes, 0) ?? 0);
  // The week's tracked minutes; null until an account is signed in.
  const tracked = useTracked((s) => (s.available ? Object.values(s.trackedByDate).reduce((a, b) => a + b, 0) : null));
  const setting = useSettings((s) => s.settings.overtimeThresholdMinutes);
  // The threshold main applied to these figures; the setting until they arrive.
  const threshold = useTracked((s) => s.thresholdMinutes) ?? setting;
  const overtime = tracked !== null && tracked > threshold;

  return (
    <div className="week-summary" role="group" aria-label="Week totals">
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
