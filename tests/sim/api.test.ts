// API v2 behaviour of the simulator: pagination, array parameter forms, filters, range limits,
// access rules, error shapes, side-loads, late edits and daily/activity agreement.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from './index';
import type { ActivityJson, Simulator } from './index';
import { allPages, apiGet, call } from './test-helpers';

let sim: Simulator;
let token: string;
let org: number;
let foreignOrg: number;
const week = { 'time_slot[start]': '2024-06-03T00:00:00Z', 'time_slot[stop]': '2024-06-10T00:00:00Z' };

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, data: { membersPerOrg: 4, projectsPerOrg: 3, tasksPerProject: 5 } });
  token = sim.control.issueTokenPair().access_token;
  org = sim.control.myOrganizationIds()[0] as number;
  foreignOrg = (sim.control.organizations() as { id: number }[]).map((o) => o.id).find((id) => id !== org) as number;
});

afterAll(async () => {
  await sim.close();
});

describe('cursor pagination', () => {
  it('walks every activity of a week exactly once, in id order, with pagination only while rows remain', async () => {
    const expected = sim.control.activities({ orgId: org, from: week['time_slot[start]'], to: week['time_slot[stop]'] });
    expect(expected.length).toBeGreaterThan(250);
    const first = await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, page_limit: 100 });
    expect(first.json.activities).toHaveLength(100);
    expect(first.json.pagination.next_page_start_id).toBe(expected[100]?.id);
    const { rows, pages } = await allPages(sim, token, `/organizations/${org}/activities`, 'activities', { ...week, page_limit: 100 });
    expect(pages).toBe(Math.ceil(expected.length / 100));
    expect(rows.map((r) => r.id)).toEqual(expected.map((a) => a.id));
  });

  it('omits pagination on the last page, also when the last page is exactly full', async () => {
    const day = { 'time_slot[start]': '2024-06-04T00:00:00Z', 'time_slot[stop]': '2024-06-05T00:00:00Z' };
    const rows = sim.control.activities({ orgId: org, from: day['time_slot[start]'], to: day['time_slot[stop]'] });
    expect(rows.length).toBeGreaterThan(2);
    const exact = await apiGet(sim, token, `/organizations/${org}/activities`, { ...day, page_limit: rows.length });
    expect(exact.json.activities).toHaveLength(rows.length);
    expect(exact.json).not.toHaveProperty('pagination');
    const short = await apiGet(sim, token, `/organizations/${org}/activities`, { ...day, page_limit: rows.length - 1 });
    expect(short.json.pagination).toEqual({ next_page_start_id: rows[rows.length - 1]?.id });
    const last = await apiGet(sim, token, `/organizations/${org}/activities`, { ...day, page_limit: rows.length - 1, page_start_id: short.json.pagination.next_page_start_id });
    expect(last.json.activities).toHaveLength(1);
    expect(last.json).not.toHaveProperty('pagination');
  });

  it('treats page_start_id as inclusive', async () => {
    const expected = sim.control.activities({ orgId: org, from: week['time_slot[start]'], to: week['time_slot[stop]'] });
    const target = expected[7] as ActivityJson;
    const r = await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, page_start_id: target.id, page_limit: 2 });
    expect(r.json.activities.map((a: ActivityJson) => a.id)).toEqual([target.id, expected[8]?.id]);
  });

  it('defaults page_limit to 100 and rejects more than 500, zero, or non-integers with 400', async () => {
    const r = await apiGet(sim, token, `/organizations/${org}/activities`, week);
    expect(r.json.activities).toHaveLength(100);
    for (const bad of ['501', '0', 'ten']) {
      const e = await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, page_limit: bad });
      expect(e.status).toBe(400);
      expect(e.json).toMatchObject({ code: 'invalid_params', error_code: expect.any(Number), error: expect.stringContaining('page_limit') });
    }
    expect((await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, page_limit: 500 })).status).toBe(200);
  });
});

