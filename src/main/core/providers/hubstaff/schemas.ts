import { z } from 'zod';
import { isIsoDate, toIsoMs } from './time';

// Tolerant record schemas for Hubstaff API v2 (Swagger H1 definitions; wire facts in
// shared/reference/hubstaff-hubspot-api.md §3). Policy:
// - unknown fields are dropped (z.object strips them);
// - fields a feature relies on are required with their type, so a record that lacks them or
//   has them mistyped is skipped (and counted) rather than cached half-broken;
// - every other field accepts `null` or omission (the reference leaves null-vs-omitted open,
//   §6.5) and comes out as `null`;
// - string enums whose value sets the reference marks unknown stay plain strings;
// - date-times come out as ms-precision ISO strings (the wire has microseconds).

const dateTime = z.string().transform((value, ctx) => {
  const iso = toIsoMs(value);
  if (iso === null) {
    ctx.issues.push({ code: 'custom', message: 'expected an ISO-8601 date-time', input: value });
    return z.NEVER;
  }
  return iso;
});
const date = z.string().refine(isIsoDate, 'expected a YYYY-MM-DD date');
const id = z.number().int();
const count = z.number().int();

/** Optional on the wire: accepts null or omission, yields null. */
function opt<T extends z.ZodType>(schema: T) {
  return schema.nullable().default(null);
}

export const UserSchema = z.object({
  id,
  name: z.string(),
  first_name: opt(z.string()),
  last_name: opt(z.string()),
  email: opt(z.string()),
  time_zone: opt(z.string()),
  status: opt(z.string()),
  created_at: opt(dateTime),
  updated_at: opt(dateTime),
});

export const OrganizationSchema = z.object({
  id,
  name: z.string(),
  status: opt(z.string()),
  invite_url: opt(z.string()),
  created_at: opt(dateTime),
  updated_at: opt(dateTime),
});

export const MemberSchema = z.object({
  user_id: id,
  membership_role: opt(z.string()),
  membership_status: opt(z.string()),
  effective_role: opt(z.string()),
  // Swagger types it as a string ("true" | "false" | "viewer"); accept a bare boolean too.
  trackable: opt(z.union([z.string(), z.boolean().transform(String)])),
  removed_at: opt(dateTime),
  last_client_activity: opt(dateTime),
  created_at: opt(dateTime),
  updated_at: opt(dateTime),
});

export const ProjectSchema = z.object({
  id,
  name: z.string(),
  description: opt(z.string()),
  status: opt(z.string()),
  type: opt(z.string()),
  client_id: opt(id),
  billable: opt(z.boolean()),
  created_at: opt(dateTime),
  updated_at: opt(dateTime),
});

export const TaskSchema = z.object({
  id,
  summary: z.string(),
  status: z.string(),
  project_id: opt(id),
  project_type: opt(z.string()),
  details: opt(z.string()),
  assignee_ids: z.array(id).nullable().default(null).transform((ids) => ids ?? []),
  lock_version: opt(count),
  global_todo_id: opt(id),
  integration_id: opt(id),
  remote_id: opt(z.string()),
  completed_at: opt(dateTime),
  due_at: opt(dateTime),
  created_at: opt(dateTime),
  updated_at: opt(dateTime),
});

export const ActivitySchema = z.object({
  id,
  date,
  time_slot: dateTime,
  starts_at: dateTime,
  user_id: id,
  project_id: opt(id),
  task_id: opt(id),
  tracked: count,
  keyboard: count,
  mouse: count,
  overall: count,
  input_tracked: opt(count),
  billable: z.boolean(),
  paid: opt(z.boolean()),
  tracks_input: opt(z.boolean()),
  immutable: opt(z.boolean()),
  timesheet_id: opt(id),
  timesheet_locked: opt(z.boolean()),
  time_type: opt(z.string()),
  client: opt(z.string()),
  created_at: opt(dateTime),
  updated_at: dateTime,
});

export const DailyActivitySchema = z.object({
  id,
  date,
  user_id: id,
  project_id: opt(id),
  task_id: opt(id),
  tracked: count,
  keyboard: count,
  mouse: count,
  overall: count,
  input_tracked: opt(count),
  manual: opt(count),
  idle: opt(count),
  resumed: opt(count),
  billable: opt(count), // seconds here, unlike Activity.billable (a boolean)
  work_break: opt(count),
  created_at: opt(dateTime),
  updated_at: opt(dateTime),
});

const TimeOffRequestDaySchema = z.object({
  date,
  amount_used: opt(count),
  starts_at: opt(dateTime),
  stops_at: opt(dateTime),
  holiday: opt(z.boolean()),
  paid: opt(z.boolean()),
});

export const TimeOffRequestSchema = z.object({
  id,
  user_id: id,
  time_off_policy_id: opt(id),
  status: z.string(),
  all_day: opt(z.boolean()),
  starts_at: dateTime,
  stops_at: dateTime,
  submitted_at: opt(dateTime),
  approved_at: opt(dateTime),
  denied_at: opt(dateTime),
  paid: opt(z.boolean()),
  amount_used: opt(count),
  message: opt(z.string()),
  response: opt(z.string()),
  // Swagger types this as one object but describes "individual work days": accept both.
  time_off_request_days: z
    .union([z.array(TimeOffRequestDaySchema), TimeOffRequestDaySchema.transform((d) => [d])])
    .nullable()
    .default(null)
    .transform((days) => days ?? []),
  created_at: opt(dateTime),
  updated_at: opt(dateTime),
});

/** Only what labels time off (its name); the accrual settings are not used. */
export const TimeOffPolicySchema = z.object({
  id,
  name: z.string(),
  status: opt(z.string()),
  paid: opt(z.boolean()),
  created_at: opt(dateTime),
  updated_at: opt(dateTime),
});

export type HubstaffUser = z.output<typeof UserSchema>;
export type HubstaffOrganization = z.output<typeof OrganizationSchema>;
export type HubstaffMember = z.output<typeof MemberSchema> & { user: HubstaffUser | null };
export type HubstaffProject = z.output<typeof ProjectSchema>;
export type HubstaffTask = z.output<typeof TaskSchema>;
export type HubstaffActivity = z.output<typeof ActivitySchema>;
export type HubstaffDailyActivity = z.output<typeof DailyActivitySchema>;
export type HubstaffTimeOffRequest = z.output<typeof TimeOffRequestSchema>;
export type HubstaffTimeOffPolicy = z.output<typeof TimeOffPolicySchema>;

export interface SkippedRecord {
  /** Position of the record in the page's list (or in `source` when that is set). */
  index: number;
  /** Why it was skipped, e.g. `user_id: Invalid input: expected number, received string`. */
  reason: string;
  /** The side-loaded list it came from (e.g. `users`), when it was not the page's main list. */
  source?: string;
}

/** The schema with zod's ahead-of-time compiled fast path (parsing is the ingest hot path). */
export function compiled<S extends z.ZodType>(schema: S): S {
  return z.compile(schema);
}

/** Parses each element on its own: failures become SkippedRecords, the rest are kept. */
export function parseRecords<T>(parser: z.ZodType<T>, list: readonly unknown[], source?: string): { records: T[]; skipped: SkippedRecord[] } {
  const records: T[] = [];
  const skipped: SkippedRecord[] = [];
  for (let index = 0; index < list.length; index++) {
    const result = parser.safeParse(list[index]);
    if (result.success) records.push(result.data);
    else skipped.push(source === undefined ? { index, reason: describeIssues(result.error) } : { index, reason: describeIssues(result.error), source });
  }
  return { records, skipped };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
