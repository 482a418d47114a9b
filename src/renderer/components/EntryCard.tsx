// What an entry shows inside its calendar block: completion checkbox, title (or the inline
// title editor), time, duration, and the time tracked on a linked task once sync provides it.
// Short blocks are one line; whatever is cut ends in an ellipsis, and the block's tooltip and
// accessible name carry the whole of it.
import { memo, useId, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { durationHints, formatMinutes, parseTitleDuration } from '../../common/duration';
import { cleanTitle } from '../../common/titleText';
import { MINUTES_PER_DAY } from '../../common/domain';
import type { WeekEntry } from '../lib/calendarEvents';
import { projectColor } from '../lib/colors';
import { formatClock, useHour12 } from '../lib/clockFormat';
import { entryTimes, toggleDone } from '../lib/entryActions';
import { longDate } from '../lib/time';
import { refitNow, watchFit } from '../lib/titleFit';
import { openEntryMenuAt } from './EntryMenu';
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
  // A drag preview can reach past midnight (the grid then refuses the drop): show the day's end.
  const end = Math.min(startMinute + durationMinutes, MINUTES_PER_DAY);
  const hour12 = useHour12();
  const ref = useRef<HTMLDivElement>(null);

  // FullCalendar owns the focusable block around this card and may keep it across updates, so
  // its name, tooltip and id are refreshed on every render, and keyboard edits hand focus back.
  const label = describeEntry(entry, tracked);
  const tooltip = entryTooltip(entry, tracked);
  useLayoutEffect(() => {
    const block = ref.current?.closest<HTMLElement>('.fc-event');
    if (!block || isMirror) return;
    setAttr(block, 'data-entry-id', entry.id);
    setAttr(block, 'role', 'group');
    setAttr(block, 'aria-roledescription', 'planned entry');
    setAttr(block, 'aria-label', label);
    setAttr(block, 'title', tooltip);
    setAttr(block, 'aria-keyshortcuts', 'Space Enter F2 Shift+F10 Delete');
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
      // As many title lines as the block's height leaves room for beside the figures.
      style={{ '--entry-color': projectColor(task), '--title-lines': durationMinutes < 60 ? 1 : durationMinutes < 90 ? 2 : 3 } as CSSProperties}
      onContextMenu={(e) => {
        e.preventDefault();
        openEntryMenuAt(entry.id, e.clientX, e.clientY);
      }}
    >
      <input
        type="checkbox"
        className="check entry-check"
        checked={done}
        aria-label={done ? `Reopen ${task.title}` : `Complete ${task.title}`}
        tabIndex={-1}
        onChange={() => void toggleDone(entry.id)}
        // A click on the box is not a click on the entry (which opens its details).
        onClick={(e) => e.stopPropagation()}
        onMouseDown={(e) => e.stopPropagation()}
      />
      <div className="entry-body">
        {editing ? <TitleEditor entry={entry} card={ref.current} /> : <Fitted className="entry-title" signature={task.title}>{task.title}</Fitted>}
        <Fitted className="entry-meta" signature={`${startMinute}:${durationMinutes}:${tracked}:${hour12}`}>
          <span className="entry-time">
            {formatClock(startMinute, hour12)}–{formatClock(end, hour12)}
          </span>
          <span className="entry-duration">{formatMinutes(durationMinutes)}</span>
          {tracked !== null && (
            // Short cards drop the word (CSS) so the title keeps its room; the tooltip keeps it.
            <span className="entry-tracked" title={`${formatMinutes(tracked)} tracked`}>
              {formatMinutes(tracked)}
              <span className="entry-tracked-word"> tracked</span>
            </span>
          )}
        </Fitted>
      </div>
    </div>
  );
});

