import type { HubstaffTimeOffPolicy } from '../../providers/hubstaff/schemas';
import { bool, pageUpsert } from './statements';

/** Upserts a page of time off policies by (organization_id, id), with the cursor, in one transaction. */
export const upsertTimeOffPolicyPage = pageUpsert<HubstaffTimeOffPolicy>(
  'hubstaff_time_off_policies',
  ['organization_id', 'id', 'name', 'status', 'paid', 'created_at', 'updated_at', 'synced_at'],
  ['organization_id', 'id'],
  (org, p, syncedAt) => [org, p.id, p.name, p.status, bool(p.paid), p.created_at, p.updated_at, syncedAt],
);
