import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ActivitySchema,
  DailyActivitySchema,
  MemberSchema,
  OrganizationSchema,
  ProjectSchema,
  TaskSchema,
  TimeOffRequestSchema,
  UserSchema,
  compiled,
  parseRecords,
} from '../../../../../src/main/core/providers/hubstaff/schemas';

// Samples as in shared/reference/hubstaff-hubspot-api.md §3.
const activity = () => ({
  id: 123456789, date: '2024-06-20', created_at: '2024-06-20T14:20:05.000000Z', updated_at: '2024-06-20T14:20:05.123456Z',
  time_slot: '2024-06-20T14:10:00Z', starts_at: '2024-06-20T14:10:46Z', user_id: 651956, project_id: 841201, task_id: null,
  keyboard: 120, mouse: 300, overall: 360, tracked: 554, input_tracked: 554, tracks_input: true, billable: true, paid: false,
  client_invoiced: false, team_invoiced: false, immutable: false, timesheet_id: null, timesheet_locked: false,
  time_type: 'normal', client: 'windows',
});

describe('ActivitySchema', () => {
  const schema = compiled(ActivitySchema);

  it('parses the reference sample, normalizing timestamps to ms precision', () => {
    const r = schema.parse(activity());
    expect(r).toMatchObject({ id: 123456789, task_id: null, billable: true, tracked: 554 });
    expect(r.updated_at).toBe('2024-06-20T14:20:05.123Z');
    expect(r.time_slot).toBe('2024-06-20T14:10:00.000Z');
  });

  it('drops unknown fields and turns omitted optional fields into null', () => {
    const { timesheet_id: _t, time_type: _tt, client: _c, paid: _p, ...rest } = activity();
    const r = schema.parse({ ...rest, brand_new_field: { x: 1 } });
    expect(r).not.toHaveProperty('brand_new_field');
    expect(r).toMatchObject({ timesheet_id: null, time_type: null, client: null, paid: null });
  });

  it('rejects a wrong type or a missing required field', () => {
    expect(schema.safeParse({ ...activity(), tracked: '554' }).success).toBe(false);
    const { user_id: _u, ...noUser } = activity();
    expect(schema.safeParse(noUser).success).toBe(false);
    expect(schema.safeParse({ ...activity(), starts_at: 'whenever' }).success).toBe(false);
    expect(schema.safeParse({ ...activity(), date: '2024-06-31' }).success).toBe(false);
  });

  it('agrees with the uncompiled schema', () => {
    const inputs = [activity(), { ...activity(), id: 'x' }, { ...activity(), project_id: undefined }, null, 42];
    for (const input of inputs) {
      expect(schema.safeParse(input).success).toBe(ActivitySchema.safeParse(input).success);
    }
  });
});

describe('parseRecords', () => {
  it('keeps the good records and counts each bad one with its index and reason', () => {
    const list = [activity(), { ...activity(), id: 'not-a-number' }, activity(), null, { ...activity(), keyboard: undefined }];
    const { records, skipped } = parseRecords(compiled(ActivitySchema), list);
    expect(records).toHaveLength(2);
    expect(skipped.map((s) => s.index)).toEqual([1, 3, 4]);
    expect(skipped[0]!.reason).toMatch(/^id: /);
    expect(skipped[2]!.reason).toMatch(/^keyboard: /);
  });
  it('tags side-loaded lists with their source', () => {
    const { skipped } = parseRecords(OrganizationSchema, [{ id: 1 }], 'users');
    expect(skipped).toEqual([{ index: 0, reason: expect.stringMatching(/^name: /), source: 'users' }]);
  });
});

describe('other record schemas', () => {
  it('DailyActivity: billable is seconds', () => {
    const r = DailyActivitySchema.parse({
      id: 777, date: '2024-06-20', user_id: 1, project_id: 2, task_id: null, keyboard: 5400, mouse: 9000, overall: 12000,
      tracked: 14400, input_tracked: 14400, manual: 0, idle: 300, resumed: 0, billable: 14400, work_break: 0,
      created_at: '2024-06-20T09:00:00.000000Z', updated_at: '2024-06-20T17:00:00.000000Z',
    });
    expect(r.billable).toBe(14400);
    expect(DailyActivitySchema.safeParse({ ...r, billable: true }).success).toBe(false);
  });
  it('Member: trackable may be a string or a bare boolean', () => {
    const base = { user_id: 5, membership_role: 'user', created_at: '2023-01-05T09:00:00.000000Z' };
    expect(MemberSchema.parse({ ...base, trackable: 'viewer' }).trackable).toBe('viewer');
    expect(MemberSchema.parse({ ...base, trackable: false }).trackable).toBe('false');
    expect(MemberSchema.parse(base).trackable).toBeNull();
  });
  it('Task: assignee_ids null or omitted becomes []', () => {
    const base = { id: 9001, summary: 'Write report', status: 'active', project_id: 841201 };
    expect(TaskSchema.parse(base).assignee_ids).toEqual([]);
    expect(TaskSchema.parse({ ...base, assignee_ids: null }).assignee_ids).toEqual([]);
    expect(TaskSchema.parse({ ...base, assignee_ids: [1, 2] }).assignee_ids).toEqual([1, 2]);
  });
  it('TimeOffRequest: days as an array or a single object', () => {
    const base = { id: 1, user_id: 2, status: 'approved', starts_at: '2024-06-20T09:00:00Z', stops_at: '2024-06-20T17:00:00Z' };
    const day = { date: '2024-06-20', amount_used: 28800 };
    expect(TimeOffRequestSchema.parse({ ...base, time_off_request_days: [day] }).time_off_request_days).toHaveLength(1);
    expect(TimeOffRequestSchema.parse({ ...base, time_off_request_days: day }).time_off_request_days).toHaveLength(1);
    expect(TimeOffRequestSchema.parse(base).time_off_request_days).toEqual([]);
  });
});

describe('schemas against Hubstaff’s Swagger (tests/sim/fixtures)', () => {
  interface Def {
    required?: string[];
    properties: Record<string, unknown>;
  }
  const swagger = JSON.parse(readFileSync(new URL('../../../../sim/fixtures/hubstaff-v2-swagger.json', import.meta.url), 'utf8')) as {
    definitions: Record<string, Def>;
  };
  const pairs = [
    ['User', UserSchema],
    ['Organization', OrganizationSchema],
    ['OrganizationMember', MemberSchema],
    ['Project', ProjectSchema],
    ['Task', TaskSchema],
    ['Activity', ActivitySchema],
    ['DailyActivity', DailyActivitySchema],
    ['TimeOffRequest', TimeOffRequestSchema],
  ] as const;

  it.each(pairs)('%s: every field we read exists, and every field we require is required there', (name, schema) => {
    const def = swagger.definitions[name]!;
    const ours = Object.keys(schema.shape);
    expect(ours.filter((k) => !(k in def.properties))).toEqual([]);
    const weRequire = ours.filter((k) => isRequired(schema, k));
    expect(weRequire.filter((k) => !(def.required ?? []).includes(k))).toEqual([]);
  });

  function isRequired(schema: (typeof pairs)[number][1], key: string): boolean {
    const field = (schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key]!;
    return !field.safeParse(undefined).success;
  }
});
