import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is compiled for one ABI at a time. Node (tests, CLI) uses the build in
 * node_modules; Electron uses a separate build made by `scripts/native.mjs electron`,
 * so neither runtime ever needs the other's binary rebuilt in place.
 */
export function resolveNativeBinding(): string | undefined {
  const electron = process.versions.electron;
  if (!electron) return undefined;
  const override = process.env.STINT_SQLITE_BINDING;
  if (override) return override;
  const candidate = join(process.cwd(), 'build', 'native', `electron-${electron}`, 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
