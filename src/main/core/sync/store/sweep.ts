import type { Db } from '../../db/database';
import { perDb } from './statements';
import { HUBSTAFF_PROVIDER } from './tasks';

// Upstream deletions. Hubstaff has no "deleted since" feed, so a complete re-read is the proof:
// every row a re-read returns is upserted (its `synced_at` moves past the read's start mark),
// and rows of the re-read range still older than the mark were not returned, so they are gone
// upstream. Callers run a sweep in the same transaction as the read's last page and cursor,
// and only after a read without skipped (malformed) records, which could hide a live row.

/** The tables whose rows a full listing of one organization replaces. */
export type FullRefreshTable = 'hubstaff_members' | 'hubstaff_projects' | 'hubstaff_time_off_requests';

const statements = perDb((db) => ({
  activities: db.prepare(
    'DELETE FROM hubstaff_activities WHERE organization_id = ? AND time_slot >= ? AND time_slot < ? AND synced_at < ?',
  ),
  daily: db.prepare('DELETE FROM hubstaff_daily_activities WHERE organization_id = ? AND date >= ? AND date <= ? AND synced_at < ?'),
  hubstaff_members: db.prepare('DELETE FROM hubstaff_members WHERE organization_id = ? AND synced_at < ?'),
  hubstaff_projects: db.prepare('DELETE FROM hubstaff_projects WHERE organization_id = ? AND synced_at < ?'),
  hubstaff_time_off_requests: db.prepare('DELETE FROM hubstaff_time_off_requests WHERE organization_id = ? AND synced_at < ?'),
  markRemoved: db.prepare(
    `UPDATE source_items SET removed = 1
      WHERE provider = '${HUBSTAFF_PROVIDER}' AND org_id = ? AND removed = 0
        AND external_id NOT IN (SELECT value FROM json_each(?))`,
  ),
  // A local task follows its item: marked when the item is removed, cleared if it comes back.
  // Never deleted: it is the user's data (DESIGN §2).
  linkedTasks: db.prepare(
    `UPDATE tasks SET source_removed = s.removed, updated_at = ?
       FROM (SELECT external_id, removed FROM source_items WHERE provider = '${HUBSTAFF_PROVIDER}' AND org_id = ?) AS s
      WHERE tasks.source_provider = '${HUBSTAFF_PROVIDER}' AND tasks.source_org_id = ?
        AND tasks.source_external_id = s.external_id AND tasks.source_removed <> s.removed`,
  ),
}));

/** Time-slot bounds as stored (`…T00:00:00.000Z`), so text comparison orders them correctly. */
function storedInstant(iso: string): string {
  return new Date(iso).toISOString();
}

/** Deletes the org's activities in [start, stop) (by time slot) not re-read since `mark`. */
export function sweepActivities(db: Db, orgId: number, start: string, stop: string, mark: string): number {
  return statements(db).activities.run(orgId, storedInstant(start), storedInstant(stop), mark).changes;
}

/** Deletes the org's daily activities dated firstDay…lastDay (inclusive) not re-read since `mark`. */
export function sweepDailyActivities(db: Db, orgId: number, firstDay: string, lastDay: string, mark: string): number {
  return statements(db).daily.run(orgId, firstDay, lastDay, mark).changes;
}

/** Deletes the org's rows of a fully listed stream that the listing did not return. */
export function sweepOrganizationRows(db: Db, table: FullRefreshTable, orgId: number, mark: string): number {
  return statements(db)[table].run(orgId, mark).changes;
}

/**
 * After a complete task listing: items of the org not in `liveIds` are marked removed (deleted
 * or archived upstream), and linked local tasks get `source_removed` set to match their item.
 * Returns how many local tasks changed.
 */
export function markRemovedSourceItems(db: Db, orgId: number, liveIds: readonly string[], now: string): { removed: number; tasksChanged: number } {
  const s = statements(db);
  const org = String(orgId);
  const removed = s.markRemoved.run(org, JSON.stringify(liveIds)).changes;
  const tasksChanged = s.linkedTasks.run(now, org, org).changes;
  return { removed, tasksChanged };
}
