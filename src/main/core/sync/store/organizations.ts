import type { HubstaffOrganization } from '../../providers/hubstaff/schemas';
import { pageUpsert } from './statements';

/** Upserts organizations by id (the cursor, if any, is stored under org 0: account level). */
const write = pageUpsert<HubstaffOrganization>(
  'hubstaff_organizations',
  ['id', 'name', 'status', 'invite_url', 'created_at', 'updated_at', 'synced_at'],
  ['id'],
  (_org, o, syncedAt) => [o.id, o.name, o.status, o.invite_url, o.created_at, o.updated_at, syncedAt],
);

export function upsertOrganizationPage(
  db: Parameters<typeof write>[0],
  records: readonly HubstaffOrganization[],
  cursor?: Parameters<typeof write>[3],
  syncedAt?: string,
): number {
  return write(db, 0, records, cursor, syncedAt);
}
