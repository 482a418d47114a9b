// Window-wide keys: undo/redo, Alt+I, and the focused (or selected) entry's keys: arrows move
// it by 15 minutes or a day, Shift+arrows resize it, Delete removes it, Enter edits its title.
import { useEffect } from 'react';
import { addDays } from '../../common/dates';
import { MINUTES_PER_DAY } from '../../common/domain';
import { entryIdOf, isTextTarget, modalOpen } from '../lib/dom';
import { appShortcut, entryAction, type EntryAction } from '../lib/shortcuts';
import { clampStart, SNAP_MINUTES } from '../lib/time';
import { useHistory } from '../stores/history';
import { planner } from '../stores/planner';
import { useUi } from '../stores/ui';
import { shownWeekStart, useWeek } from '../stores/week';

function runEntryAction(entryId: string, action: EntryAction) {
  const entry = useWeek.getState().week?.entries.find((e) => e.id === entryId);
  if (!entry) return;
  const ui = useUi.getState();
  switch (action.kind) {
    case 'move': {
      const date = addDays(entry.date, action.days);
      const start = clampStart(entry.startMinute + action.minutes, entry.durationMinutes);
      if (date === entry.date && start === entry.startMinute) return;
      ui.keepFocus(entry.id);
      // Follow the entry into the next or previous week.
      const { anchor, goToDate } = useWeek.getState();
      if (shownWeekStart(date) !== shownWeekStart(anchor)) goToDate(date);
      useWeek.getState().patchEntry(entry.id, { date, startMinute: start });
      void planner.moveEntry(entry.id, date, start);
      return;
    }
    case 'resize': {
      const duration = Math.min(Math.max(entry.durationMinutes + action.minutes, Math.min(SNAP_MINUTES, entry.durationMinutes)), MINUTES_PER_DAY - entry.startMinute);
      if (duration === entry.durationMinutes) return;
      ui.keepFocus(entry.id);
      useWeek.getState().patchEntry(entry.id, { durationMinutes: duration });
      void planner.resizeEntry(entry.id, duration);
      return;
    }
    case 'delete':
      ui.select(null);
      void planner.deleteEntry(entry.id);
      return;
    case 'edit':
      ui.editEntry(entry.id);
      return;
  }
}

export function useKeyboard() {
  useEffect(() => {
    const onKeyDown = (ev: KeyboardEvent) => {
      const shortcut = appShortcut(ev);
      if (shortcut === 'toggleSidebar') {
        ev.preventDefault();
        useUi.getState().toggleSidebar();
        return;
      }
      if (ev.defaultPrevented && ev.key !== 'Enter') return;
      if (modalOpen() || isTextTarget(ev.target)) return;
      if (shortcut) {
        ev.preventDefault();
        void (shortcut === 'undo' ? useHistory.getState().undo() : useHistory.getState().redo());
        return;
      }
      if (ev.key === 'Escape') {
        useUi.getState().select(null);
        return;
      }
      // The entry itself must have focus (not its checkbox), or nothing (a clicked selection).
      const active = document.activeElement;
      const onEntry = active instanceof HTMLElement && active.dataset.entryId !== undefined;
      const entryId = onEntry ? entryIdOf(active) : active === document.body ? useUi.getState().selectedEntryId : null;
      const action = entryId ? entryAction(ev) : null;
      if (!entryId || !action) return;
      ev.preventDefault();
      runEntryAction(entryId, action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
