// Settings: accounts and sync (their own forms, first, so the reconnect flow opens on top),
// then planning defaults, working hours, the week's days, the time format and theme.
import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../common/ipc/settings-schemas';
import { uses12h } from '../lib/clockFormat';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';
import { AccountsSection } from './accounts/AccountsSection';
import { Dialog } from './Dialog';
import { TimeSelect } from './TimeSelect';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const THEMES: { value: Settings['theme']; label: string }[] = [
  { value: 'system', label: 'Match system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];
const TIME_FORMATS: { value: Settings['timeFormat']; label: string }[] = [
  { value: 'system', label: `Match system (${uses12h('system') ? '12-hour' : '24-hour'})` },
  { value: '12h', label: '12-hour' },
  { value: '24h', label: '24-hour' },
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
  const id = useId();
  const update = useSettings((s) => s.update);
  const [duration, setDuration] = useState(String(current.defaultDurationMinutes));
  const [weekStartsOn, setWeekStartsOn] = useState(current.weekStartsOn);
  const [startMinute, setStart] = useState(current.workdayStartMinute);
  const [endMinute, setEnd] = useState(current.workdayEndMinute);
  const [hideWeekends, setHideWeekends] = useState(current.hideWeekends);
  const [timeFormat, setTimeFormat] = useState(current.timeFormat);
  const [theme, setTheme] = useState(current.theme);
  // The working hours are worded in the format being picked, before it is saved.
  const hour12 = uses12h(timeFormat);

  const minutes = Number(duration);
  const durationOk = Number.isInteger(minutes) && minutes >= 1 && minutes <= 1440;
  const hoursOk = startMinute < endMinute;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!durationOk || !hoursOk) return;
    const saved = await update({
      defaultDurationMinutes: minutes,
      weekStartsOn,
      workdayStartMinute: startMinute,
      workdayEndMinute: endMinute,
      hideWeekends,
      timeFormat,
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
          <input type="number" min={1} max={1440} step={5} value={duration} onChange={(e) => setDuration(e.target.value)} aria-invalid={!durationOk} aria-describedby="duration-help" />
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
        {/* Named by htmlFor, not by wrapping: a wrapped select's options would join its name. */}
        <div className="field-row">
          <div className="field">
            <span>
              <label htmlFor={`${id}-start`}>Working day starts</label>
            </span>
            <TimeSelect id={`${id}-start`} value={startMinute} onChange={setStart} hour12={hour12} aria-invalid={!hoursOk} />
          </div>
          <div className="field">
            <span>
              <label htmlFor={`${id}-end`}>Ends</label>
            </span>
            <TimeSelect id={`${id}-end`} value={endMinute} onChange={setEnd} hour12={hour12} aria-invalid={!hoursOk} />
          </div>
        </div>
        {!hoursOk && <p className="field-error">The working day must end after it starts.</p>}
        {!durationOk && <p className="field-error">The default duration is 1 to 1440 minutes.</p>}
        <label className="checkbox">
          <input type="checkbox" checked={hideWeekends} onChange={(e) => setHideWeekends(e.target.checked)} />
          Hide weekends
        </label>
      </fieldset>

      <fieldset>
        <legend>Appearance</legend>
        <div className="field">
          <span>
            <label htmlFor={`${id}-format`}>Time format</label>
          </span>
          <select id={`${id}-format`} value={timeFormat} onChange={(e) => setTimeFormat(e.target.value as Settings['timeFormat'])}>
            {TIME_FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
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
