import type { Db } from '../../db/database';
import type { HubstaffActivity, HubstaffDailyActivity } from '../../providers/hubstaff/schemas';
import type { StreamCursor } from './cursors';
import { writeCursor } from './cursors';
import { bool, perDb, upsertSql } from './statements';
import { systemClock } from '../../../../common/clock';

// The ingest hot path: one page of activities (≤ 500) in one transaction together with the
// stream's cursor, so a crash between pages never skips or duplicates rows (DESIGN §4).
// Statements are prepared once per handle; values are bound positionally.

const ACTIVITY_COLUMNS = [
  'organization_id', 'id', 'date', 'time_slot', 'starts_at', 'user_id', 'project_id', 'task_id',
  'tracked', 'keyboard', 'mouse', 'overall', 'input_tracked', 'billable', 'paid', 'immutable',
  'time_type', 'client', 'timesheet_id', 'created_at', 'updated_at', 'synced_at',
] as const;

const DAILY_COLUMNS = [
  'organization_id', 'id', 'date', 'user_id', 'project_id', 'task_id', 'tracked', 'keyboard', 'mouse',
  'overall', 'input_tracked', 'manual', 'idle', 'resumed', 'billable', 'work_break', 'created_at',
  'updated_at', 'synced_at',
] as const;

const activityWriter = perDb((db) => {
  const upsert = db.prepare(upsertSql('hubstaff_activities', ACTIVITY_COLUMNS, ['organization_id', 'id']));
  return db.transaction((orgId: number, records: readonly HubstaffActivity[], cursor: StreamCursor | undefined, syncedAt: string) => {
    for (const a of records) {
      upsert.run(
        orgId, a.id, a.date, a.time_slot, a.starts_at, a.user_id, a.project_id, a.task_id,
        a.tracked, a.keyboard, a.mouse, a.overall, a.input_tracked, a.billable ? 1 : 0, bool(a.paid), bool(a.immutable),
        a.time_type, a.client, a.timesheet_id, a.created_at, a.updated_at, syncedAt,
      );
    }
    if (cursor) writeCursor(db, orgId, cursor, syncedAt);
  });
});

const dailyWriter = perDb((db) => {
  const upsert = db.prepare(upsertSql('hubstaff_daily_activities', DAILY_COLUMNS, ['organization_id', 'id']));
  return db.transaction((orgId: number, records: readonly HubstaffDailyActivity[], cursor: StreamCursor | undefined, syncedAt: string) => {
    for (const d of records) {
      upsert.run(
        orgId, d.id, d.date, d.user_id, d.project_id, d.task_id, d.tracked, d.keyboard, d.mouse,
        d.overall, d.input_tracked, d.manual, d.idle, d.resumed, d.billable, d.work_break, d.created_at,
        d.updated_at, syncedAt,
      );
    }
    if (cursor) writeCursor(db, orgId, cursor, syncedAt);
  });
});

/**
 * Upserts one page of activities of `orgId` by (organization_id, id) and, when given, moves
 * the stream's cursor in the same transaction. Idempotent: the same page twice leaves the same
 * rows. Returns the number of records written.
 */
export function upsertActivityPage(db: Db, orgId: number, records: readonly HubstaffActivity[], cursor?: StreamCursor, syncedAt = systemClock.now().toISOString()): number {
  activityWriter(db)(orgId, records, cursor, syncedAt);
  return records.length;
}

/** As `upsertActivityPage`, for daily activities. */
export function upsertDailyActivityPage(db: Db, orgId: number, records: readonly HubstaffDailyActivity[], cursor?: StreamCursor, syncedAt = systemClock.now().toISOString()): number {
  dailyWriter(db)(orgId, records, cursor, syncedAt);
  return records.length;
}
