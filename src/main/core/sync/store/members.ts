import type { Db } from '../../db/database';
import type { HubstaffMember, HubstaffUser } from '../../providers/hubstaff/schemas';
import type { StreamCursor } from './cursors';
import { pageUpsert } from './statements';

const writeMembers = pageUpsert<HubstaffMember>(
  'hubstaff_members',
  ['organization_id', 'user_id', 'membership_role', 'membership_status', 'effective_role', 'trackable', 'removed_at', 'last_client_activity', 'created_at', 'updated_at', 'synced_at'],
  ['organization_id', 'user_id'],
  (org, m, syncedAt) => [org, m.user_id, m.membership_role, m.membership_status, m.effective_role, m.trackable, m.removed_at, m.last_client_activity, m.created_at, m.updated_at, syncedAt],
);

const writeUsers = pageUpsert<HubstaffUser>(
  'hubstaff_users',
  ['organization_id', 'id', 'name', 'first_name', 'last_name', 'email', 'time_zone', 'status', 'created_at', 'updated_at', 'synced_at'],
  ['organization_id', 'id'],
  (org, u, syncedAt) => [org, u.id, u.name, u.first_name, u.last_name, u.email, u.time_zone, u.status, u.created_at, u.updated_at, syncedAt],
);

/** Upserts a page of members and the users attached to them, with the cursor, in one transaction. */
export function upsertMemberPage(db: Db, orgId: number, records: readonly HubstaffMember[], cursor?: StreamCursor, syncedAt?: string): number {
  db.transaction(() => {
    writeUsers(db, orgId, records.flatMap((m) => (m.user ? [m.user] : [])), undefined, syncedAt);
    writeMembers(db, orgId, records, cursor, syncedAt); // nested: joins the outer transaction
  })();
  return records.length;
}
