// Places a sidebar item or an unscheduled task on the calendar from the keyboard: pick a day of
// the shown week and a start time; the same commands as a drop run. Only start times where the
// block fits are offered (an entry ends by midnight), and a note says so when that cuts the list.
import { useId, useState, type FormEvent } from 'react';
import { localToday } from '../../common/dates';
import { formatMinutes, parseTitleDuration } from '../../common/duration';
import { formatClock, latestStart, useHour12 } from '../lib/clockFormat';
import { longDate, SNAP_MINUTES, snapMinute } from '../lib/time';
import { planner } from '../stores/planner';
import { useSettings } from '../stores/settings';
import { useUi, type PlaceTarget } from '../stores/ui';
import { useShallow } from 'zustand/react/shallow';
import { shownDates, useWeek } from '../stores/week';
import { Dialog } from './Dialog';
import { TimeSelect } from './TimeSelect';
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

/** How long the placed block will be: the title's [duration], the task's own, else the default (DESIGN §2). */
function placedDuration(target: PlaceTarget, defaultMinutes: number): number {
  if (target.kind === 'source') return parseTitleDuration(target.item.title).minutes ?? defaultMinutes;
  return target.task.scheduledMinutes ?? defaultMinutes;
}

function PlaceForm({ target, onDone }: { target: PlaceTarget; onDone(): void }) {
  // The days on screen (hidden weekends and narrow views included), so a block lands where it shows.
  const days = useWeek(useShallow((s) => shownDates(s)));
  const workdayStart = useSettings((s) => s.settings.workdayStartMinute);
  const defaultMinutes = useSettings((s) => s.settings.defaultDurationMinutes);
  const hour12 = useHour12();
  const today = localToday(systemClock.now());
  const duration = placedDuration(target, defaultMinutes);
  const last = latestStart(duration, SNAP_MINUTES);
  const [date, setDate] = useState(days.includes(today) ? today : days[0]!);
  const [picked, setPicked] = useState(snapMinute(workdayStart));
  const start = Math.min(picked, last);
  // Only worth a word when the block's length takes away start times the day otherwise offers.
  const limited = last < latestStart(SNAP_MINUTES, SNAP_MINUTES);
  const noteId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = target.kind === 'source' ? await planner.dropSourceItem(target.item, date, start) : await planner.addEntry(target.task.id, date, start);
    if (ok) onDone();
  }

  return (
    // Enter places from the day and time pickers too (a select does not submit on its own).
    <form
      className="dialog-body"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
          e.preventDefault();
          e.currentTarget.requestSubmit();
        }
      }}
    >
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
        {/* Named by htmlFor: wrapped, the select's options would join its name. */}
        <div className="field">
          <span>
            <label htmlFor={`${noteId}-start`}>Start</label>
          </span>
          <TimeSelect id={`${noteId}-start`} value={start} onChange={setPicked} last={last} aria-describedby={limited ? noteId : undefined} />
        </div>
      </div>
      {limited && (
        <p id={noteId} className="field-note">
          {last === 0
            ? `A ${formatMinutes(duration)} block must start at ${formatClock(0, hour12)}: entries end by midnight.`
            : `A ${formatMinutes(duration)} block must start by ${formatClock(last, hour12)}: entries end by midnight.`}
        </p>
      )}
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary">
          Place
        </button>
      </footer>
    </form>
  );
}
