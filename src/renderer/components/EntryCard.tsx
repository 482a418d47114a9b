// What an entry shows inside its calendar block: completion checkbox, title (or the inline
// title editor), duration, and the time tracked on a linked task once sync provides it.
import { memo, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { formatMinutes } from '../../common/duration';
import type { WeekEntry } from '../lib/calendarEvents';
import { projectColor } from '../lib/colors';
import { longDate, minuteToClock } from '../lib/time';
import { planner } from '../stores/planner';
import { useTracked } from '../stores/tracked';
import { useUi } from '../stores/ui';


interface Props {
  entry: WeekEntry;
  /** A drag or resize preview, not the entry's own block. */
  isMirror: boolean;
  /** Where the block is drawn: the entry's own time, or a drag/resize preview's. */
  startMinute: number;
  durationMinutes: number;
}

// FullCalendar re-renders every block of a column on each drag move; memo keeps the cards
// whose entry did not change from re-rendering with it.
export const EntryCard = memo(function EntryCard({ entry, isMirror, startMinute, durationMinutes }: Props) {
  const { task } = entry;
  const done = task.status === 'done';
  const editing = useUi((s) => s.editingEntryId === entry.id);
  const selected = useUi((s) => s.selectedEntryId === entry.id);
  // minutes tracked in Hubstaff on this linked task; null hides it.
  const tracked = useTracked((s) => (s.available && task.source ? (s.trackedByTask[task.id] ?? 0) : null));
  const size = durationMinutes <= 15 ? 'is-tiny' : durationMinutes < 45 ? 'is-compact' : '';
  const end = startMinute + durationMinutes;
  const ref = useRef<HTMLDivElement>(null);

  // FullCalendar owns the focusable block around this card and may keep it across updates, so
  // its name and id are refreshed on every render, and keyboard edits hand focus back to it.
  const label = describeEntry(entry);
  useLayoutEffect(() => {
    const block = ref.current?.closest<HTMLElement>('.fc-event');
    if (!block || isMirror) return;
    setAttr(block, 'data-entry-id', entry.id);
    setAttr(block, 'role', 'group');
    setAttr(block, 'aria-roledescription', 'planned entry');
    setAttr(block, 'aria-label', label);
    const ui = useUi.getState();
    if (ui.focusEntryId === entry.id) {
      ui.keepFocus(null);
      if (document.activeElement !== block) block.focus();
    }
  });

  return (
    <div
      ref={ref}
      className={['entry', size, done ? 'is-done' : '', selected ? 'is-selected' : ''].filter(Boolean).join(' ')}
      style={{ '--entry-color': projectColor(task) } as CSSProperties}
      onDoubleClick={() => useUi.getState().editEntry(entry.id)}
    >
      <input
        type="checkbox"
        className="check entry-check"
        checked={done}
        aria-label={done ? `Reopen ${task.title}` : `Complete ${task.title}`}
        onChange={(e) => void planner.setDone(task, e.target.checked)}
      />
      <div className="entry-body">
        {editing ? <TitleEditor entry={entry} /> : <span className="entry-title">{task.title}</span>}
        <span className="entry-meta">
          <span className="entry-time">
            {minuteToClock(startMinute)}–{minuteToClock(end % 1440)}
          </span>
          <span className="entry-duration">{formatMinutes(durationMinutes)}</span>
          {tracked !== null && (
            // Short cards drop the word (CSS) so the title keeps its room; the tooltip keeps it.
            <span className="entry-tracked" title={`${formatMinutes(tracked)} tracked`}>
              {formatMinutes(tracked)}
              <span className="entry-tracked-word"> tracked</span>
            </span>
          )}
        </span>
      </div>
    </div>
  );
});

function setAttr(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** The entry as a screen reader announces it. */
export function describeEntry(entry: WeekEntry): string {
  const end = (entry.startMinute + entry.durationMinutes) % 1440;
  const done = entry.task.status === 'done' ? ', done' : '';
  return `${entry.task.title}, ${longDate(entry.date)}, ${minuteToClock(entry.startMinute)} to ${minuteToClock(end)}, ${formatMinutes(entry.durationMinutes)}${done}`;
}

/** A mirror while something is dragged in from outside (no entry exists yet). */
export function DraftCard({ title, startMinute, durationMinutes }: { title: string; startMinute: number | null; durationMinutes: number | null }) {
  return (
    <div className="entry is-draft">
      <div className="entry-body">
        <span className="entry-title">{title}</span>
        {startMinute !== null && durationMinutes !== null && (
          <span className="entry-meta">
            <span className="entry-time">
              {minuteToClock(startMinute)}–{minuteToClock((startMinute + durationMinutes) % 1440)}
            </span>
            <span className="entry-duration">{formatMinutes(durationMinutes)}</span>
          </span>
        )}
      </div>
    </div>
  );
}

/** Inline title editing: Enter saves (the core re-parses `[1h30m]`), Escape cancels. */
function TitleEditor({ entry }: { entry: WeekEntry }) {
  const [value, setValue] = useState(entry.task.title);
  const finish = async (save: boolean) => {
    const ui = useUi.getState();
    if (ui.editingEntryId !== entry.id) return;
    ui.editEntry(null);
    ui.keepFocus(entry.id);
    if (save && value.trim() && value !== entry.task.title) await planner.editTitle(entry.task.id, value, entry.id);
    else refocus(entry.id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (e.key === 'Enter') void finish(true);
    else if (e.key === 'Escape') void finish(false);
  };
  return (
    <input
      className="entry-title-input"
      aria-label="Task title"
      value={value}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => void finish(true)}
      onMouseDown={(e) => e.stopPropagation()}
    />
  );
}

function refocus(entryId: string) {
  document.querySelector<HTMLElement>(`.fc-event[data-entry-id="${CSS.escape(entryId)}"]`)?.focus();
}
