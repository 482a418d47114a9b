// Settings: accounts and sync (their own forms, first, so the reconnect flow opens on top),
// then planning defaults, working hours and theme.
import { useState, type FormEvent } from 'react';
import type { Settings } from '../../common/ipc/settings-schemas';
import { clockToMinute, minuteToClock, SNAP_MINUTES } from '../lib/time';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';
import { AccountsSection } from './accounts/AccountsSection';
import { Dialog } from './Dialog';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Match system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function SettingsDialog() {
  const open = useUi((s) => s.settingsOpen);
  const reconnectAccountId = useUi((s) => s.reconnectAccountId);
  const close = () => useUi.getState().setSettingsOpen(false);
  return (
    <Dialog open={open} title="Settings" onClose={close} className="settings-dialog">
      {open && (
        <>
          <AccountsSection reconnectAccountId={reconnectAccountId} />
          <SettingsForm onDone={close} />
        </>
      )}
    </Dialog>
  );
}

function SettingsForm({ onDone }: { onDone(): void }) {
  const current = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const [duration, setDuration] = useState(String(current.defaultDurationMinutes));
  const [weekStartsOn, setWeekStartsOn] = useState(current.weekStartsOn);
  const [start, setStart] = useState(minuteToClock(current.workdayStartMinute));
  const [end, setEnd] = useState(minuteToClock(current.workdayEndMinute));
  const [theme, setTheme] = useState(current.theme);

  const minutes = Number(duration);
  const durationOk = Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440;
  const startMinute = clockToMinute(start);
  const endMinute = clockToMinute(end);
  const hoursOk = startMinute !== null && endMinute !== null && startMinute < endMinute;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!durationOk || !hoursOk) return;
    const saved = await update({
      defaultDurationMinutes: minutes,
      weekStartsOn,
      workdayStartMinute: startMinute,
      workdayEndMinute: endMinute,
      theme,
    });
    if (saved) onDone();
  }

  return (
    <form className="dialog-body settings-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Planning</legend>
        <label className="field">
          <span>Default duration (minutes)</span>
          <input data-autofocus type="number" min={1} max={1440} step={5} value={duration} onChange={(e) => setDuration(e.target.value)} aria-invalid={!durationOk} aria-describedby="duration-help" />
          <small id="duration-help">Used when neither the title (e.g. [1h30m]) nor the task says how long.</small>
        </label>
        <label className="field">
          <span>Week starts on</span>
          <select value={weekStartsOn} onChange={(e) => setWeekStartsOn(Number(e.target.value))}>
            {WEEKDAYS.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <div className="field-row">
          <label className="field">
            <span>Working day starts</span>
            <input type="time" step={SNAP_MINUTES * 60} value={start} onChange={(e) => setStart(e.target.value)} aria-invalid={!hoursOk} />
          </label>
          <label className="field">
            <span>Ends</span>
            <input type="time" step={SNAP_MINUTES * 60} value={end} onChange={(e) => setEnd(e.target.value)} aria-invalid={!hoursOk} />
          </label>
        </div>
        {!hoursOk && <p className="field-error">The working day must end after it starts.</p>}
        {!durationOk && <p className="field-error">The default duration is 1 to 1440 minutes.</p>}
      </fieldset>

      <fieldset>
        <legend>Appearance</legend>
        <div className="radio-row" role="radiogroup" aria-label="Theme">
          {THEMES.map((t) => (
            <label key={t.value} className="radio">
              <input type="radio" name="theme" value={t.value} checked={theme === t.value} onChange={() => setTheme(t.value)} />
              {t.label}
            </label>
          ))}
        </div>
      </fieldset>

      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={!durationOk || !hoursOk}>
          Save
        </button>
      </footer>
    </form>
  );
}
