import type { Db } from '../../db/database';
import type { HubstaffTask } from '../../providers/hubstaff/schemas';
import { sourceItemTitle } from '../../providers/provider';
import type { StreamCursor } from './cursors';
import { writeCursor } from './cursors';
import { perDb } from './statements';
import { systemClock } from '../../../../common/clock';

// Hubstaff to-dos feed the sidebar through the provider-agnostic `source_items` (001), keyed by
// (provider, org_id, external_id). The project name comes from the cached projects at write
// time (null until projects have synced). An upsert clears `removed`: a task seen is live. An
// unchanged item is left alone, so the every-poll listing writes nothing when nothing changed.
// Titles are cleaned (titleText.ts); one with nothing readable left is kept as "Hubstaff to-do <id>".

export const HUBSTAFF_PROVIDER = 'hubstaff';

const writer = perDb((db) => {
  const upsert = db.prepare(`
    INSERT INTO source_items (provider, org_id, external_id, title, status, project_id, project_name, assignee_ids, updated_at, removed)
    VALUES ('${HUBSTAFF_PROVIDER}', ?, ?, ?, ?, ?, (SELECT name FROM hubstaff_projects WHERE organization_id = ? AND id = ?), ?, ?, 0)
    ON CONFLICT (provider, org_id, external_id) DO UPDATE SET
      title = excluded.title, status = excluded.status, project_id = excluded.project_id,
      project_name = coalesce(excluded.project_name, source_items.project_name),
      assignee_ids = excluded.assignee_ids, updated_at = excluded.updated_at, removed = 0
    WHERE source_items.removed <> 0 OR source_items.updated_at IS NOT excluded.updated_at OR source_items.title IS NOT excluded.title
       OR source_items.status IS NOT excluded.status OR source_items.project_id IS NOT excluded.project_id
       OR source_items.assignee_ids IS NOT excluded.assignee_ids
       OR (excluded.project_name IS NOT NULL AND source_items.project_name IS NOT excluded.project_name)`);
  return db.transaction((orgId: number, records: readonly HubstaffTask[], cursor: StreamCursor | undefined, now: string) => {
    const org = String(orgId);
    for (const t of records) {
      upsert.run(org, String(t.id), sourceItemTitle(t.summary, `Hubstaff to-do ${t.id}`), t.status, t.project_id === null ? null : String(t.project_id), orgId, t.project_id, JSON.stringify(t.assignee_ids), t.updated_at);
    }
    if (cursor) writeCursor(db, orgId, cursor, now);
  });
});

/** Upserts a page of Hubstaff tasks into `source_items`, with the cursor, in one transaction. */
export function upsertTaskPage(db: Db, orgId: number, records: readonly HubstaffTask[], cursor?: StreamCursor, syncedAt = systemClock.now().toISOString()): number {
  writer(db)(orgId, records, cursor, syncedAt);
  return records.length;
}
