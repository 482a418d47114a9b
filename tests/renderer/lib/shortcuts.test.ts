import { describe, expect, it } from 'vitest';
import { appShortcut, entryAction, type KeyLike } from '../../../src/renderer/lib/shortcuts';

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

describe('entry keys', () => {
  it('arrows move by a quarter hour or a day; Shift+↑↓ resize', () => {
    expect(entryAction(key('ArrowUp'))).toEqual({ kind: 'move', days: 0, minutes: -15 });
    expect(entryAction(key('ArrowDown'))).toEqual({ kind: 'move', days: 0, minutes: 15 });
    expect(entryAction(key('ArrowLeft'))).toEqual({ kind: 'move', days: -1, minutes: 0 });
    expect(entryAction(key('ArrowRight'))).toEqual({ kind: 'move', days: 1, minutes: 0 });
    expect(entryAction(key('ArrowDown', { shiftKey: true }))).toEqual({ kind: 'resize', minutes: 15 });
    expect(entryAction(key('ArrowUp', { shiftKey: true }))).toEqual({ kind: 'resize', minutes: -15 });
  });

  it('Delete/Backspace remove, Enter/F2 edit; modified keys are left alone', () => {
    expect(entryAction(key('Delete'))).toEqual({ kind: 'delete' });
    expect(entryAction(key('Backspace'))).toEqual({ kind: 'delete' });
    expect(entryAction(key('Enter'))).toEqual({ kind: 'edit' });
    expect(entryAction(key('F2'))).toEqual({ kind: 'edit' });
    expect(entryAction(key('ArrowUp', { ctrlKey: true }))).toBeNull();
    expect(entryAction(key('a'))).toBeNull();
  });
});
