import { StintError } from '../../../../common/errors';
import type { Db } from '../../db/database';
import { perDb } from './statements';
import { systemClock } from '../../../../common/clock';

// Where each stream stopped, per account and organization (org 0 = account-level streams).
// Writers call `writeCursor` inside the same transaction as the rows the cursor covers.

export interface StreamCursor {
  accountId: string;
  stream: string;
  /** Any JSON value the sync engine needs to resume (e.g. `{ sliceStart, pageStartId }`). */
  cursor: unknown;
}

const statements = perDb((db) => ({
  write: db.prepare(
    `INSERT INTO sync_cursors (account_id, org_id, stream, cursor, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id, org_id, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  ),
  read: db.prepare('SELECT cursor, updated_at FROM sync_cursors WHERE account_id = ? AND org_id = ? AND stream = ?'),
  remove: db.prepare('DELETE FROM sync_cursors WHERE account_id = ? AND org_id = ? AND stream = ?'),
}));

export function writeCursor(db: Db, orgId: number, c: StreamCursor, now: string = systemClock.now().toISOString()): void {
  const json = JSON.stringify(c.cursor);
  if (json === undefined) throw new StintError('invalid_argument', 'A stream cursor must be a JSON value', { details: ['cursor'] });
  statements(db).write.run(c.accountId, orgId, c.stream, json, now);
}

export function readCursor<T = unknown>(db: Db, accountId: string, orgId: number, stream: string): { cursor: T; updatedAt: string } | null {
  const row = statements(db).read.get(accountId, orgId, stream) as { cursor: string; updated_at: string } | undefined;
  return row ? { cursor: JSON.parse(row.cursor) as T, updatedAt: row.updated_at } : null;
}

export function clearCursor(db: Db, accountId: string, orgId: number, stream: string): void {
  statements(db).remove.run(accountId, orgId, stream);
}
