import { z } from 'zod';
import type { SkippedRecord } from '../hubstaff/schemas';
import { compiled, parseRecords } from '../hubstaff/schemas';

// Tolerant record schemas for HubSpot CRM v3 (reference §4.2–§4.4). Policy, as for Hubstaff:
// - what the sync relies on is required: a task's numeric-string `id` and a readable
//   `hs_lastmodifieddate` (the stream's cursor); a record without them is skipped and counted;
// - property values travel as strings or null; a stray number or boolean is read as its
//   string, and anything else as null, so one odd property never costs the whole task;
// - date-times come out as ISO-8601 UTC with milliseconds, from ISO strings or epoch-ms strings.

export type { SkippedRecord };
export { parseRecords };

/** ISO-ms from an ISO date-time or an epoch-ms string; null when it is neither. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function toIsoMs(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  // HubSpot's own form needs no re-formatting (this runs five times per task).
  if (CANONICAL.test(value)) return Number.isFinite(Date.parse(value)) ? value : null;
  const ms = /^-?\d{1,15}$/.test(value) ? Number(value) : /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const propertyValue = z.union([z.string(), z.number().transform(String), z.boolean().transform(String), z.null()]).catch(null);
const numericId = z.string().regex(/^\d{1,20}$/, 'expected a numeric id string');

const TaskWireSchema = z.object({
  id: numericId,
  properties: z.record(z.string(), propertyValue),
  archived: z.boolean().catch(false).default(false),
});

export interface HubspotTask {
  id: string;
  subject: string | null;
  body: string | null;
  /** `hs_task_status`: NOT_STARTED, IN_PROGRESS, WAITING, COMPLETED, DEFERRED (kept as sent). */
  status: string | null;
  priority: string | null;
  type: string | null;
  /** `hubspot_owner_id`. */
  ownerId: string | null;
  /** `hs_timestamp`, the due date. */
  dueAt: string | null;
  completedAt: string | null;
  createdAt: string | null;
  /** `hs_lastmodifieddate`, ISO-ms. */
  updatedAt: string;
  updatedMs: number;
  archived: boolean;
  /** Every property as sent (strings or null), for fields not mapped above. */
  properties: Record<string, string | null>;
}

export const TaskSchema = TaskWireSchema.transform((t, ctx): HubspotTask => {
  const p = t.properties;
  const updatedAt = toIsoMs(p.hs_lastmodifieddate);
  if (updatedAt === null) {
    ctx.issues.push({ code: 'custom', message: 'expected hs_lastmodifieddate to be a date-time', input: p.hs_lastmodifieddate, path: ['properties', 'hs_lastmodifieddate'] });
    return z.NEVER;
  }
  const text = (name: string): string | null => {
    const v = p[name];
    return v === undefined || v === null || v === '' ? null : v;
  };
  return {
    id: t.id,
    subject: text('hs_task_subject'),
    body: text('hs_task_body'),
    status: text('hs_task_status'),
    priority: text('hs_task_priority'),
    type: text('hs_task_type'),
    ownerId: text('hubspot_owner_id'),
    dueAt: toIsoMs(p.hs_timestamp),
    completedAt: toIsoMs(p.hs_task_completion_date),
    createdAt: toIsoMs(p.hs_createdate),
    updatedAt,
    updatedMs: Date.parse(updatedAt),
    archived: t.archived,
    properties: p,
  };
});

/** Properties the tasks stream asks for (the defaults come on top). */
export const TASK_PROPERTIES = [
  'hs_task_subject',
  'hs_task_body',
  'hs_task_status',
  'hs_task_priority',
  'hs_task_type',
  'hubspot_owner_id',
  'hs_timestamp',
  'hs_task_completion_date',
] as const;

export const OwnerSchema = z.object({
  id: numericId,
  email: z.string().nullable().catch(null).default(null),
  firstName: z.string().nullable().catch(null).default(null),
  lastName: z.string().nullable().catch(null).default(null),
  userId: z.number().int().nullable().catch(null).default(null),
  archived: z.boolean().catch(false).default(false),
});
export type HubspotOwner = z.output<typeof OwnerSchema>;

/** GET /oauth/v1/access-tokens/{token}. */
export const AccessTokenInfoSchema = z.object({
  user: z.string().nullable().catch(null).default(null),
  user_id: z.number().int(),
  hub_id: z.number().int(),
  hub_domain: z.string().nullable().catch(null).default(null),
  app_id: z.number().int().nullable().catch(null).default(null),
  scopes: z.array(z.string()).catch([]).default([]),
  expires_in: z.number().nullable().catch(null).default(null),
});
export type HubspotAccessTokenInfo = z.output<typeof AccessTokenInfoSchema>;

/** POST /oauth/v2/private-apps/get/access-token-info. */
export const PrivateAppTokenInfoSchema = z.object({
  userId: z.number().int(),
  hubId: z.number().int(),
  appId: z.number().int().nullable().catch(null).default(null),
  scopes: z.array(z.string()).catch([]).default([]),
});
export type HubspotPrivateAppTokenInfo = z.output<typeof PrivateAppTokenInfoSchema>;

/** GET /account-info/v3/details (only what Stint uses). */
export const AccountDetailsSchema = z.object({
  portalId: z.number().int(),
  timeZone: z.string().nullable().catch(null).default(null),
  uiDomain: z.string().nullable().catch(null).default(null),
});
export type HubspotAccountDetails = z.output<typeof AccountDetailsSchema>;

/** The envelope of search and list pages (records are parsed one by one afterwards). */
export const PageEnvelopeSchema = z.object({
  total: z.number().int().nonnegative().optional(),
  results: z.array(z.unknown()),
  paging: z
    .object({ next: z.object({ after: z.union([z.string(), z.number().transform(String)]) }).optional() })
    .nullable()
    .optional()
    .catch(undefined),
});

export const parsers = {
  task: compiled(TaskSchema),
  owner: compiled(OwnerSchema),
};
