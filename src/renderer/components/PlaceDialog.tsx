// Places a sidebar item or an unscheduled task on the calendar from the keyboard: pick a day of
// the shown week and a start time; the same commands as a drop run.
import { useState, type FormEvent } from 'react';
import { localToday, weekDates } from '../../common/dates';
import { parseTitleDuration } from '../../common/duration';
import { clockToMinute, longDate, minuteToClock, SNAP_MINUTES, snapMinute } from '../lib/time';
import { planner } from '../stores/planner';
import { useSettings } from '../stores/settings';
import { useUi, type PlaceTarget } from '../stores/ui';
import { shownWeekStart, useWeek } from '../stores/week';
import { Dialog } from './Dialog';
import { systemClock } from '../../common/clock';

export function PlaceDialog() {
  const placing = useUi((s) => s.placing);
  const close = () => useUi.getState().place(null);
  return (
    <Dialog open={placing !== null} title="Place on the calendar" onClose={close}>
      {placing && <PlaceForm target={placing} onDone={close} />}
    </Dialog>
  );
}

function titleOf(target: PlaceTarget): string {
  if (target.kind === 'task') return target.task.title;
  return parseTitleDuration(target.item.title).title || target.item.title;
}

function PlaceForm({ target, onDone }: { target: PlaceTarget; onDone(): void }) {
  const anchor = useWeek((s) => s.anchor);
  const workdayStart = useSettings((s) => s.settings.workdayStartMinute);
  const days = weekDates(shownWeekStart(anchor));
  const today = localToday(systemClock.now());
  const [date, setDate] = useState(days.includes(today) ? today : days[0]!);
  const [time, setTime] = useState(minuteToClock(snapMinute(workdayStart)));
  const minute = clockToMinute(time);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (minute === null) return;
    const start = snapMinute(minute);
    const ok = target.kind === 'source' ? await planner.dropSourceItem(target.item, date, start) : await planner.addEntry(target.task.id, date, start);
    if (ok) onDone();
  }

  return (
    <form className="dialog-body" onSubmit={submit}>
      <p className="place-what">{titleOf(target)}</p>
      <div className="field-row">
        <label className="field">
          <span>Day</span>
          <select value={date} onChange={(e) => setDate(e.target.value)} data-autofocus>
            {days.map((d) => (
              <option key={d} value={d}>
                {longDate(d)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Start</span>
          <input type="time" step={SNAP_MINUTES * 60} value={time} onChange={(e) => setTime(e.target.value)} required />
        </label>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={minute === null}>
          Place
        </button>
      </footer>
    </form>
  );
}
