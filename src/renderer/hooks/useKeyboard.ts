// Window-wide keys (lib/shortcuts): undo/redo, the integrations, the palette and the shortcuts
// list, changing days, and the focused (or selected) entry's keys.
import { useEffect } from 'react';
import { entryIdOf, isTextTarget, modalOpen } from '../lib/dom';
import { deleteEntry, focusEntry, moveEntry, neighbour, resizeEntry, toggleDone, editEntry, blockOf } from '../lib/entryActions';
import { appShortcut, entryAction, WORKS_IN_FIELDS, type AppShortcut, type EntryAction } from '../lib/shortcuts';
import { useHistory } from '../stores/history';
import { useUi } from '../stores/ui';
import { useWeek } from '../stores/week';

/** Opens the integrations with the focus in their search; closing returns it to the toggle. */
export function toggleSidebar(): void {
  const ui = useUi.getState();
  if (ui.sidebarOpen) {
    closeSidebar();
    return;
  }
  ui.setSidebarOpen(true);
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.sidebar input[type="search"]')?.focus());
}

export function closeSidebar(): void {
  const wasInside = document.activeElement?.closest('.sidebar') != null;
  useUi.getState().setSidebarOpen(false);
  if (wasInside) document.querySelector<HTMLElement>('.integrations-toggle')?.focus();
}

/** After the shown days change, a focus left on nothing (its entry went) goes to the calendar. */
function keepFocusInCalendar(): void {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) document.querySelector<HTMLElement>('.calendar-pane')?.focus();
  });
}

export function runAppShortcut(shortcut: AppShortcut): void {
  const week = useWeek.getState();
  const ui = useUi.getState();
  if (['previous', 'next', 'today', 'viewWeek', 'view3day', 'viewDay'].includes(shortcut)) keepFocusInCalendar();
  switch (shortcut) {
    case 'undo':
      void useHistory.getState().undo();
      return;
    case 'redo':
      void useHistory.getState().redo();
      return;
    case 'toggleSidebar':
      toggleSidebar();
      return;
    case 'palette':
      ui.setOverlay(ui.overlay === 'palette' ? null : 'palette');
      return;
    case 'shortcuts':
      ui.setOverlay('shortcuts');
      return;
    case 'previous':
      week.step(-1);
      return;
    case 'next':
      week.step(1);
      return;
    case 'today':
      week.goToday();
      return;
    case 'viewWeek':
      week.chooseView('week');
      return;
    case 'view3day':
      week.chooseView('3day');
      return;
    case 'viewDay':
      week.chooseView('day');
  }
}

function runEntryAction(entryId: string, action: EntryAction) {
  switch (action.kind) {
    case 'focus': {
      const next = neighbour(entryId, action.direction);
      if (next) focusEntry(next.id);
      return;
    }
    case 'move':
      void moveEntry(entryId, action.days, action.minutes);
      return;
    case 'resize':
      void resizeEntry(entryId, action.minutes);
      return;
    case 'toggleDone':
      void toggleDone(entryId);
      return;
    case 'details':
      useUi.getState().openDetails(entryId);
      return;
    case 'edit':
      editEntry(entryId);
      return;
    case 'menu': {
      const box = blockOf(entryId)?.getBoundingClientRect();
      useUi.getState().openMenu({ entryId, x: box ? box.left + 12 : 0, y: box ? box.top + Math.min(box.height, 28) : 0 });
      return;
    }
    case 'delete':
      void deleteEntry(entryId);
  }
}

export function useKeyboard() {
  useEffect(() => {
    const onKeyDown = (ev: KeyboardEvent) => {
      const shortcut = appShortcut(ev);
      if (shortcut && WORKS_IN_FIELDS.has(shortcut) && (!modalOpen() || (shortcut === 'palette' && useUi.getState().overlay === 'palette'))) {
        ev.preventDefault();
        runAppShortcut(shortcut);
        return;
      }
      if (modalOpen() || isTextTarget(ev.target) || useUi.getState().menu) {
        // Escape in the sidebar's search closes the sidebar once the search is empty.
        if (ev.key === 'Escape' && !modalOpen() && isTextTarget(ev.target) && (ev.target as HTMLElement).closest('.sidebar') && !(ev.target as HTMLInputElement).value) {
          ev.preventDefault();
          closeSidebar();
        }
        return;
      }
      const active = document.activeElement;
      const onEntry = active instanceof HTMLElement && active.dataset.entryId !== undefined;
      if (ev.key === 'Escape') {
        const ui = useUi.getState();
        if (ui.sidebarOpen) closeSidebar();
        ui.select(null);
        return;
      }
      // Entry keys first (arrows on an entry are not "change week").
      const onPane = active instanceof HTMLElement && active.classList.contains('calendar-pane');
      const entryId = onEntry ? entryIdOf(active) : active === document.body || onPane ? useUi.getState().selectedEntryId : null;
      const action = entryId ? entryAction(ev) : null;
      // On the calendar itself, an arrow goes to the first entry shown.
      if (!entryId && onPane && entryAction(ev)?.kind === 'focus') {
        const first = neighbour('', 'down');
        if (first) {
          ev.preventDefault();
          focusEntry(first.id);
          return;
        }
      }
      if (entryId && action) {
        // Ours, not FullCalendar's (it would turn Space and Enter into a click).
        ev.preventDefault();
        ev.stopPropagation();
        runEntryAction(entryId, action);
        return;
      }
      // Buttons and links keep Space and Enter, lists keep their arrows.
      if (shortcut && !(active instanceof HTMLElement && active.closest('.sidebar, [role="menu"]') && ev.key.startsWith('Arrow'))) {
        ev.preventDefault();
        runAppShortcut(shortcut);
      }
    };
    // Capture: the window sees a key before the calendar's own handlers on the focused entry.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, []);
}
