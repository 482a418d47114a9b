// User settings, stored as one JSON value per key in the `settings` table and validated on
// read, so a hand-edited or older value falls back to the default instead of breaking start-up.
import type { z } from 'zod';
import { DEFAULT_SETTINGS, Settings, SettingsFields, SettingsPatch } from '../../common/ipc/settings-schemas';
import { parseInput } from '../../common/validate';
import type { Db } from './db/database';

export class SettingsStore {
  private cache: Settings | null = null;
  constructor(private readonly db: Db) {}

  get(): Settings {
    if (this.cache) return this.cache;
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of rows) {
      if (!(key in DEFAULT_SETTINGS)) continue;
      try {
        merged[key] = JSON.parse(value);
      } catch {
        // expected: unreadable value: keep the default
      }
    }
    const parsed = Settings.safeParse(merged);
    this.cache = parsed.success ? parsed.data : this.repair(merged);
    return this.cache;
  }

  update(patch: z.input<typeof SettingsPatch>): Settings {
    const v = parseInput(SettingsPatch, patch, 'settings');
    const next = parseInput(Settings, { ...this.get(), ...v }, 'settings');
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [k, val] of Object.entries(v)) upsert.run(k, JSON.stringify(val));
    })();
    this.cache = next;
    return next;
  }

  /** Keeps each valid stored value and falls back to the default for the others (working hours as a pair). */
  private repair(merged: Record<string, unknown>): Settings {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      if (SettingsFields.shape[key].safeParse(merged[key]).success) out[key] = merged[key];
    }
    if (!Settings.safeParse(out).success) {
      out.workdayStartMinute = DEFAULT_SETTINGS.workdayStartMinute;
      out.workdayEndMinute = DEFAULT_SETTINGS.workdayEndMinute;
    }
    return out as Settings;
  }
}
