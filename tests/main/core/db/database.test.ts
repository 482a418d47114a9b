import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StintError } from '../../../../src/common/errors';
import { openDatabase, STINT_APPLICATION_ID } from '../../../../src/main/core/db/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../src/main/core/db/migrations/index';
import type { Migration } from '../../../../src/main/core/db/migrations/types';
import { tempDir } from '../../../helpers/temp';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof StintError ? e.code : `not a StintError: ${String(e)}`;
  }
  return undefined;
}

describe('openDatabase', () => {
  it('creates a new database in WAL mode with foreign keys on and every migration applied', () => {
    const file = join(tempDir(), 'stint.db');
    const { db, fromVersion, backupPath } = openDatabase(file);
    expect(fromVersion).toBe(0);
    expect(backupPath).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(STINT_APPLICATION_ID);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['tasks', 'entries', 'source_items', 'settings']));
    db.close();
  });

  it('reopens an up-to-date database without migrating or backing up', () => {
    const dir = tempDir();
    const file = join(dir, 'stint.db');
    openDatabase(file).db.close();
    const again = openDatabase(file);
    expect(again.fromVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(again.backupPath).toBeNull();
    again.db.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('backs up before migrating and keeps the data of the older version', () => {
    const dir = tempDir();
    const file = join(dir, 'stint.db');
    const v1 = MIGRATIONS.slice(0, 1);
    const first = openDatabase(file, { migrations: v1 });
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('weekStartsOn', '0')").run();
    first.db.close();

    const extra: Migration = { version: 2, name: 'extra', up: (db) => db.exec('CREATE TABLE extra (x INTEGER)') };
    const { db, fromVersion, backupPath } = openDatabase(file, { migrations: [...v1, extra] });
    expect(fromVersion).toBe(1);
    expect(backupPath).not.toBeNull();
    expect(db.prepare('SELECT value FROM settings').pluck().get()).toBe('0');
    db.close();

    const backup = new Database(backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT value FROM settings').pluck().get()).toBe('0');
    expect(backup.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'").pluck().get()).toBe(0);
    backup.close();
  });

  it('rolls a failing migration back as a whole, leaving the old version', () => {
    const file = join(tempDir(), 'stint.db');
    const v1 = MIGRATIONS.slice(0, 1);
    openDatabase(file, { migrations: v1 }).db.close();
    const broken: Migration[] = [
      ...v1,
      { version: 2, name: 'ok', up: (db) => db.exec('CREATE TABLE half (x)') },
      { version: 3, name: 'boom', up: (db) => db.exec('THIS IS NOT SQL') },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database from a newer version and leaves it byte-identical', () => {
    const file = join(tempDir(), 'stint.db');
    const { db } = openDatabase(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(file);

    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StintError);
    expect((error as StintError).code).toBe('database_newer');
    expect((error as StintError).message).toMatch(/newer version of Stint/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not SQLite without touching it', () => {
    const dir = tempDir();
    const file = join(dir, 'stint.db');
    const junk = Buffer.from('these are my notes, not a database\n'.repeat(200));
    writeFileSync(file, junk);
    expect(codeOf(() => openDatabase(file))).toBe('database_invalid');
    expect(readFileSync(file).equals(junk)).toBe(true);
    expect(readdirSync(dir)).toEqual(['stint.db']);
  });

  it('refuses a SQLite file of another application without touching it', () => {
    const file = join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES (\'Ada\')');
    other.close();
    const before = readFileSync(file);
    expect(codeOf(() => openDatabase(file))).toBe('database_invalid');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file with a SQLite header but damaged contents, without touching it', () => {
    const file = join(tempDir(), 'stint.db');
    const { db } = openDatabase(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0xab, 100); // keep the 100-byte header, trash every page
    writeFileSync(file, bytes);
    expect(codeOf(() => openDatabase(file))).toBe('database_invalid');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
