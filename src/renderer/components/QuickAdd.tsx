// Quick add: `Write report [1h30m]` creates a 90-minute local task in "Unscheduled". While
// typing, a bracket that looks like a duration but is not one (`[99h]`, `[1h 30]`, `[]`) gets
// a hint, and is kept as title text only if the person says so.
import { useId, useState, type FormEvent } from 'react';
import { formatMinutes } from '../../common/duration';
import { formatClock, useHour12 } from '../lib/clockFormat';
import { checkTitle } from '../lib/titleCheck';
import { useSettings } from '../stores/settings';
import { useTasks } from '../stores/tasks';

export function QuickAdd() {
  const [text, setText] = useState('');
  // The text the person chose to keep with its odd brackets as title text.
  const [keepAsText, setKeepAsText] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const quickAdd = useTasks((s) => s.quickAdd);
  const workdayStart = useSettings((s) => s.settings.workdayStartMinute);
  const hour12 = useHour12();
  const hintId = useId();
  const check = checkTitle(text, workdayStart, (m) => formatClock(m, hour12));
  const needsChoice = check.hints.length > 0 && keepAsText !== text;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (check.problem || needsChoice) return;
    if (await quickAdd(text)) {
      setText('');
      setKeepAsText(null);
      setTried(false);
    }
  }

  const showProblem = check.problem && (tried || text.trim() !== '');
  return (
    <form className="quick-add-form" onSubmit={submit} aria-label="Quick add" noValidate>
      <div className="quick-add">
        <label htmlFor="quick-add" className="visually-hidden">
          New task
        </label>
        <input
          id="quick-add"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Write report [1h30m]"
          autoComplete="off"
          aria-invalid={needsChoice || (!!check.problem && (tried || text.trim() !== ''))}
          aria-describedby={hintId}
        />
        <button type="submit" className="button primary">
          Add
        </button>
      </div>
      <div id={hintId} className="quick-add-hints" aria-live="polite">
        {check.hints.map((h) => (
          <p key={h.start} className="field-error">
            {h.message}
          </p>
        ))}
        {needsChoice && (
          <button type="button" className="link-button" onClick={() => setKeepAsText(text)}>
            Keep {check.hints.map((h) => h.bracket).join(' ')} as title text
          </button>
        )}
        {showProblem && <p className={tried ? 'field-error' : 'field-note'}>{check.problem}</p>}
        {!check.problem && check.hints.length === 0 && check.minutes !== null && (
          <p className="field-note">
            Adds “{check.title}”, {formatMinutes(check.minutes)}
          </p>
        )}
        {check.placement && <p className="field-note">{check.placement}</p>}
      </div>
    </form>
  );
}
