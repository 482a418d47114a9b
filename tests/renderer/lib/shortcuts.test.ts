import { describe, expect, it } from 'vitest';
import { appShortcut, entryAction, SHORTCUT_GROUPS, WORKS_IN_FIELDS, type KeyLike } from '../../../src/renderer/lib/shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code: mods.code ?? (k.length === 1 ? `Key${k.toUpperCase()}` : k),
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('app shortcuts', () => {
  it('undo and redo with Ctrl or Cmd', () => {
    expect(appShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(appShortcut(key('z', { metaKey: true }))).toBe('undo');
    expect(appShortcut(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(appShortcut(key('z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(appShortcut(key('y', { ctrlKey: true }))).toBe('redo');
    expect(appShortcut(key('z'))).toBeNull();
    expect(appShortcut(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('Alt+I toggles the sidebar, also where Option+I types a dead key', () => {
    expect(appShortcut(key('i', { altKey: true }))).toBe('toggleSidebar');
    expect(appShortcut(key('Dead', { altKey: true, code: 'KeyI' }))).toBe('toggleSidebar');
    expect(appShortcut(key('i'))).toBeNull();
    expect(appShortcut(key('i', { altKey: true, ctrlKey: true }))).toBeNull();
  });
});

describe('navigation, palette and help', () => {
  it('Alt+←/→ change days, T today, W/3/D the views, ? the list, Ctrl/Cmd+K the palette', () => {
    expect(appShortcut(key('ArrowLeft', { altKey: true }))).toBe('previous');
    expect(appShortcut(key('ArrowRight', { altKey: true }))).toBe('next');
    expect(appShortcut(key('ArrowRight', { altKey: true, shiftKey: true }))).toBeNull();
    expect(appShortcut(key('t'))).toBe('today');
    expect(appShortcut(key('T', { shiftKey: true }))).toBeNull();
    expect(appShortcut(key('w'))).toBe('viewWeek');
    expect(appShortcut(key('3', { code: 'Digit3' }))).toBe('view3day');
    expect(appShortcut(key('d'))).toBe('viewDay');
    expect(appShortcut(key('?', { shiftKey: true, code: 'Slash' }))).toBe('shortcuts');
    expect(appShortcut(key('k', { ctrlKey: true }))).toBe('palette');
    expect(appShortcut(key('k', { metaKey: true }))).toBe('palette');
    expect(appShortcut(key('k'))).toBeNull();
    expect(appShortcut(key('t', { ctrlKey: true }))).toBeNull();
  });

  it('only the modified shortcuts work while typing in a field', () => {
    expect([...WORKS_IN_FIELDS].sort()).toEqual(['palette', 'toggleSidebar']);
  });

  it('every shortcut the list shows is one the keys answer to', () => {
    const listed = SHORTCUT_GROUPS.flatMap((g) => g.keys.map(([k]) => k));
    for (const k of ['Ctrl/⌘ K', '?', 'Alt I', 'T', 'Space', 'Enter', 'F2', 'Delete', 'Shift F10 · Menu']) expect(listed).toContain(k);
  });
});

describe('entry keys', () => {
  it('arrows go to the neighbouring entry; Ctrl/Cmd+arrows move by a quarter hour or a day; Shift+↑↓ resize', () => {
    expect(entryAction(key('ArrowUp'))).toEqual({ kind: 'focus', direction: 'up' });
    expect(entryAction(key('ArrowLeft'))).toEqual({ kind: 'focus', direction: 'left' });
    expect(entryAction(key('ArrowUp', { ctrlKey: true }))).toEqual({ kind: 'move', days: 0, minutes: -15 });
    expect(entryAction(key('ArrowDown', { metaKey: true }))).toEqual({ kind: 'move', days: 0, minutes: 15 });
    expect(entryAction(key('ArrowLeft', { ctrlKey: true }))).toEqual({ kind: 'move', days: -1, minutes: 0 });
    expect(entryAction(key('ArrowRight', { ctrlKey: true }))).toEqual({ kind: 'move', days: 1, minutes: 0 });
    expect(entryAction(key('ArrowDown', { shiftKey: true }))).toEqual({ kind: 'resize', minutes: 15 });
    expect(entryAction(key('ArrowUp', { shiftKey: true }))).toEqual({ kind: 'resize', minutes: -15 });
    expect(entryAction(key('ArrowLeft', { shiftKey: true }))).toBeNull();
    expect(entryAction(key('ArrowUp', { ctrlKey: true, shiftKey: true }))).toBeNull();
    // Alt+arrows change the week, not the entry.
    expect(entryAction(key('ArrowRight', { altKey: true }))).toBeNull();
  });

  it('Space done, Enter details, F2 rename, Shift+F10 and the menu key the menu, Delete/Backspace remove', () => {
    expect(entryAction(key(' ', { code: 'Space' }))).toEqual({ kind: 'toggleDone' });
    expect(entryAction(key('Enter'))).toEqual({ kind: 'details' });
    expect(entryAction(key('F2'))).toEqual({ kind: 'edit' });
    expect(entryAction(key('F10', { shiftKey: true }))).toEqual({ kind: 'menu' });
    expect(entryAction(key('F10'))).toBeNull();
    expect(entryAction(key('ContextMenu'))).toEqual({ kind: 'menu' });
    expect(entryAction(key('Delete'))).toEqual({ kind: 'delete' });
    expect(entryAction(key('Backspace'))).toEqual({ kind: 'delete' });
    expect(entryAction(key('Enter', { ctrlKey: true }))).toBeNull();
    expect(entryAction(key('a'))).toBeNull();
  });
});