describe('array parameters', () => {
  it('accepts x[]=1&x[]=2, x=1&x=2 and x=1,2 alike', async () => {
    const users = (sim.control.members(org) as { user_id: number }[]).map((m) => m.user_id).slice(0, 2);
    const base = `${sim.apiUrl}/organizations/${org}/activities?time_slot[start]=${week['time_slot[start]']}&time_slot[stop]=${week['time_slot[stop]']}&page_limit=500`;
    const forms = [`${base}&user_ids[]=${users[0]}&user_ids[]=${users[1]}`, `${base}&user_ids=${users[0]}&user_ids=${users[1]}`, `${base}&user_ids=${users[0]},${users[1]}`];
    const results = await Promise.all(forms.map((u) => call(u, { token })));
    const ids = results.map((r) => r.json.activities.map((a: ActivityJson) => a.id));
    expect(ids[0].length).toBeGreaterThan(0);
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
    const all = results[0]?.json.activities as ActivityJson[];
    expect(new Set(all.map((a) => a.user_id))).toEqual(new Set(users));
  });

  it('rejects a non-integer id list and an unknown enum value with 400', async () => {
    expect((await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, user_ids: ['x'] })).status).toBe(400);
    expect((await apiGet(sim, token, `/organizations/${org}/tasks`, { status: ['open'] })).status).toBe(400);
    expect((await apiGet(sim, token, `/organizations/${org}/members`, { include: ['bananas'] })).status).toBe(400);
  });
});

describe('filters and side-loads', () => {
  it('filters activities by project and task', async () => {
    const some = sim.control.activities({ orgId: org, from: week['time_slot[start]'], to: week['time_slot[stop]'] }).find((a) => a.task_id !== null) as ActivityJson;
    const byProject = await allPages(sim, token, `/organizations/${org}/activities`, 'activities', { ...week, page_limit: 500, project_ids: [some.project_id] });
    expect(byProject.rows.length).toBe(sim.control.countActivities({ orgId: org, projectId: some.project_id, from: week['time_slot[start]'], to: week['time_slot[stop]'] }));
    expect(byProject.rows.every((a) => a.project_id === some.project_id)).toBe(true);
    const byTask = await allPages(sim, token, `/organizations/${org}/activities`, 'activities', { ...week, page_limit: 500, task_ids: [some.task_id as number] });
    expect(byTask.rows.length).toBeGreaterThan(0);
    expect(byTask.rows.every((a) => a.task_id === some.task_id)).toBe(true);
  });

  it('keeps time_slot[stop] exclusive', async () => {
    const a = sim.control.activities({ orgId: org })[0] as ActivityJson;
    const slot = Date.parse(a.time_slot);
    const at = (ms: number): string => new Date(ms).toISOString();
    const ids = async (start: number, stop: number): Promise<number[]> =>
      (await allPages(sim, token, `/organizations/${org}/activities`, 'activities', { 'time_slot[start]': at(start), 'time_slot[stop]': at(stop), page_limit: 500 })).rows.map((r) => r.id as number);
    expect(await ids(slot - 600_000, slot)).not.toContain(a.id);
    expect(await ids(slot, slot + 600_000)).toContain(a.id);
  });

  it('lists active tasks by default, filters by status[] and assignee, and side-loads users', async () => {
    const me = (sim.control.me() as { id: number }).id;
    const active = await allPages(sim, token, `/organizations/${org}/tasks`, 'tasks');
    expect(active.rows.every((t) => t.status === 'active')).toBe(true);
    expect(active.rows.length).toBe(sim.control.tasks({ orgId: org, status: ['active'] }).length);
    const mine = await apiGet(sim, token, `/organizations/${org}/tasks`, { status: ['active', 'completed'], user_ids: [me], include: ['users'] });
    expect(mine.json.tasks.length).toBe(sim.control.tasks({ orgId: org, assigneeId: me, status: ['active', 'completed'] }).length);
    expect(mine.json.tasks.every((t: { assignee_ids: number[] }) => t.assignee_ids.includes(me))).toBe(true);
    expect(mine.json.users.map((u: { id: number }) => u.id)).toContain(me);
  });

  it('follows createTask, completeTask and deleteTask through the status filter', async () => {
    const project = (sim.control.projects(org)[0] as { id: number }).id;
    const created = sim.control.createTask({ projectId: project, summary: 'Fresh to-do [45m]', assigneeIds: [(sim.control.me() as { id: number }).id] });
    const ids = async (status: string[]): Promise<unknown[]> => (await allPages(sim, token, `/projects/${project}/tasks`, 'tasks', { status })).rows.map((t) => t.id);
    expect(await ids(['active'])).toContain(created.id);
    const done = sim.control.completeTask(created.id as number);
    expect(done).toMatchObject({ status: 'completed', lock_version: 1 });
    expect(done.completed_at).toEqual(expect.any(String));
    expect(await ids(['active'])).not.toContain(created.id);
    expect(await ids(['completed'])).toContain(created.id);
    sim.control.deleteTask(created.id as number);
    expect(await ids(['deleted'])).toContain(created.id);
    expect(await ids(['active', 'completed'])).not.toContain(created.id);
  });

  it('side-loads users with members (include[]=users)', async () => {
    const r = await apiGet(sim, token, `/organizations/${org}/members`, { include: ['users'] });
    const userIds = r.json.users.map((u: { id: number }) => u.id).sort();
    expect(userIds).toEqual(r.json.members.map((m: { user_id: number }) => m.user_id).sort());
    const bare = await apiGet(sim, token, `/organizations/${org}/members`);
    expect(bare.json).not.toHaveProperty('users');
  });
});

