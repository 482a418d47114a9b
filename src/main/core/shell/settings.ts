// The shell's settings and memory, kept as JSON values under `shell.`-prefixed keys of the
// `settings` table (the planner's SettingsStore ignores keys it does not know). Each value is
// validated on read, so a hand-edited or older value falls back to its default.
import type { z } from 'zod';
import { DEFAULT_SHELL_SETTINGS, ShellSettings, ShellSettingsPatch } from '../../../common/ipc/shell-schemas';
import { parseInput } from '../../../common/validate';
import type { Db } from '../db/database';

const PREFIX = 'shell.';

/** A JSON value under `shell.<name>`; `undefined` when absent or unreadable. */
export function readShellValue(db: Db, name: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(PREFIX + name) as { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

export function writeShellValues(db: Db, values: Record<string, unknown>): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [name, value] of Object.entries(values)) upsert.run(PREFIX + name, JSON.stringify(value));
  })();
}

export class ShellSettingsStore {
  private cache: ShellSettings | null = null;
  constructor(private readonly db: Db) {}

  get(): ShellSettings {
    if (this.cache) return this.cache;
    const out: Record<string, unknown> = { ...DEFAULT_SHELL_SETTINGS };
    for (const key of Object.keys(DEFAULT_SHELL_SETTINGS) as (keyof ShellSettings)[]) {
      const stored = readShellValue(this.db, key);
      if (stored !== undefined && ShellSettings.shape[key].safeParse(stored).success) out[key] = stored;
    }
    this.cache = ShellSettings.parse(out);
    return this.cache;
  }

  update(patch: z.input<typeof ShellSettingsPatch>): ShellSettings {
    const valid = parseInput(ShellSettingsPatch, patch, 'shell settings');
    const next = ShellSettings.parse({ ...this.get(), ...valid });
    writeShellValues(this.db, valid);
    this.cache = next;
    return next;
  }
}
