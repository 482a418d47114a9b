import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/common/ipc/settings-schemas';
import { openDatabase } from '../../../src/main/core/db/database';
import { SettingsStore } from '../../../src/main/core/settings';
import { tempDir } from '../../helpers/temp';

describe('SettingsStore', () => {
  it('defaults, updates, persists, and rejects invalid values without storing them', () => {
    const file = join(tempDir(), 'stint.db');
    const { db } = openDatabase(file);
    const s = new SettingsStore(db);
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(s.update({ weekStartsOn: 0, defaultDurationMinutes: 45 })).toMatchObject({ weekStartsOn: 0, defaultDurationMinutes: 45 });
    expect(() => s.update({ defaultDurationMinutes: 0 })).toThrow(/Invalid settings/);
    db.close();
    const reopened = openDatabase(file).db;
    expect(new SettingsStore(reopened).get()).toMatchObject({ weekStartsOn: 0, defaultDurationMinutes: 45 });
    reopened.close();
  });

  it('falls back to the default for a damaged stored value and keeps the valid ones', () => {
    const { db } = openDatabase(join(tempDir(), 'stint.db'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('weekStartsOn', '0'), ('defaultDurationMinutes', '\"lots\"'), ('theme', '{broken')").run();
    expect(new SettingsStore(db).get()).toEqual({ ...DEFAULT_SETTINGS, weekStartsOn: 0 });
    db.close();
  });

  it('refuses working hours that end before they start, whichever field changes, and stores nothing', () => {
    const { db } = openDatabase(join(tempDir(), 'stint.db'));
    const s = new SettingsStore(db);
    for (const patch of [{ workdayStartMinute: 1200, workdayEndMinute: 60 }, { workdayStartMinute: 17 * 60 }, { workdayEndMinute: 8 * 60 }]) {
      expect(() => s.update(patch)).toThrow(expect.objectContaining({ code: 'invalid_argument', message: expect.stringMatching(/end after it starts/) }));
    }
    expect(db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 0 });
    expect(s.update({ workdayStartMinute: 8 * 60, workdayEndMinute: 8 * 60 + 15 })).toMatchObject({ workdayStartMinute: 480, workdayEndMinute: 495 });
    db.close();
  });

  it('a stored pair of working hours out of order falls back to the default pair', () => {
    const { db } = openDatabase(join(tempDir(), 'stint.db'));
    db.prepare("INSERT INTO settings (key, value) VALUES ('workdayStartMinute', '1200'), ('workdayEndMinute', '60'), ('weekStartsOn', '0')").run();
    expect(new SettingsStore(db).get()).toEqual({ ...DEFAULT_SETTINGS, weekStartsOn: 0 });
    db.close();
  });

  it('a database from before the time format and weekend settings reads their defaults, then stores and repairs them', () => {
    const file = join(tempDir(), 'stint.db');
    const { db } = openDatabase(file);
    // Rows as an older Stint wrote them: neither key exists.
    db.prepare("INSERT INTO settings (key, value) VALUES ('weekStartsOn', '0'), ('theme', '\"dark\"')").run();
    const s = new SettingsStore(db);
    expect(s.get()).toEqual({ ...DEFAULT_SETTINGS, weekStartsOn: 0, theme: 'dark', timeFormat: 'system', hideWeekends: false });
    expect(s.update({ timeFormat: '24h', hideWeekends: true })).toMatchObject({ timeFormat: '24h', hideWeekends: true });
    expect(() => s.update({ timeFormat: '36h' as never })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    db.close();
    const reopened = openDatabase(file).db;
    expect(new SettingsStore(reopened).get()).toMatchObject({ weekStartsOn: 0, theme: 'dark', timeFormat: '24h', hideWeekends: true });
    // A damaged value of either falls back to its default alone.
    reopened.prepare("UPDATE settings SET value = '\"36h\"' WHERE key = 'timeFormat'").run();
    reopened.prepare("UPDATE settings SET value = '\"yes\"' WHERE key = 'hideWeekends'").run();
    expect(new SettingsStore(reopened).get()).toEqual({ ...DEFAULT_SETTINGS, weekStartsOn: 0, theme: 'dark' });
    reopened.close();
  });
});
