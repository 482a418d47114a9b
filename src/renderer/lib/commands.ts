// Every action by name, for the command palette (Ctrl/Cmd+K): the app's, and the selected
// entry's when there is one.
import { runAppShortcut, toggleSidebar } from '../hooks/useKeyboard';
import { useSettings } from '../stores/settings';
import { useSync } from '../stores/sync';
import { useUi } from '../stores/ui';
import { call } from './api';
import { attempt } from '../stores/errors';
import { SNAP_MINUTES } from './time';
import { deleteEntry, duplicateEntry, editEntry, findEntry, moveEntry, openSource, resizeEntry, sourceActionLabel, toggleDone } from './entryActions';

export interface Command {
  id: string;
  label: string;
  /** Its key, when it has one. */
  keys?: string;
  run(): void;
}

export function paletteCommands(): Command[] {
  const ui = useUi.getState();
  const entry = ui.selectedEntryId ? findEntry(ui.selectedEntryId) : undefined;
  const { hideWeekends } = useSettings.getState().settings;
  const commands: Command[] = [];
  if (entry) {
    const id = entry.id;
    const name = `“${entry.task.title}”`;
    commands.push(
      { id: 'entry.done', label: `${entry.task.status === 'done' ? 'Mark not done' : 'Mark done'}: ${name}`, keys: 'Space', run: () => void toggleDone(id) },
      { id: 'entry.details', label: `Details of ${name}`, keys: 'Enter', run: () => ui.openDetails(id) },
      { id: 'entry.rename', label: `Rename ${name}`, keys: 'F2', run: () => editEntry(id) },
      { id: 'entry.duplicate', label: `Duplicate ${name}`, run: () => void duplicateEntry(id) },
      { id: 'entry.later', label: `Move ${name} 15 minutes later`, keys: 'Ctrl ↓', run: () => void moveEntry(id, 0, SNAP_MINUTES) },
      { id: 'entry.earlier', label: `Move ${name} 15 minutes earlier`, keys: 'Ctrl ↑', run: () => void moveEntry(id, 0, -SNAP_MINUTES) },
      { id: 'entry.nextDay', label: `Move ${name} to the next day`, keys: 'Ctrl →', run: () => void moveEntry(id, 1, 0) },
      { id: 'entry.previousDay', label: `Move ${name} to the previous day`, keys: 'Ctrl ←', run: () => void moveEntry(id, -1, 0) },
      { id: 'entry.longer', label: `Make ${name} 15 minutes longer`, keys: 'Shift ↓', run: () => void resizeEntry(id, SNAP_MINUTES) },
      { id: 'entry.shorter', label: `Make ${name} 15 minutes shorter`, keys: 'Shift ↑', run: () => void resizeEntry(id, -SNAP_MINUTES) },
      { id: 'entry.delete', label: `Delete ${name}`, keys: 'Delete', run: () => void deleteEntry(id) },
    );
    const source = sourceActionLabel(entry);
    if (source) commands.push({ id: 'entry.open', label: `${source}: ${name}`, run: () => void openSource(id) });
  }
  commands.push(
    { id: 'today', label: 'Go to today', keys: 'T', run: () => runAppShortcut('today') },
    { id: 'previous', label: 'Previous week (or days)', keys: 'Alt ←', run: () => runAppShortcut('previous') },
    { id: 'next', label: 'Next week (or days)', keys: 'Alt →', run: () => runAppShortcut('next') },
    { id: 'view.week', label: 'Show the week', keys: 'W', run: () => runAppShortcut('viewWeek') },
    { id: 'view.3day', label: 'Show three days', keys: '3', run: () => runAppShortcut('view3day') },
    { id: 'view.day', label: 'Show one day', keys: 'D', run: () => runAppShortcut('viewDay') },
    { id: 'weekends', label: hideWeekends ? 'Show weekends' : 'Hide weekends', run: () => void useSettings.getState().update({ hideWeekends: !hideWeekends }) },
    { id: 'sidebar', label: ui.sidebarOpen ? 'Close integrations' : 'Open integrations', keys: 'Alt I', run: () => toggleSidebar() },
    { id: 'search', label: 'Search integration items', run: () => searchIntegrations() },
    { id: 'unscheduled', label: 'Show unscheduled tasks', run: () => focusQuickAdd() },
    { id: 'time12', label: 'Write times on a 12-hour clock', run: () => void useSettings.getState().update({ timeFormat: '12h' }) },
    { id: 'time24', label: 'Write times on a 24-hour clock', run: () => void useSettings.getState().update({ timeFormat: '24h' }) },
    ...(['light', 'dark', 'system'] as const).map((theme) => ({
      id: `theme.${theme}`,
      label: theme === 'system' ? 'Theme: match the system' : `Theme: ${theme}`,
      run: () => void useSettings.getState().update({ theme }),
    })),
    { id: 'add', label: 'Add a task', run: () => focusQuickAdd() },
    { id: 'undo', label: 'Undo', keys: 'Ctrl Z', run: () => runAppShortcut('undo') },
    { id: 'redo', label: 'Redo', keys: 'Shift Ctrl Z', run: () => runAppShortcut('redo') },
    ...(useSync.getState().status.accounts.length > 0
      ? [
          { id: 'sync', label: 'Sync now', run: () => void useSync.getState().syncNow() },
          { id: 'pause', label: 'Pause sync', run: () => void attempt(() => call('sync.pause')) },
          { id: 'resume', label: 'Resume sync', run: () => void attempt(() => call('sync.resume')) },
        ]
      : []),
    { id: 'settings', label: 'Open settings', run: () => ui.setSettingsOpen(true) },
    { id: 'shortcuts', label: 'Keyboard shortcuts', keys: '?', run: () => ui.setOverlay('shortcuts') },
  );
  return commands;
}

/** Commands whose label holds every word of the query, in any order. */
export function matchCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
}

function searchIntegrations(): void {
  if (!useUi.getState().sidebarOpen) toggleSidebar();
  else requestAnimationFrame(() => document.querySelector<HTMLElement>('.sidebar input[type="search"]')?.focus());
}

function focusQuickAdd(): void {
  const ui = useUi.getState();
  if (!ui.unscheduledOpen) ui.setUnscheduledOpen(true);
  requestAnimationFrame(() => document.querySelector<HTMLElement>('#quick-add')?.focus());
}
