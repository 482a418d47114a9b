// Every simulated endpoint's 200 body is validated against Hubstaff's own Swagger 2.0 document
// (fixtures/hubstaff-v2-swagger.json, MIT), with draft-04 JSON Schema. Definitions are closed
// (additionalProperties: false) so the simulator cannot invent fields. Adjustments, each
// because Swagger 2.0 cannot say it or the document is known to be off (reference §3.9):
//   - null is allowed where a property is optional, and for Activity/DailyActivity.task_id;
//   - TimeOffRequest.time_off_request_days is an array of TimeOffRequestDay;
//   - two malformed type names ("Array[String]", "s") are read as array-of-string and string.
// Pagination and side-loads are not in the Swagger: the envelope checks add them.
// The write endpoints (PUT /v2/tasks/{id}, POST /v2/projects/{id}/tasks, POST
// /v2/users/{id}/time_entries) are checked both ways: the request bodies we send must match the
// operation's body schema (closed, so no undeclared field), and the answer's status must be one
// the operation declares, with its schema (or, for 201 time entries, which has none, the
// documented {success: true}). Only 409 for a stale lock_version is not declared (writes.ts).

import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from './index';
import type { Simulator } from './index';
import { apiGet, apiSend } from './test-helpers';
import { TEST_NOW_MS } from '../helpers/clock';

type Schema = Record<string, unknown>;
interface SwaggerParam {
  name: string;
  in: string;
  type?: string;
  schema?: Schema;
}
interface SwaggerOp {
  parameters?: SwaggerParam[];
  responses: Record<string, { schema?: Schema; description?: string }>;
  description?: string;
}
interface Swagger {
  paths: Record<string, Partial<Record<'get' | 'put' | 'post' | 'delete', SwaggerOp>>>;
  definitions: Record<string, Schema>;
}

const swagger = JSON.parse(readFileSync(new URL('./fixtures/hubstaff-v2-swagger.json', import.meta.url), 'utf8')) as Swagger;
const NULLABLE_REQUIRED: Record<string, string[]> = { Activity: ['task_id'], DailyActivity: ['task_id'] };

function fixTypes(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  const o = node as Schema;
  if (o.type === 'Array[String]') {
    o.type = 'array';
    o.items = { type: 'string' };
  } else if (o.type === 's') {
    o.type = 'string';
  }
  for (const v of Object.values(o)) fixTypes(v);
}

