import type { Db } from '../../db/database';
import type { HubstaffProject } from '../../providers/hubstaff/schemas';
import type { StreamCursor } from './cursors';
import { bool, pageUpsert, perDb } from './statements';
import { HUBSTAFF_PROVIDER } from './tasks';

const writeProjects = pageUpsert<HubstaffProject>(
  'hubstaff_projects',
  ['organization_id', 'id', 'name', 'description', 'status', 'type', 'client_id', 'billable', 'created_at', 'updated_at', 'synced_at'],
  ['organization_id', 'id'],
  (org, p, syncedAt) => [org, p.id, p.name, p.description, p.status, p.type, p.client_id, bool(p.billable), p.created_at, p.updated_at, syncedAt],
);

// Sidebar items show their project's name: keep it current when a project is renamed.
const renameInSidebar = perDb((db) =>
  db.prepare(
    `UPDATE source_items SET project_name = ?
     WHERE provider = '${HUBSTAFF_PROVIDER}' AND org_id = ? AND project_id = ? AND project_name IS NOT ?`,
  ),
);

/** Upserts a page of projects by (organization_id, id), with the cursor, in one transaction. */
export function upsertProjectPage(db: Db, orgId: number, records: readonly HubstaffProject[], cursor?: StreamCursor, syncedAt?: string): number {
  const rename = renameInSidebar(db);
  db.transaction(() => {
    writeProjects(db, orgId, records, cursor, syncedAt);
    for (const p of records) rename.run(p.name, String(orgId), String(p.id), p.name);
  })();
  return records.length;
}
