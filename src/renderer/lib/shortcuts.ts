// Keyboard shortcuts, as pure functions of a key event so they can be tested without a DOM,
// and the one table the `?` overlay lists.
import { SNAP_MINUTES } from './time';

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export type AppShortcut =
  | 'undo'
  | 'redo'
  | 'toggleSidebar'
  | 'palette'
  | 'shortcuts'
  | 'previous'
  | 'next'
  | 'today'
  | 'viewWeek'
  | 'view3day'
  | 'viewDay';

/** Shortcuts that work even while typing in a field (a modifier says they are not text). */
export const WORKS_IN_FIELDS: ReadonlySet<AppShortcut> = new Set(['toggleSidebar', 'palette']);

/**
 * Window-wide keys: Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, Alt/Option+I the
 * integrations, Ctrl/Cmd+K the command palette, ? the shortcuts, Alt+←/→ the previous or next
 * days, T today, W / 3 / D the views.
 */
export function appShortcut(ev: KeyLike): AppShortcut | null {
  const mod = ev.ctrlKey || ev.metaKey;
  // Option+I on a Mac yields a dead key, so match the physical key as well.
  if (ev.altKey && !mod && (ev.code === 'KeyI' || ev.key.toLowerCase() === 'i')) return 'toggleSidebar';
  if (ev.altKey && !mod && !ev.shiftKey && ev.key === 'ArrowLeft') return 'previous';
  if (ev.altKey && !mod && !ev.shiftKey && ev.key === 'ArrowRight') return 'next';
  if (mod && !ev.altKey) {
    const key = ev.key.toLowerCase();
    if (key === 'z') return ev.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !ev.shiftKey) return 'redo';
    if (key === 'k' && !ev.shiftKey) return 'palette';
    return null;
  }
  if (mod || ev.altKey) return null;
  if (ev.key === '?') return 'shortcuts';
  if (ev.shiftKey) return null;
  switch (ev.key.toLowerCase()) {
    case 't':
      return 'today';
    case 'w':
      return 'viewWeek';
    case '3':
      return 'view3day';
    case 'd':
      return 'viewDay';
    default:
      return null;
  }
}

export type EntryAction =
  | { kind: 'focus'; direction: 'up' | 'down' | 'left' | 'right' }
  | { kind: 'move'; days: number; minutes: number }
  | { kind: 'resize'; minutes: number }
  | { kind: 'toggleDone' }
  | { kind: 'details' }
  | { kind: 'edit' }
  | { kind: 'menu' }
  | { kind: 'delete' };

const ARROWS: Record<string, 'up' | 'down' | 'left' | 'right'> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/**
 * Keys on a focused entry: arrows go to the neighbouring entry; Ctrl/Cmd+arrows move it (↑↓ 15
 * minutes, ←→ a day); Shift+↑↓ resize it; Space done; Enter details; F2 rename; Shift+F10 or
 * the menu key its menu; Delete removes it.
 */
export function entryAction(ev: KeyLike): EntryAction | null {
  const mod = ev.ctrlKey || ev.metaKey;
  if (ev.altKey) return null;
  const arrow = ARROWS[ev.key];
  if (arrow) {
    if (mod && !ev.shiftKey) {
      if (arrow === 'up' || arrow === 'down') return { kind: 'move', days: 0, minutes: arrow === 'up' ? -SNAP_MINUTES : SNAP_MINUTES };
      return { kind: 'move', days: arrow === 'left' ? -1 : 1, minutes: 0 };
    }
    if (ev.shiftKey && !mod) {
      if (arrow === 'up') return { kind: 'resize', minutes: -SNAP_MINUTES };
      if (arrow === 'down') return { kind: 'resize', minutes: SNAP_MINUTES };
      return null;
    }
    return mod ? null : { kind: 'focus', direction: arrow };
  }
  if (ev.key === 'F10' && ev.shiftKey && !mod) return { kind: 'menu' };
  if (mod) return null;
  switch (ev.key) {
    case 'ContextMenu':
      return { kind: 'menu' };
    case ' ':
      return ev.shiftKey ? null : { kind: 'toggleDone' };
    case 'Enter':
      return ev.shiftKey ? null : { kind: 'details' };
    case 'F2':
      return { kind: 'edit' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    default:
      return null;
  }
}

/** What the `?` overlay lists, in groups. */
export const SHORTCUT_GROUPS: readonly { title: string; keys: readonly [string, string][] }[] = [
  {
    title: 'Anywhere',
    keys: [
      ['Ctrl/⌘ K', 'Command palette: every action by name'],
      ['?', 'This list'],
      ['Alt I', 'Integrations: open (focus in its search) or close'],
      ['Esc', 'Close the integrations or the open panel; clear the selection'],
      ['Alt ← / →', 'Previous or next week (or days)'],
      ['T', 'Go to today'],
      ['W · 3 · D', 'Week, three days or one day'],
      ['Ctrl/⌘ Z', 'Undo'],
      ['Shift Ctrl/⌘ Z', 'Redo'],
    ],
  },
  {
    title: 'On an entry',
    keys: [
      ['← ↑ ↓ →', 'Go to the neighbouring entry'],
      ['Ctrl/⌘ ↑ / ↓', 'Move 15 minutes earlier or later'],
      ['Ctrl/⌘ ← / →', 'Move to the previous or next day'],
      ['Shift ↑ / ↓', 'Shorten or lengthen by 15 minutes'],
      ['Space', 'Done, or not done'],
      ['Enter', 'Details'],
      ['F2', 'Rename'],
      ['Shift F10 · Menu', 'Actions menu'],
      ['Delete', 'Delete (Undo in the message)'],
    ],
  },
];