describe('range limits', () => {
  it('requires both time_slot bounds and allows at most 7 days', async () => {
    expect((await apiGet(sim, token, `/organizations/${org}/activities`, { 'time_slot[start]': week['time_slot[start]'] })).status).toBe(400);
    const eight = await apiGet(sim, token, `/organizations/${org}/activities`, { 'time_slot[start]': '2024-06-03T00:00:00Z', 'time_slot[stop]': '2024-06-10T00:00:01Z' });
    expect(eight.status).toBe(400);
    expect(eight.json.error).toMatch(/7 days/);
    expect((await apiGet(sim, token, `/organizations/${org}/activities`, { 'time_slot[start]': 'yesterday', 'time_slot[stop]': week['time_slot[stop]'] })).status).toBe(400);
    const upd = await apiGet(sim, token, `/organizations/${org}/activities/updates`, { 'updated[start]': '2024-06-01T00:00:00Z', 'updated[stop]': '2024-06-09T00:00:00Z' });
    expect(upd.status).toBe(400);
  });

  it('allows 31 days of daily activities (stop inclusive) and rejects 32', async () => {
    expect((await apiGet(sim, token, `/organizations/${org}/activities/daily`, { 'date[start]': '2024-06-01', 'date[stop]': '2024-07-01' })).status).toBe(200);
    expect((await apiGet(sim, token, `/organizations/${org}/activities/daily`, { 'date[start]': '2024-06-01', 'date[stop]': '2024-07-02' })).status).toBe(400);
    expect((await apiGet(sim, token, `/organizations/${org}/activities/daily`, { 'date[start]': '2024-06-31', 'date[stop]': '2024-07-02' })).status).toBe(400);
  });

  it('includes the stop date of a daily range', async () => {
    const day = (sim.control.activities({ orgId: org })[0] as ActivityJson).date;
    const r = await allPages(sim, token, `/organizations/${org}/activities/daily`, 'daily_activities', { 'date[start]': day, 'date[stop]': day });
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((d) => d.date === day)).toBe(true);
  });
});