function patchedDefinitions(): Record<string, Schema> {
  const defs = structuredClone(swagger.definitions);
  fixTypes(defs);
  const tor = defs.TimeOffRequest?.properties as Record<string, Schema>;
  tor.time_off_request_days = { type: 'array', items: { $ref: '#/definitions/TimeOffRequestDay' } };
  const close = (def: Schema, name: string): void => {
    const props = def.properties as Record<string, Schema> | undefined;
    if (!props) return;
    const required = new Set((def.required as string[] | undefined) ?? []);
    for (const [key, prop] of Object.entries(props)) {
      if (prop.type === 'object') close(prop, `${name}.${key}`);
      if (!required.has(key) || NULLABLE_REQUIRED[name]?.includes(key)) props[key] = { anyOf: [prop, { type: 'null' }] };
    }
    def.additionalProperties = false;
  };
  for (const [name, def] of Object.entries(defs)) close(def, name);
  return defs;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const definitions = patchedDefinitions();

/** The Swagger's 200 schema for a path, plus the envelope the reference adds. */
function validatorFor(template: string, key: string, sideLoads: Record<string, string> = {}): (body: unknown) => string[] {
  const op = swagger.paths[template]?.get;
  const schema = op?.responses['200']?.schema;
  if (!op) throw new Error(`no GET ${template}`);
  if (!schema) throw new Error(`no 200 schema for ${template}`);
  const envelope: Schema = {
    definitions,
    allOf: [
      schema,
      {
        type: 'object',
        required: [key],
        properties: {
          pagination: { type: 'object', required: ['next_page_start_id'], properties: { next_page_start_id: { type: 'integer' } }, additionalProperties: false },
          ...Object.fromEntries(Object.entries(sideLoads).map(([k, def]) => [k, { type: 'array', items: { $ref: `#/definitions/${def}` } }])),
        },
      },
    ],
  };
  const validate = ajv.compile(envelope);
  return (body) => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}

/** Every query parameter we send must be one the Swagger declares for that path. */
function assertDeclared(template: string, params: Record<string, unknown>): void {
  const declared = new Set((swagger.paths[template]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of Object.keys(params)) expect(declared, `${template} declares ${name}`).toContain(name);
}

type Method = 'put' | 'post';

function operation(template: string, method: Method): SwaggerOp {
  const op = swagger.paths[template]?.[method];
  if (!op) throw new Error(`the Swagger has no ${method.toUpperCase()} ${template}`);
  return op;
}

/** The operation's body schema, checked against what we send (closed definitions: nothing undeclared). */
function requestValidator(template: string, method: Method): (body: unknown) => string[] {
  const param = operation(template, method).parameters?.find((p) => p.in === 'body');
  if (!param?.schema) throw new Error(`no body parameter for ${method.toUpperCase()} ${template}`);
  const validate = ajv.compile({ definitions, ...param.schema });
  return (body) => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}

/** The declared schema for one status of a write operation (the main key required). */
function responseValidator(template: string, method: Method, status: number, key: string): (body: unknown) => string[] {
  const schema = operation(template, method).responses[String(status)]?.schema;
  if (!schema) throw new Error(`no ${status} schema for ${method.toUpperCase()} ${template}`);
  const validate = ajv.compile({ definitions, allOf: [schema, { type: 'object', required: [key], additionalProperties: false, properties: { [key]: {} } }] });
  return (body) => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
}

const errorValidator = (() => {
  const validate = ajv.compile({ definitions, allOf: [{ $ref: '#/definitions/Hubstaff_Public_V2_Entities_Error' }, { required: ['error_code'] }] });
  return (body: unknown): string[] => (validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
})();

let sim: Simulator;
let token: string;
let org: number;
let project: number;
let task: number;
let timeOff: number;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3, data: { archivedProjectsPerOrg: 1, timeOffRequestsPerMember: 2 } });
  token = sim.control.issueTokenPair().access_token;
  org = sim.control.myOrganizationIds()[0] as number;
  const p = sim.control.projects(org)[0] as { id: number };
  project = p.id;
  task = (sim.control.tasks({ orgId: org })[0] as { id: number }).id;
  timeOff = (sim.control.timeOffRequests(org)[0] as { id: number }).id;
});

afterAll(async () => {
  await sim.close();
});

