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
});