describe('daily activities agree with activities', () => {
  it('sums tracked per user, day, project and task', async () => {
    const acts = await allPages(sim, token, `/organizations/${org}/activities`, 'activities', { ...week, page_limit: 500 });
    const sums = new Map<string, number>();
    for (const a of acts.rows) {
      const k = `${a.user_id}|${a.date}|${a.project_id}|${a.task_id}`;
      sums.set(k, (sums.get(k) ?? 0) + (a.tracked as number));
    }
    const daily = await allPages(sim, token, `/organizations/${org}/activities/daily`, 'daily_activities', { 'date[start]': '2024-06-03', 'date[stop]': '2024-06-09', page_limit: 500 });
    const fromDaily = new Map(daily.rows.map((d) => [`${d.user_id}|${d.date}|${d.project_id}|${d.task_id}`, d.tracked as number]));
    expect(fromDaily).toEqual(sums);
  });

  it('reflects a late edit in activities/updates and in the daily row', async () => {
    const target = sim.control.activities({ orgId: org, from: '2024-06-04T00:00:00Z', to: '2024-06-05T00:00:00Z' }).find((a) => a.tracked === 600) as ActivityJson;
    const dailyBefore = sim.control.dailyActivities({ orgId: org, userId: target.user_id, from: target.date, to: target.date }).find((d) => d.project_id === target.project_id && d.task_id === target.task_id) as { id: number; tracked: number };
    const since = new Date(sim.control.now() - 1000).toISOString();
    sim.control.advanceClock(5000);
    const edited = sim.control.editActivity(target.id, { tracked: 300 });
    expect(edited.tracked).toBe(300);
    expect(edited.keyboard).toBeLessThanOrEqual(300);
    expect(Date.parse(edited.updated_at)).toBeGreaterThan(Date.parse(target.updated_at));
    const until = new Date(sim.control.now() + 60_000).toISOString();
    const upd = await allPages(sim, token, `/organizations/${org}/activities/updates`, 'activities', { 'updated[start]': since, 'updated[stop]': until });
    expect(upd.rows.map((a) => a.id)).toEqual([target.id]);
    const day = await allPages(sim, token, `/organizations/${org}/activities/daily`, 'daily_activities', { 'date[start]': target.date, 'date[stop]': target.date, user_ids: [target.user_id], project_ids: [target.project_id] });
    const row = day.rows.find((d) => d.id === dailyBefore.id) as { tracked: number };
    expect(row.tracked).toBe(dailyBefore.tracked - 300);
  });

  it('adds and deletes activities (deleted ones vanish everywhere)', async () => {
    const me = (sim.control.me() as { id: number }).id;
    const project = (sim.control.projects(org)[0] as { id: number }).id;
    const added = sim.control.addActivity({ userId: me, projectId: project, timeSlot: '2024-06-08T22:00:00Z', tracked: 420 });
    expect(added).toMatchObject({ user_id: me, project_id: project, tracked: 420, time_slot: '2024-06-08T22:00:00Z', task_id: null });
    expect(added.id).toBeGreaterThan(2 ** 31);
    const list = async (): Promise<unknown[]> => (await allPages(sim, token, `/organizations/${org}/activities`, 'activities', { 'time_slot[start]': '2024-06-08T22:00:00Z', 'time_slot[stop]': '2024-06-08T22:10:00Z' })).rows.map((a) => a.id);
    expect(await list()).toContain(added.id);
    expect(sim.control.deleteActivity(added.id)).toBe(true);
    expect(await list()).not.toContain(added.id);
    expect(() => sim.control.addActivity({ userId: me, projectId: project, timeSlot: '2024-06-08T22:05:00Z' })).toThrow(/aligned/);
  });
});