describe('responses match the Hubstaff Swagger definitions', () => {
  const week = { 'time_slot[start]': '2024-06-03T00:00:00Z', 'time_slot[stop]': '2024-06-10T00:00:00Z' };
  const updated = { 'updated[start]': '2024-06-03T00:00:00Z', 'updated[stop]': '2024-06-10T00:00:00Z' };
  const month = { 'date[start]': '2024-06-01', 'date[stop]': '2024-06-30' };
  const cases: { template: string; path: () => string; key: string; params?: Record<string, string | number | string[]>; side?: Record<string, string>; min?: number }[] = [
    { template: '/v2/users/me', path: () => '/users/me', key: 'user' },
    { template: '/v2/organizations', path: () => '/organizations', key: 'organizations', min: 1 },
    { template: '/v2/organizations/{organization_id}', path: () => `/organizations/${org}`, key: 'organization' },
    { template: '/v2/organizations/{organization_id}/members', path: () => `/organizations/${org}/members`, key: 'members', params: { include: ['users', 'projects'] }, side: { users: 'User', projects: 'Project' }, min: 3 },
    { template: '/v2/organizations/{organization_id}/projects', path: () => `/organizations/${org}/projects`, key: 'projects', params: { status: 'all', include: ['clients'] }, side: { clients: 'Client' }, min: 4 },
    { template: '/v2/projects/{project_id}', path: () => `/projects/${project}`, key: 'project' },
    { template: '/v2/organizations/{organization_id}/tasks', path: () => `/organizations/${org}/tasks`, key: 'tasks', params: { status: ['active', 'completed'], include: ['users', 'projects'] }, side: { users: 'User', projects: 'Project' }, min: 1 },
    { template: '/v2/projects/{project_id}/tasks', path: () => `/projects/${project}/tasks`, key: 'tasks', params: { include: ['users'] }, side: { users: 'User' } },
    { template: '/v2/tasks/{task_id}', path: () => `/tasks/${task}`, key: 'task' },
    { template: '/v2/organizations/{organization_id}/activities', path: () => `/organizations/${org}/activities`, key: 'activities', params: { ...week, page_limit: 500, include: ['users', 'projects', 'tasks'] }, side: { users: 'User', projects: 'Project', tasks: 'Task' }, min: 100 },
    { template: '/v2/organizations/{organization_id}/activities/updates', path: () => `/organizations/${org}/activities/updates`, key: 'activities', params: { ...updated, include: ['tasks'] }, side: { tasks: 'Task' }, min: 1 },
    { template: '/v2/projects/{project_id}/activities', path: () => `/projects/${project}/activities`, key: 'activities', params: { ...week, include: ['users', 'tasks'] }, side: { users: 'User', tasks: 'Task' } },
    { template: '/v2/organizations/{organization_id}/activities/daily', path: () => `/organizations/${org}/activities/daily`, key: 'daily_activities', params: { ...month, include: ['users', 'projects', 'tasks'] }, side: { users: 'User', projects: 'Project', tasks: 'Task' }, min: 10 },
    { template: '/v2/organizations/{organization_id}/activities/daily/updates', path: () => `/organizations/${org}/activities/daily/updates`, key: 'daily_activities', params: { 'updated[start]': '2024-06-01T00:00:00Z', 'updated[stop]': '2024-06-30T00:00:00Z' }, min: 1 },
    { template: '/v2/projects/{project_id}/activities/daily', path: () => `/projects/${project}/activities/daily`, key: 'daily_activities', params: month },
    { template: '/v2/organizations/{organization_id}/time_off_requests', path: () => `/organizations/${org}/time_off_requests`, key: 'time_off_requests', params: { include: ['users', 'time_off_policies'] }, side: { users: 'User', time_off_policies: 'TimeOffPolicy' }, min: 6 },
    { template: '/v2/time_off_requests/{time_off_request_id}', path: () => `/time_off_requests/${timeOff}`, key: 'time_off_request' },
    { template: '/v2/organizations/{organization_id}/time_off_policies', path: () => `/organizations/${org}/time_off_policies`, key: 'time_off_policies', min: 1 },
  ];

  for (const c of cases) {
    it(`GET ${c.template}`, async () => {
      assertDeclared(c.template, c.params ?? {});
      const r = await apiGet(sim, token, c.path(), c.params ?? {});
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(validatorFor(c.template, c.key, c.side)(r.body)).toEqual([]);
      const main = r.json[c.key];
      if (Array.isArray(main)) expect(main.length).toBeGreaterThanOrEqual(c.min ?? 0);
      for (const side of Object.keys(c.side ?? {})) expect(Array.isArray(r.json[side]), `${side} side-loaded`).toBe(true);
    });
  }

  it('catches a record that breaks the schema (the check is not vacuous)', async () => {
    const template = '/v2/organizations/{organization_id}/activities';
    for (const rule of [{ field: 'tracked' }, { field: 'billable', mode: 'missing_field' as const }]) {
      sim.control.injectFaults({ kind: 'bad_records', nth: 1, ...rule });
      const r = await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, page_limit: 3 });
      expect(validatorFor(template, 'activities')(r.body).join('\n')).toMatch(/\/activities\/0/);
      sim.control.clearFaults();
    }
    const extra = await apiGet(sim, token, '/users/me');
    extra.json.user.nickname = 'not in the Swagger';
    expect(validatorFor('/v2/users/me', 'user')(extra.body).join()).toMatch(/additional/);
  });

  it('uses microsecond UTC timestamps for date-time fields and whole seconds for time slots', async () => {
    const r = await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, page_limit: 5 });
    const a = r.json.activities[0];
    expect(a.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(a.time_slot).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:[0-5]0:00Z$/);
    expect(a.date).toBe(a.time_slot.slice(0, 10));
  });

  it('error bodies match Hubstaff_Public_V2_Entities_Error (with error_code)', async () => {
    const validate = ajv.compile({ definitions, allOf: [{ $ref: '#/definitions/Hubstaff_Public_V2_Entities_Error' }, { required: ['error_code'] }] });
    const foreign = (sim.control.organizations() as { id: number }[]).find((o) => !sim.control.myOrganizationIds().includes(o.id)) as { id: number };
    const replies = await Promise.all([
      apiGet(sim, token, `/organizations/${org}/activities`, {}), // 400: time_slot missing
      apiGet(sim, token, `/organizations/${foreign.id}/projects`), // 403
      apiGet(sim, token, '/organizations/999999/projects'), // 404
      apiGet(sim, '', '/users/me'), // 401 without credentials
    ]);
    expect(replies.map((r) => r.status)).toEqual([400, 403, 404, 401]);
    for (const r of replies) expect(validate(r.body), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('write endpoints match the Hubstaff Swagger operations', () => {
  const TASK = '/v2/tasks/{task_id}';
  const PROJECT_TASKS = '/v2/projects/{project_id}/tasks';
  const TIME_ENTRIES = '/v2/users/{user_id}/time_entries';

  /** Sends a body after checking it against the operation's body schema. */
  async function send(method: Method, template: string, path: string, body: Record<string, unknown>, bearer = token) {
    expect(requestValidator(template, method)(body), `${method.toUpperCase()} ${template} request body`).toEqual([]);
    return apiSend(sim, bearer, method.toUpperCase(), path, body);
  }

  /** The answer's status is declared by the operation (409 is the one documented exception). */
  function expectDeclared(template: string, method: Method, status: number): void {
    if (status === 409) return;
    expect(Object.keys(operation(template, method).responses), `${method.toUpperCase()} ${template} declares ${status}`).toContain(String(status));
  }

  it('PUT /v2/tasks/{task_id}: the update body in, {"task": Task} out, lock_version moved', async () => {
    const before = (await apiGet(sim, token, `/tasks/${task}`)).json.task;
    const r = await send('put', TASK, `/tasks/${task}`, { lock_version: before.lock_version, status: before.status === 'completed' ? 'active' : 'completed', summary: 'Checked against the Swagger' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectDeclared(TASK, 'put', r.status);
    expect(responseValidator(TASK, 'put', 200, 'task')(r.body)).toEqual([]);
    expect(r.json.task).toMatchObject({ id: task, summary: 'Checked against the Swagger', lock_version: before.lock_version + 1 });
  });

  it('PUT /v2/tasks/{task_id} with every optional field the Swagger declares', async () => {
    const before = (await apiGet(sim, token, `/tasks/${task}`)).json.task;
    const me = (sim.control.me() as { id: number }).id;
    const r = await send('put', TASK, `/tasks/${task}`, { lock_version: before.lock_version, assignee_id: me, assignee_ids: [me], pay_rate: 20.5, bill_rate: 40, metadata: [{ key: 'source', value: 'stint' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(responseValidator(TASK, 'put', 200, 'task')(r.body)).toEqual([]);
    expect(r.json.task).toMatchObject({ assignee_ids: [me], pay_rate: 20.5, bill_rate: 40, metadata: { source: 'stint' } });
  });

  it('POST /v2/projects/{project_id}/tasks: the create body in, 200 {"task": Task} out', async () => {
    const me = (sim.control.me() as { id: number }).id;
    const r = await send('post', PROJECT_TASKS, `/projects/${project}/tasks`, { summary: 'Created through the API', assignee_ids: [me] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectDeclared(PROJECT_TASKS, 'post', r.status);
    expect(responseValidator(PROJECT_TASKS, 'post', 200, 'task')(r.body)).toEqual([]);
    expect(r.json.task).toMatchObject({ summary: 'Created through the API', status: 'active', project_id: project, assignee_ids: [me], lock_version: 0, integration_id: null });
  });

  it('POST /v2/users/{user_id}/time_entries: the create body in, 201 {"success": true} out, with no id', async () => {
    const me = (sim.control.me() as { id: number }).id;
    const op = operation(TIME_ENTRIES, 'post');
    expect(op.responses['201']).toBeDefined();
    expect(op.description).toMatch(/Returns \{success: true\}/);
    const r = await send('post', TIME_ENTRIES, `/users/${me}/time_entries`, { project_id: project, start_time: '2024-06-05T09:05:00Z', tracked: 1800, task_id: task, billable: true, note: 'Swagger check' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expectDeclared(TIME_ENTRIES, 'post', r.status);
    expect(r.body).toEqual({ success: true });
  });

  it('answers refusals with the Swagger error body, at statuses the operations declare (409 aside)', async () => {
    const me = (sim.control.me() as { id: number }).id;
    const fresh = (await apiGet(sim, token, `/tasks/${task}`)).json.task;
    const integrated = sim.control.createTask({ projectId: project, summary: 'From Jira', integrationId: 7 }) as { id: number; lock_version: number };
    sim.control.setOrganizationSettings(org, { requireReason: true, manualTimeApproval: false });
    const entry = { project_id: project, start_time: '2024-06-05T11:00:00Z', tracked: 600 };
    const replies: [string, Method, Awaited<ReturnType<typeof send>>][] = [
      [TASK, 'put', await send('put', TASK, `/tasks/${task}`, { lock_version: fresh.lock_version - 1, status: 'completed' })],
      [TASK, 'put', await send('put', TASK, `/tasks/${integrated.id}`, { lock_version: integrated.lock_version, status: 'completed' })],
      [TASK, 'put', await apiSend(sim, token, 'PUT', `/tasks/${task}`, { status: 'completed' })], // lock_version missing
      [TIME_ENTRIES, 'post', await send('post', TIME_ENTRIES, `/users/${me}/time_entries`, entry)], // note required
    ];
    sim.control.setProjectIntegration(project, 7, { tasks: false });
    replies.push([PROJECT_TASKS, 'post', await send('post', PROJECT_TASKS, `/projects/${project}/tasks`, { summary: 'Not here' })]);
    sim.control.setProjectIntegration(project, null, { tasks: false });
    sim.control.setOrganizationSettings(org, { manualTimeApproval: true });
    replies.push([TIME_ENTRIES, 'post', await send('post', TIME_ENTRIES, `/users/${me}/time_entries`, { ...entry, note: 'needs approval' })]);
    sim.control.setOrganizationSettings(org, { manualTimeApproval: false });
    expect(replies.map(([, , r]) => r.status)).toEqual([409, 403, 400, 400, 403, 403]);
    for (const [template, method, r] of replies) {
      expectDeclared(template, method, r.status);
      expect(errorValidator(r.body), JSON.stringify(r.body)).toEqual([]);
    }
  });

  it('catches a request body or an answer the Swagger does not allow (the checks are not vacuous)', async () => {
    expect(requestValidator(PROJECT_TASKS, 'post')({ assignee_ids: [1] }).join()).toMatch(/summary/);
    expect(requestValidator(PROJECT_TASKS, 'post')({ summary: 'x', details: 'not declared' }).join()).toMatch(/additional/);
    expect(requestValidator(TASK, 'put')({ status: 'completed' }).join()).toMatch(/lock_version/);
    expect(requestValidator(TASK, 'put')({ lock_version: 1, status: 'deleted' }).join()).toMatch(/allowed values/);
    expect(requestValidator(TIME_ENTRIES, 'post')({ project_id: 1, start_time: '2024-06-05T09:00:00Z' }).join()).toMatch(/tracked/);
    expect(requestValidator(TIME_ENTRIES, 'post')({ project_id: 1, start_time: 'yesterday', tracked: 60 }).join()).toMatch(/date-time/);
    const r = await apiGet(sim, token, `/tasks/${task}`);
    expect(responseValidator(TASK, 'put', 200, 'task')({ ...r.json, task: { ...r.json.task, lock_version: 'one' } }).join()).toMatch(/lock_version/);
    expect(responseValidator(TASK, 'put', 200, 'task')({ ...r.json, extra: true }).join()).toMatch(/additional/);
  });

  it('answers the real rate limit with the Swagger error body and Retry-After', async () => {
    const s = await startSimulator({ seed: 3, rateLimitPerHour: 2, clock: () => TEST_NOW_MS });
    try {
      const t = s.control.issueTokenPair().access_token;
      for (let i = 0; i < 2; i++) expect((await apiGet(s, t, '/users/me')).status).toBe(200);
      const r = await apiGet(s, t, '/users/me');
      expect(r.status).toBe(429);
      expect(Object.keys(operation('/v2/users/{user_id}/time_entries', 'post').responses)).toContain('429');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(errorValidator(r.body)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
