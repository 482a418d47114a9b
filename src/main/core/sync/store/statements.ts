import type { Db } from '../../db/database';
import type { StreamCursor } from './cursors';
import { writeCursor } from './cursors';
import { systemClock } from '../../../../common/clock';

/**
 * Memoizes prepared statements (and transaction functions) per database handle, so the hot
 * path prepares once and a closed handle's statements are collected with it.
 */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) {
      value = build(db);
      cache.set(db, value);
    }
    return value;
  };
}

/** `INSERT … ON CONFLICT (key) DO UPDATE SET` every non-key column: an idempotent upsert by natural key. */
export function upsertSql(table: string, columns: readonly string[], key: readonly string[]): string {
  const updates = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
  return (
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`
  );
}

/** SQLite has no boolean: 1/0, null stays null. */
export function bool(value: boolean | null): 0 | 1 | null {
  return value === null ? null : value ? 1 : 0;
}

/**
 * A page writer for the smaller streams: upserts each record's row by natural key and moves
 * the stream cursor, all in one transaction. (Activities have a hand-unrolled writer.)
 */
export function pageUpsert<R>(
  table: string,
  columns: readonly string[],
  key: readonly string[],
  toRow: (orgId: number, record: R, syncedAt: string) => unknown[],
): (db: Db, orgId: number, records: readonly R[], cursor?: StreamCursor, syncedAt?: string) => number {
  const writer = perDb((db) => {
    const upsert = db.prepare(upsertSql(table, columns, key));
    return db.transaction((orgId: number, records: readonly R[], cursor: StreamCursor | undefined, syncedAt: string) => {
      for (const r of records) upsert.run(toRow(orgId, r, syncedAt));
      if (cursor) writeCursor(db, orgId, cursor, syncedAt);
    });
  });
  return (db, orgId, records, cursor, syncedAt = systemClock.now().toISOString()) => {
    writer(db)(orgId, records, cursor, syncedAt);
    return records.length;
  };
}