describe('access and errors', () => {
  it('answers 401 not_authorized without credentials and the OAuth 401 for a bad token', async () => {
    const none = await call(`${sim.apiUrl}/users/me`);
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ code: 'not_authorized', error_code: 10001, error: expect.any(String) });
    const bad = await call(`${sim.apiUrl}/users/me`, { token: 'not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ error: 'invalid_token', error_description: expect.any(String) });
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer .*error="invalid_token"/);
  });

  it('answers 403 for an organization I am not in and 404 for an unknown one', async () => {
    const forbidden = await apiGet(sim, token, `/organizations/${foreignOrg}/activities`, week);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json).toMatchObject({ code: 'forbidden', error_code: expect.any(Number) });
    const missing = await apiGet(sim, token, '/organizations/1/activities', week);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: 'not_found', error_code: expect.any(Number), error: expect.any(String) });
  });

  it('puts a correlation id on every response and echoes a valid client one', async () => {
    const a = await call(`${sim.apiUrl}/users/me`, { token });
    const b = await call(`${sim.apiUrl}/nope`, { token, headers: { 'X-Request-Id': 'client-abc-123' } });
    expect(a.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.status).toBe(404);
    expect(b.headers.get('x-request-id')).toBe('client-abc-123');
    const logged = sim.requests.find((e) => e.correlationId === 'client-abc-123');
    expect(logged).toMatchObject({ method: 'GET', path: '/v2/nope', status: 404, authorization: 'bearer' });
  });

  it('lets an organization token act as its member in its own organization only', async () => {
    const hsoat = sim.control.issueOrganizationToken(org);
    expect(hsoat).toMatch(/^hsoat_/);
    const orgs = await apiGet(sim, hsoat, '/organizations');
    expect(orgs.json.organizations.map((o: { id: number }) => o.id)).toEqual([org]);
    expect((await apiGet(sim, hsoat, '/users/me')).json.user.id).toBe((sim.control.me() as { id: number }).id);
    expect((await apiGet(sim, hsoat, `/organizations/${org}/activities`, week)).status).toBe(200);
  });

  it('shows a plain user only their own activities and time off', async () => {
    const plain = (sim.control.members(org) as { user_id: number; membership_role: string }[]).find((m) => m.membership_role === 'user');
    const userId = plain?.user_id ?? (sim.control.addMember({ orgId: org, name: 'Plain Person', role: 'user' }).user_id as number);
    const t = sim.control.issueTokenPair(userId).access_token;
    const acts = await allPages(sim, t, `/organizations/${org}/activities`, 'activities', { ...week, page_limit: 500 });
    expect(acts.rows.every((a) => a.user_id === userId)).toBe(true);
    expect(acts.rows.length).toBe(sim.control.countActivities({ orgId: org, userId, from: week['time_slot[start]'], to: week['time_slot[stop]'] }));
    const off = await allPages(sim, t, `/organizations/${org}/time_off_requests`, 'time_off_requests');
    expect(off.rows.every((r) => r.user_id === userId)).toBe(true);
  });

  it('filters time off requests by starts_at range and user', async () => {
    const me = (sim.control.me() as { id: number }).id;
    const added = sim.control.addTimeOffRequest({ userId: me, orgId: org, from: '2024-07-01', to: '2024-07-02' });
    expect((added.time_off_request_days as unknown[]).length).toBe(2);
    const r = await allPages(sim, token, `/organizations/${org}/time_off_requests`, 'time_off_requests', { 'starts_at[start]': '2024-06-30T00:00:00Z', 'starts_at[stop]': '2024-07-03T00:00:00Z', user_ids: [me] });
    expect(r.rows.map((x) => x.id)).toEqual([added.id]);
  });
});

describe('control over HTTP', () => {
  it('runs control methods from a JSON argument list and reports errors as 400', async () => {
    const post = (name: string, body: unknown): Promise<{ status: number; json: { result?: unknown; error?: string } }> =>
      call(`${sim.baseUrl}/__control/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const pat = await post('issuePersonalAccessToken', []);
    expect(pat.status).toBe(200);
    expect(typeof pat.json.result).toBe('string');
    const hsoat = await post('issueOrganizationToken', [org]);
    expect(String(hsoat.json.result)).toMatch(/^hsoat_/);
    const summary = await call(`${sim.baseUrl}/__control/summary`);
    expect(summary.json.result.organizations).toBe(2);
    const bad = await post('editActivity', [1, { tracked: 10 }]);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/unknown activity/);
    expect((await post('state', [])).status).toBe(404);
    const before = sim.requests.length;
    await call(`${sim.baseUrl}/__control/requests`);
    expect(sim.requests.length).toBe(before);
  });
});

describe('history limits (opt-in)', () => {
  it('rejects activity ranges older than Hubstaff keeps them, relative to the clock', async () => {
    const s = await startSimulator({ historyLimits: true, clock: () => Date.parse('2024-06-20T12:00:00Z') });
    try {
      const t = s.control.issueTokenPair().access_token;
      const o = s.control.myOrganizationIds()[0] as number;
      const recent = await apiGet(s, t, `/organizations/${o}/activities`, week);
      expect(recent.status).toBe(200);
      const old = await apiGet(s, t, `/organizations/${o}/activities`, { 'time_slot[start]': '2023-11-01T00:00:00Z', 'time_slot[stop]': '2023-11-02T00:00:00Z' });
      expect(old.status).toBe(400);
      const oldUpdates = await apiGet(s, t, `/organizations/${o}/activities/updates`, { 'updated[start]': '2024-04-01T00:00:00Z', 'updated[stop]': '2024-04-02T00:00:00Z' });
      expect(oldUpdates.status).toBe(400);
    } finally {
      await s.close();
    }
  });
});
