import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { StintError } from '../../../common/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';
import { resolveNativeBinding } from './nativeBinding';
import { systemClock } from '../../../common/clock';

export type Db = Database.Database;

/** 'Stnt' — marks a SQLite file as Stint's, so a foreign SQLite file is never migrated. */
export const STINT_APPLICATION_ID = 0x53746e74;
const SQLITE_HEADER = 'SQLite format 3\0';

export interface OpenOptions {
  migrations?: readonly Migration[];
  /** Clock for backup file names (tests). */
  now?: () => Date;
}

export interface OpenResult {
  db: Db;
  /** The schema version found before migrating (0 for a new file). */
  fromVersion: number;
  /** Path of the backup written before migrating, if one was needed. */
  backupPath: string | null;
}

/**
 * Opens (creating if needed) the Stint database at `file`: refuses anything that is not a
 * Stint SQLite file or that a newer Stint wrote — in both cases without writing a byte —
 * backs the file up before migrating, then runs pending migrations in one transaction.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): OpenResult {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const exists = existsSync(file) && statSync(file).size > 0;
  let fromVersion = 0;

  if (exists) {
    assertSqliteHeader(file);
    fromVersion = inspectReadOnly(file, latest);
  }

  const db = new Database(file, { nativeBinding: resolveNativeBinding() });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');

    let backupPath: string | null = null;
    const pending = migrations.filter((m) => m.version > fromVersion);
    if (pending.length) {
      if (fromVersion > 0) backupPath = backup(db, file, fromVersion, (opts.now ?? systemClock.now)());
      db.transaction(() => {
        for (const m of pending) m.up(db);
        db.pragma(`application_id = ${STINT_APPLICATION_ID}`);
        db.pragma(`user_version = ${latest}`);
      }).immediate();
    }
    return { db, fromVersion, backupPath };
  } catch (e) {
    db.close();
    throw e;
  }
}

function assertSqliteHeader(file: string): void {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    if (n < 16 || buf.toString('latin1') !== SQLITE_HEADER) {
      throw new StintError('database_invalid', `${file} is not a SQLite database; Stint left it untouched.`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads version and identity through a read-only handle, so a refused file is never written. */
function inspectReadOnly(file: string, latest: number): number {
  let ro: Db;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: resolveNativeBinding() });
  } catch (e) {
    throw new StintError('database_invalid', `${file} could not be opened as a SQLite database; Stint left it untouched.`, { cause: e });
  }
  try {
    const appId = ro.pragma('application_id', { simple: true }) as number;
    const version = ro.pragma('user_version', { simple: true }) as number;
    const hasTables = (ro.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n > 0;
    if (appId !== STINT_APPLICATION_ID && (appId !== 0 || hasTables)) {
      throw new StintError('database_invalid', `${file} is a SQLite database of another application; Stint left it untouched.`);
    }
    if (version > latest) {
      throw new StintError(
        'database_newer',
        `This data was saved by a newer version of Stint (schema ${version}; this version knows up to ${latest}). ` +
          'Update Stint to open it. The file was left untouched.',
      );
    }
    return version;
  } catch (e) {
    if (e instanceof StintError) throw e;
    throw new StintError('database_invalid', `${file} is damaged or not a SQLite database; Stint left it untouched.`, { cause: e });
  } finally {
    ro.close();
  }
}

function backup(db: Db, file: string, fromVersion: number, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.v${fromVersion}.${stamp}.bak`;
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

export { LATEST_SCHEMA_VERSION };
