import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHELL_SETTINGS, isValidAccelerator, Navigation } from '../../../../src/common/ipc/shell-schemas';
import { openDatabase } from '../../../../src/main/core/db/database';
import { SettingsStore } from '../../../../src/main/core/settings';
import { readShellValue, ShellSettingsStore, writeShellValues } from '../../../../src/main/core/shell/settings';
import { tempDir } from './temp';

const open = (dir: string) => openDatabase(join(dir, 'stint.db')).db;

describe('shell settings', () => {
  it('start from the defaults, persist each change, and survive a restart', () => {
    const dir = tempDir();
    let db = open(dir);
    expect(new ShellSettingsStore(db).get()).toEqual(DEFAULT_SHELL_SETTINGS);
    new ShellSettingsStore(db).update({ closeToTray: false, globalShortcut: 'CommandOrControl+Shift+F12', notifyEntryStart: true });
    db.close();
    db = open(dir);
    expect(new ShellSettingsStore(db).get()).toEqual({ ...DEFAULT_SHELL_SETTINGS, closeToTray: false, globalShortcut: 'CommandOrControl+Shift+F12', notifyEntryStart: true });
    // The planner's settings are untouched by the shell's keys, and the other way round.
    expect(new SettingsStore(db).get().defaultDurationMinutes).toBe(30);
    db.close();
  });

  it('refuse bad input with a typed error and keep what was stored', () => {
    const db = open(tempDir());
    const store = new ShellSettingsStore(db);
    for (const bad of [{ globalShortcut: 'Ctrl+' }, { globalShortcut: 'A' }, { entryReminderMinutes: 0 }, { closeToTray: 'yes' }, { unknown: true }]) {
      expect(() => store.update(bad as never), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
    expect(new ShellSettingsStore(db).get()).toEqual(DEFAULT_SHELL_SETTINGS);
    db.close();
  });

  it('fall back to the default for a hand-edited or unreadable value, keeping the valid ones', () => {
    const db = open(tempDir());
    writeShellValues(db, { closeToTray: false, entryReminderMinutes: 900, globalShortcut: 'Nope+Z' });
    db.prepare("INSERT INTO settings (key, value) VALUES ('shell.startAtLogin', 'not json')").run();
    expect(readShellValue(db, 'startAtLogin')).toBeUndefined();
    expect(new ShellSettingsStore(db).get()).toEqual({ ...DEFAULT_SHELL_SETTINGS, closeToTray: false });
    db.close();
  });
});

describe('global shortcut accelerators', () => {
  it('accept modifiers then one key', () => {
    for (const ok of ['CommandOrControl+Alt+Shift+S', 'CmdOrCtrl+Space', 'Alt+F9', 'F12', 'Shift+F5', 'Super+num5', 'Control+Plus', 'Ctrl+Alt+/', 'Option+PageDown']) {
      expect(isValidAccelerator(ok), ok).toBe(true);
    }
  });

  it('refuse what would steal typing or is not a key', () => {
    for (const bad of ['S', 'Shift+S', 'Ctrl+', '+', 'Ctrl++', 'Ctrl+Alt', 'Ctrl+Ctrl+S', 'Hyper+S', 'Ctrl+F25', 'Ctrl+SS', '']) {
      expect(isValidAccelerator(bad), bad).toBe(false);
    }
  });

  it('navigation targets are validated', () => {
    expect(Navigation.safeParse({ view: 'reconnect', accountId: null }).success).toBe(true);
    expect(Navigation.safeParse({ view: 'week', date: '2026-02-30', entryId: null }).success).toBe(false);
    expect(Navigation.safeParse({ view: 'elsewhere' }).success).toBe(false);
  });
});
