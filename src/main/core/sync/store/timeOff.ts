import type { HubstaffTimeOffRequest } from '../../providers/hubstaff/schemas';
import { bool, pageUpsert } from './statements';

/** Upserts a page of time off requests by (organization_id, id), with the cursor, in one transaction. */
export const upsertTimeOffRequestPage = pageUpsert<HubstaffTimeOffRequest>(
  'hubstaff_time_off_requests',
  [
    'organization_id', 'id', 'user_id', 'time_off_policy_id', 'status', 'all_day', 'starts_at', 'stops_at', 'submitted_at',
    'approved_at', 'denied_at', 'paid', 'amount_used', 'message', 'response', 'days', 'created_at', 'updated_at', 'synced_at',
  ],
  ['organization_id', 'id'],
  (org, t, syncedAt) => [
    org, t.id, t.user_id, t.time_off_policy_id, t.status, bool(t.all_day), t.starts_at, t.stops_at, t.submitted_at,
    t.approved_at, t.denied_at, bool(t.paid), t.amount_used, t.message, t.response, JSON.stringify(t.time_off_request_days),
    t.created_at, t.updated_at, syncedAt,
  ],
);