function setAttr(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** The entry as a screen reader announces it: all of it, whatever the block has room for. */
export function describeEntry(entry: WeekEntry, tracked: number | null = null): string {
  const parts = [entry.task.title, longDate(entry.date), entryTimes(entry).replace(' – ', ' to '), formatMinutes(entry.durationMinutes)];
  if (entry.task.projectLabel) parts.push(`project ${entry.task.projectLabel}`);
  if (tracked !== null) parts.push(`${formatMinutes(tracked)} tracked this week`);
  if (entry.task.status === 'done') parts.push('done');
  return parts.join(', ');
}

/** The block's tooltip: the full title, when, project and tracked time, a line each. */
export function entryTooltip(entry: WeekEntry, tracked: number | null = null): string {
  const lines = [entry.task.title, `${entryTimes(entry)} (${formatMinutes(entry.durationMinutes)})`];
  if (entry.task.projectLabel) lines.push(entry.task.projectLabel);
  if (tracked !== null) lines.push(`${formatMinutes(tracked)} tracked this week`);
  if (entry.task.status === 'done') lines.push('Done');
  return lines.join('\n');
}

/**
 * A title or a figures row, fitted to its block by lib/titleFit: watched for size changes, and
 * fitted again when `signature` (what it shows) changes.
 */
function Fitted({ className, signature, children }: { className: string; signature: string; children: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    return el ? watchFit(el) : undefined;
  }, []);
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) first.current = false;
    else if (ref.current) refitNow(ref.current);
  }, [signature]);
  return (
    <span ref={ref} className={className}>
      {children}
    </span>
  );
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
              <DraftTimes startMinute={startMinute} durationMinutes={durationMinutes} />
            </span>
            <span className="entry-duration">{formatMinutes(durationMinutes)}</span>
          </span>
        )}
      </div>
    </div>
  );
}

function DraftTimes({ startMinute, durationMinutes }: { startMinute: number; durationMinutes: number }) {
  const hour12 = useHour12();
  return (
    <>
      {formatClock(Math.min(startMinute, MINUTES_PER_DAY - 1), hour12)}–{formatClock(Math.min(startMinute + durationMinutes, MINUTES_PER_DAY), hour12)}
    </>
  );
}

const FIELD_MIN_PX = 220;

/**
 * Inline title editing: Enter saves (the core re-parses `[1h30m]`), Escape cancels. A bracket
 * that looks like a duration but is not one gets a hint beside the field, and Enter keeps it as
 * title text only when pressed a second time (the hint says so).
 */
function TitleEditor({ entry, card }: { entry: WeekEntry; card: HTMLElement | null }) {
  const [value, setValue] = useState(entry.task.title);
  // A narrow block has no room for a field: the field floats over it, wide enough to read.
  const [float] = useState(() => {
    const r = card?.closest('.fc-event')?.getBoundingClientRect();
    return r && r.width < FIELD_MIN_PX ? { left: Math.max(4, Math.min(r.left, window.innerWidth - FIELD_MIN_PX - 4)), top: r.top, width: FIELD_MIN_PX } : null;
  });
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const hints = durationHints(value);
  const finish = async (save: boolean) => {
    const ui = useUi.getState();
    if (ui.editingEntryId !== entry.id) return;
    ui.editEntry(null);
    ui.keepFocus(entry.id);
    if (save && cleanTitle(parseTitleDuration(value).title) && value !== entry.task.title) await planner.editTitle(entry.task.id, value, entry.id);
    else refocus(entry.id);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    e.stopPropagation();
    if (e.key === 'Enter') {
      if (hints.length > 0 && confirmed !== value) setConfirmed(value);
      else void finish(true);
    } else if (e.key === 'Escape') void finish(false);
  };
  const box = input.current?.getBoundingClientRect();
  const field = (
      <input
        ref={input}
        className={`entry-title-input${float ? ' is-floating' : ''}`}
        style={float ?? undefined}
        aria-label="Task title"
        value={value}
        autoFocus
        aria-invalid={hints.length > 0}
        aria-describedby={hints.length > 0 ? hintId : undefined}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={onKeyDown}
        // Leaving the field with an unconfirmed odd bracket keeps the old title.
        onBlur={() => void finish(hints.length === 0 || confirmed === value)}
        onMouseDown={(e) => e.stopPropagation()}
      />
  );
  return (
    <>
      {float ? createPortal(field, document.body) : field}
      {hints.length > 0 &&
        createPortal(
          <div id={hintId} className="title-hint" role="status" style={box ? { left: box.left, top: box.bottom + 4 } : undefined}>
            {hints.map((h) => h.message).join(' ')}
            {confirmed === value ? ' Press Enter again to keep it as text.' : ' Enter twice keeps it as text; Escape cancels.'}
          </div>,
          document.body,
        )}
    </>
  );
}

function refocus(entryId: string) {
  document.querySelector<HTMLElement>(`.fc-event[data-entry-id="${CSS.escape(entryId)}"]`)?.focus();
}
