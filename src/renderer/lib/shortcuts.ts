// Keyboard shortcuts, as pure functions of a key event so they can be tested without a DOM.
import { SNAP_MINUTES } from './time';

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export type AppShortcut = 'undo' | 'redo' | 'toggleSidebar';

/** Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z and Ctrl+Y redo, Alt/Option+I the integrations sidebar. */
export function appShortcut(ev: KeyLike): AppShortcut | null {
  const mod = ev.ctrlKey || ev.metaKey;
  // Option+I on a Mac yields a dead key, so match the physical key as well.
  if (ev.altKey && !mod && (ev.code === 'KeyI' || ev.key.toLowerCase() === 'i')) return 'toggleSidebar';
  if (!mod || ev.altKey) return null;
  const key = ev.key.toLowerCase();
  if (key === 'z') return ev.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !ev.shiftKey) return 'redo';
  return null;
}

export type EntryAction =
  | { kind: 'move'; days: number; minutes: number }
  | { kind: 'resize'; minutes: number }
  | { kind: 'delete' }
  | { kind: 'edit' };

/** Keys on a focused entry: arrows move (↑↓ 15 min, ←→ a day), Shift+↑↓ resize, Delete, Enter. */
export function entryAction(ev: KeyLike): EntryAction | null {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return null;
  switch (ev.key) {
    case 'ArrowUp':
      return ev.shiftKey ? { kind: 'resize', minutes: -SNAP_MINUTES } : { kind: 'move', days: 0, minutes: -SNAP_MINUTES };
    case 'ArrowDown':
      return ev.shiftKey ? { kind: 'resize', minutes: SNAP_MINUTES } : { kind: 'move', days: 0, minutes: SNAP_MINUTES };
    case 'ArrowLeft':
      return ev.shiftKey ? null : { kind: 'move', days: -1, minutes: 0 };
    case 'ArrowRight':
      return ev.shiftKey ? null : { kind: 'move', days: 1, minutes: 0 };
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'Enter':
    case 'F2':
      return { kind: 'edit' };
    default:
      return null;
  }
}
