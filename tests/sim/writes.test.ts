// The write endpoints over real HTTP: completing and reopening to-dos with lock_version (moves
// on every change, a stale one is answered 409), third-party to-dos and projects refused,
// creating to-dos, and manual time entries (201 {"success": true} with no id) that show up in
// activities, activities/updates and the daily totals' `manual` seconds; organizations with
// "Require reason" and with approval-required manual time.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from './index';
import type { ActivityJson, Simulator } from './index';
import { apiGet, apiSend, call } from './test-helpers';
import { DAY_MS, HOUR_MS, isoDate, isoSeconds } from './time';
import { TEST_NOW_MS } from '../helpers/clock';

interface TaskJson {
  id: number;
  status: string;
  summary: string;
  lock_version: number;
  project_id: number;
  assignee_ids: number[];
  integration_id: number | null;
  remote_id: string | null;
  completed_at: string | null;
  updated_at: string;
}

let sim: Simulator;
let token: string;
let me: number;
let org: number;
let project: number;
let otherProject: number;
let foreignTask: number;
/** UTC midnight of the day before the test instant (time entries go there: always in the past, on one UTC date). */
const yesterday = Math.floor(TEST_NOW_MS / DAY_MS) * DAY_MS - DAY_MS;

beforeAll(async () => {
  sim = await startSimulator({
    seed: 21,
    clock: () => TEST_NOW_MS,
    historyLimits: true,
    data: { membersPerOrg: 4, activities: { from: isoDate(yesterday - 2 * DAY_MS), to: isoDate(yesterday), density: 0.4, notAfter: isoSeconds(TEST_NOW_MS) } },
  });
  token = sim.control.issueTokenPair().access_token;
  me = (sim.control.me() as { id: number }).id;
  org = sim.control.myOrganizationIds()[0] as number;
  const projects = sim.control.projects(org) as { id: number }[];
  project = (projects[0] as { id: number }).id;
  otherProject = (projects[1] as { id: number }).id;
  const foreignOrg = (sim.control.organizations() as { id: number }[]).find((o) => o.id !== org) as { id: number };
  foreignTask = (sim.control.tasks({ orgId: foreignOrg.id })[0] as { id: number }).id;
});

afterAll(async () => {
  await sim.close();
});

const getTask = async (id: number): Promise<TaskJson> => {
  const r = await apiGet(sim, token, `/tasks/${id}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.json.task as TaskJson;
};
const putTask = (id: number, body: Record<string, unknown>, bearer = token) => apiSend(sim, bearer, 'PUT', `/tasks/${id}`, body);
const newTask = (summary: string): TaskJson => sim.control.createTask({ projectId: project, summary, assigneeIds: [me] }) as unknown as TaskJson;

describe('PUT /v2/tasks/{task_id}', () => {
  it('completes and reopens a to-do, moving lock_version on every change', async () => {
    const t = newTask('Complete me');
    const fetched = await getTask(t.id);
    expect(fetched).toMatchObject({ status: 'active', lock_version: 0, completed_at: null });

    const done = await putTask(t.id, { lock_version: fetched.lock_version, status: 'completed' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.json.task).toMatchObject({ id: t.id, status: 'completed', lock_version: 1 });
    expect(done.json.task.completed_at).toMatch(/Z$/);
    expect(await getTask(t.id)).toEqual(done.json.task);
    const completed = await apiGet(sim, token, `/projects/${project}/tasks`, { status: ['completed'] });
    expect(completed.json.tasks.map((x: TaskJson) => x.id)).toContain(t.id);

    const reopened = await putTask(t.id, { lock_version: 1, status: 'active', summary: 'Complete me (again)' });
    expect(reopened.status).toBe(200);
    expect(reopened.json.task).toMatchObject({ status: 'active', summary: 'Complete me (again)', lock_version: 2, completed_at: null });
    expect(reopened.json.task.updated_at > done.json.task.updated_at).toBe(true);
  });

  it('answers a stale lock_version with 409 and changes nothing; a fresh fetch then succeeds', async () => {
    const t = newTask('Contended');
    const fetched = await getTask(t.id);
    // Someone else edits it in Hubstaff between our fetch and our PUT.
    sim.control.updateTask(t.id, { summary: 'Renamed in Hubstaff' });
    const stale = await putTask(t.id, { lock_version: fetched.lock_version, status: 'completed' });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({ code: 'conflict', error_code: expect.any(Number), error: expect.stringContaining('lock_version') });
    const after = await getTask(t.id);
    expect(after).toMatchObject({ status: 'active', summary: 'Renamed in Hubstaff', lock_version: fetched.lock_version + 1 });

    const retry = await putTask(t.id, { lock_version: after.lock_version, status: 'completed' });
    expect(retry.status).toBe(200);
    expect(retry.json.task).toMatchObject({ status: 'completed', summary: 'Renamed in Hubstaff', lock_version: after.lock_version + 1 });
    // The lock_version the client used before is stale now too.
    expect((await putTask(t.id, { lock_version: after.lock_version, status: 'active' })).status).toBe(409);
  });

  it('accepts a PUT that changes nothing without moving lock_version, but still checks it', async () => {
    const t = newTask('Already done');
    const done = await putTask(t.id, { lock_version: 0, status: 'completed' });
    const again = await putTask(t.id, { lock_version: done.json.task.lock_version, status: 'completed' });
    expect(again.status).toBe(200);
    expect(again.json.task).toEqual(done.json.task);
    expect((await putTask(t.id, { lock_version: 0, status: 'completed' })).status).toBe(409);
  });

  it('requires lock_version and a valid status, and answers 404/403 for unknown or foreign to-dos', async () => {
    const t = newTask('Validated');
    const missing = await putTask(t.id, { status: 'completed' });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ code: 'invalid_params', error: 'lock_version is missing' });
    const badStatus = await putTask(t.id, { lock_version: 0, status: 'deleted' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.json.error).toMatch(/status/);
    expect((await putTask(t.id, { lock_version: 'zero' })).status).toBe(400);
    expect((await putTask(t.id, { lock_version: 0, summary: '  ' })).status).toBe(400);
    expect((await putTask(t.id, { lock_version: 0, assignee_ids: [424242] })).status).toBe(400);
    const malformed = await apiSend(sim, token, 'PUT', `/tasks/${t.id}`, '{"lock_version": 0,');
    expect(malformed.status).toBe(400);
    expect((await putTask(9_999_999_999, { lock_version: 0 })).status).toBe(404);
    expect((await putTask(foreignTask, { lock_version: 0, status: 'completed' })).status).toBe(403);
    expect(await getTask(t.id)).toMatchObject({ status: 'active', lock_version: 0, summary: 'Validated' });
    // Only GET and PUT on a task: other methods are not routes.
    expect((await apiSend(sim, token, 'PATCH', `/tasks/${t.id}`, { lock_version: 0 })).status).toBe(404);
  });

  it('refuses a to-do that belongs to a third-party tool with 403, and lets it be changed once unlinked', async () => {
    const t = newTask('Imported from Jira');
    const linked = sim.control.setTaskIntegration(t.id, 31) as unknown as TaskJson;
    const fetched = await getTask(t.id);
    expect(fetched).toMatchObject({ integration_id: 31, remote_id: expect.any(String), lock_version: linked.lock_version });
    const refused = await putTask(t.id, { lock_version: fetched.lock_version, status: 'completed' });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'forbidden', error_code: expect.any(Number), error: expect.stringMatching(/simple to-dos/i) });
    expect(await getTask(t.id)).toEqual(fetched);

    const unlinked = sim.control.setTaskIntegration(t.id, null) as unknown as TaskJson;
    expect(unlinked.integration_id).toBeNull();
    expect((await putTask(t.id, { lock_version: unlinked.lock_version, status: 'completed' })).status).toBe(200);
  });

  it('honours hubstaff:write when the simulator requires it', async () => {
    const s = await startSimulator({ seed: 2, requireWriteScope: true, clock: () => TEST_NOW_MS, data: { activities: false } });
    try {
      s.control.registerClient({ clientId: 'read-only', redirectUris: ['http://localhost/cb'] });
      const o = s.control.myOrganizationIds()[0] as number;
      const t = s.control.tasks({ orgId: o, status: ['active'] })[0] as unknown as TaskJson;
      const readOnly = s.control.issueTokenPair(undefined, 'read-only').access_token; // scope: openid hubstaff:read
      const pat = s.control.issueTokenPair().access_token; // PAT scope includes hubstaff:write
      const refused = await apiSend(s, readOnly, 'PUT', `/tasks/${t.id}`, { lock_version: t.lock_version, status: 'completed' });
      expect(refused.status).toBe(403);
      expect(refused.json.error).toMatch(/hubstaff:write/);
      expect((await apiGet(s, readOnly, `/tasks/${t.id}`)).status).toBe(200);
      expect((await apiSend(s, pat, 'PUT', `/tasks/${t.id}`, { lock_version: t.lock_version, status: 'completed' })).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('POST /v2/projects/{project_id}/tasks', () => {
  it('creates an active to-do (200 {"task"}), assigned as asked, that reads back and can be completed', async () => {
    const r = await apiSend(sim, token, 'POST', `/projects/${project}/tasks`, { summary: 'Pushed from Stint', assignee_ids: [me] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const t = r.json.task as TaskJson;
    expect(t).toMatchObject({ summary: 'Pushed from Stint', status: 'active', project_id: project, assignee_ids: [me], lock_version: 0, integration_id: null, completed_at: null });
    expect(await getTask(t.id)).toEqual(t);
    const mine = await apiGet(sim, token, `/organizations/${org}/tasks`, { user_ids: [me] });
    expect(mine.json.tasks.map((x: TaskJson) => x.id)).toContain(t.id);
    expect((await putTask(t.id, { lock_version: 0, status: 'completed' })).json.task).toMatchObject({ status: 'completed', lock_version: 1 });

    const single = await apiSend(sim, token, 'POST', `/projects/${project}/tasks`, { summary: 'One assignee', assignee_id: me });
    expect(single.json.task.assignee_ids).toEqual([me]);
    const none = await apiSend(sim, token, 'POST', `/projects/${project}/tasks`, { summary: 'Nobody' });
    expect(none.json.task.assignee_ids).toEqual([]);
  });

  it('requires a summary and member assignees, and answers 404/403 for unknown or foreign projects', async () => {
    const before = sim.control.tasks({ projectId: project, status: ['active', 'completed'] }).length;
    const missing = await apiSend(sim, token, 'POST', `/projects/${project}/tasks`, { assignee_ids: [me] });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ code: 'invalid_params', error: 'summary is missing' });
    expect((await apiSend(sim, token, 'POST', `/projects/${project}/tasks`, { summary: 'x', assignee_ids: [424242] })).status).toBe(400);
    expect((await apiSend(sim, token, 'POST', '/projects/424242/tasks', { summary: 'x' })).status).toBe(404);
    const foreignProject = (sim.control.projects() as { id: number }[]).find((p) => !(sim.control.projects(org) as { id: number }[]).some((q) => q.id === p.id)) as { id: number };
    expect((await apiSend(sim, token, 'POST', `/projects/${foreignProject.id}/tasks`, { summary: 'x' })).status).toBe(403);
    expect(sim.control.tasks({ projectId: project, status: ['active', 'completed'] }).length).toBe(before);
  });

  it('refuses a project integrated with a third-party tool (403), and its imported to-dos', async () => {
    const existing = newTask('Imported with the project');
    sim.control.setProjectIntegration(otherProject, 5);
    try {
      const r = await apiSend(sim, token, 'POST', `/projects/${otherProject}/tasks`, { summary: 'Belongs in Jira' });
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ code: 'forbidden', error: expect.stringMatching(/integrated/) });
      const imported = sim.control.tasks({ projectId: otherProject, status: ['active'] }) as unknown as TaskJson[];
      expect(imported.length).toBeGreaterThan(0);
      for (const t of imported) expect(t.integration_id).toBe(5);
      const one = imported[0] as TaskJson;
      expect((await putTask(one.id, { lock_version: one.lock_version, status: 'completed' })).status).toBe(403);
      // Other projects are unaffected.
      expect((await getTask(existing.id)).integration_id).toBeNull();
    } finally {
      sim.control.setProjectIntegration(otherProject, null);
    }
    expect((await apiSend(sim, token, 'POST', `/projects/${otherProject}/tasks`, { summary: 'Native again' })).status).toBe(200);
  });
});

describe('POST /v2/users/{user_id}/time_entries', () => {
  const logTime = (body: Record<string, unknown>, user = me, bearer = token) => apiSend(sim, bearer, 'POST', `/users/${user}/time_entries`, body);
  const slots = (from: number, to: number, q: Record<string, string | number | (string | number)[]> = {}) =>
    apiGet(sim, token, `/organizations/${org}/activities`, { 'time_slot[start]': isoSeconds(from), 'time_slot[stop]': isoSeconds(to), page_limit: 500, ...q });
  const daily = async (taskId: number | null, projectId = project): Promise<{ tracked: number; manual: number; input_tracked: number } | undefined> => {
    const r = await apiGet(sim, token, `/organizations/${org}/activities/daily`, { 'date[start]': isoDate(yesterday), 'date[stop]': isoDate(yesterday), user_ids: [me], project_ids: [projectId] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.json.daily_activities as { task_id: number | null; tracked: number; manual: number; input_tracked: number }[]).find((d) => d.task_id === taskId);
  };

  it('answers 201 {"success": true} with no id, and the time shows as manual activities, in updates and in the daily manual seconds', async () => {
    const t = newTask('Logged from the plan');
    const start = yesterday + 9 * HOUR_MS + 5 * 60_000 + 30_000; // 09:05:30 UTC
    expect(await daily(t.id)).toBeUndefined();
    const r = await logTime({ project_id: project, task_id: t.id, start_time: isoSeconds(start), tracked: 3600, billable: true, note: 'Logged from the plan' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toEqual({ success: true });
    expect(r.headers.get('location')).toBeNull();

    // 09:05:30-10:05:30 covers seven 10-minute slots: 270 s, five of 600 s, 330 s.
    const found = await slots(yesterday + 9 * HOUR_MS, yesterday + 11 * HOUR_MS, { task_ids: [t.id] });
    expect(found.status).toBe(200);
    const acts = found.json.activities as ActivityJson[];
    expect(acts.map((a) => a.tracked)).toEqual([270, 600, 600, 600, 600, 600, 330]);
    expect(acts[0]).toMatchObject({ time_slot: isoSeconds(yesterday + 9 * HOUR_MS), starts_at: isoSeconds(start), user_id: me, project_id: project, task_id: t.id });
    for (const a of acts) expect(a).toMatchObject({ time_type: 'manual', tracks_input: false, input_tracked: 0, keyboard: 0, mouse: 0, overall: 0, billable: true, date: isoDate(yesterday) });
    expect(acts[6]?.starts_at).toBe(isoSeconds(yesterday + 10 * HOUR_MS));

    const updates = await apiGet(sim, token, `/organizations/${org}/activities/updates`, { 'updated[start]': isoSeconds(TEST_NOW_MS - HOUR_MS), 'updated[stop]': isoSeconds(TEST_NOW_MS + 60_000), task_ids: [t.id] });
    expect(updates.status, JSON.stringify(updates.body)).toBe(200);
    expect(updates.json.activities.map((a: ActivityJson) => a.id)).toEqual(acts.map((a) => a.id));

    expect(await daily(t.id)).toMatchObject({ tracked: 3600, manual: 3600, input_tracked: 0 });
    const projectDaily = await apiGet(sim, token, `/projects/${project}/activities/daily`, { 'date[start]': isoDate(yesterday), 'date[stop]': isoDate(yesterday), task_ids: [t.id] });
    expect(projectDaily.json.daily_activities).toEqual([expect.objectContaining({ task_id: t.id, manual: 3600 })]);

    expect(sim.control.timeEntries({ taskId: t.id })).toEqual([
      expect.objectContaining({ user_id: me, created_by_id: me, project_id: project, task_id: t.id, start_time: isoSeconds(start), tracked: 3600, billable: true, note: 'Logged from the plan', activity_ids: acts.map((a) => a.id) }),
    ]);
  });

  it('adds to what was tracked already (the daily row keeps its input time), defaults billable to the project, and allows no task', async () => {
    const before = await daily(null);
    const billable = (sim.control.projects(org) as { id: number; billable: boolean }[]).find((p) => p.id === project)?.billable;
    const r = await logTime({ project_id: project, start_time: isoSeconds(yesterday + 20 * HOUR_MS), tracked: 1200, note: 'Evening call' });
    expect(r.status).toBe(201);
    const after = await daily(null);
    expect(after?.manual).toBe((before?.manual ?? 0) + 1200);
    expect(after?.tracked).toBe((before?.tracked ?? 0) + 1200);
    expect(after?.input_tracked).toBe(before?.input_tracked ?? 0);
    const acts = (await slots(yesterday + 20 * HOUR_MS, yesterday + 20 * HOUR_MS + 1200_000, { user_ids: [me] })).json.activities as ActivityJson[];
    expect(acts.filter((a) => a.time_type === 'manual').map((a) => [a.task_id, a.billable, a.tracked])).toEqual([
      [null, billable, 600],
      [null, billable, 600],
    ]);
  });

  it('takes the same entry twice if it is posted twice (there is no id to dedupe by)', async () => {
    const t = newTask('Posted twice');
    const body = { project_id: project, task_id: t.id, start_time: isoSeconds(yesterday + 13 * HOUR_MS), tracked: 600, note: 'twice' };
    expect((await logTime(body)).status).toBe(201);
    expect((await logTime(body)).status).toBe(201);
    expect(await daily(t.id)).toMatchObject({ manual: 1200 });
    expect(sim.control.timeEntries({ taskId: t.id })).toHaveLength(2);
  });

  it('applies a write whose answer is lost (the lost_response fault): the client sees no answer, Hubstaff has the time', async () => {
    const t = newTask('Answer lost');
    sim.control.injectFaults({ kind: 'lost_response', path: '/time_entries$', method: 'POST', nth: 1 });
    try {
      await expect(logTime({ project_id: project, task_id: t.id, start_time: isoSeconds(yesterday + 12 * HOUR_MS), tracked: 600, note: 'lost' })).rejects.toThrow();
    } finally {
      sim.control.clearFaults();
    }
    expect(sim.requests[sim.requests.length - 1]).toMatchObject({ method: 'POST', status: 0, fault: { kind: 'lost_response' } });
    expect(sim.control.timeEntries({ taskId: t.id })).toHaveLength(1);
    expect(await daily(t.id)).toMatchObject({ manual: 600 });
    // The same for a PUT: the to-do is completed although the client never saw the answer.
    const u = newTask('Completion answer lost');
    sim.control.injectFaults({ kind: 'lost_response', path: `/tasks/${u.id}$`, method: 'PUT', nth: 1 });
    try {
      await expect(putTask(u.id, { lock_version: 0, status: 'completed' })).rejects.toThrow();
    } finally {
      sim.control.clearFaults();
    }
    expect(await getTask(u.id)).toMatchObject({ status: 'completed', lock_version: 1 });
  });

  it('requires a note where "Require reason" is on (the default), with a plain 400, and adds nothing', async () => {
    expect(sim.control.organizationSettings(org)).toEqual({ requireReason: true, manualTimeApproval: false });
    const t = newTask('Needs a reason');
    const body = { project_id: project, task_id: t.id, start_time: isoSeconds(yesterday + 14 * HOUR_MS), tracked: 900 };
    for (const note of [undefined, '', '   ']) {
      const r = await logTime(note === undefined ? body : { ...body, note });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ code: 'invalid_params', error_code: expect.any(Number), error: expect.stringMatching(/^note is missing/) });
    }
    expect(await daily(t.id)).toBeUndefined();
    expect(sim.control.timeEntries({ taskId: t.id })).toEqual([]);

    sim.control.setOrganizationSettings(org, { requireReason: false });
    try {
      expect((await logTime(body)).status).toBe(201);
      expect(sim.control.timeEntries({ taskId: t.id })).toEqual([expect.objectContaining({ note: null, tracked: 900 })]);
    } finally {
      sim.control.setOrganizationSettings(org, { requireReason: true });
    }
  });

  it('refuses manual time in an organization where it needs approval (403), and adds nothing', async () => {
    const t = newTask('Needs approval');
    sim.control.setOrganizationSettings(org, { manualTimeApproval: true });
    try {
      const r = await logTime({ project_id: project, task_id: t.id, start_time: isoSeconds(yesterday + 15 * HOUR_MS), tracked: 600, note: 'please' });
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ code: 'forbidden', error: 'Manual time entries that require approval cannot be added through the API' });
      expect(await daily(t.id)).toBeUndefined();
    } finally {
      sim.control.setOrganizationSettings(org, { manualTimeApproval: false });
    }
  });

  it('validates the required fields, the task, the future and who may add time for whom', async () => {
    const start = isoSeconds(yesterday + 16 * HOUR_MS);
    const ok = { project_id: project, start_time: start, tracked: 600, note: 'x' };
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ start_time: start, tracked: 600, note: 'x' }, 400, /^project_id is missing/],
      [{ project_id: project, tracked: 600, note: 'x' }, 400, /^start_time is missing/],
      [{ project_id: project, start_time: start, note: 'x' }, 400, /^tracked is missing/],
      [{ ...ok, start_time: isoDate(yesterday) }, 400, /^start_time is invalid/],
      [{ ...ok, start_time: '2024-06-05T09:00:00' }, 400, /^start_time is invalid/], // no zone
      [{ ...ok, tracked: 0 }, 400, /^tracked must be/],
      [{ ...ok, tracked: 'an hour' }, 400, /^tracked is invalid/],
      [{ ...ok, start_time: isoSeconds(TEST_NOW_MS - 5 * 60_000) }, 400, /future/],
      [{ ...ok, task_id: (sim.control.tasks({ projectId: otherProject })[0] as { id: number }).id }, 400, /^task_id is invalid/],
      [{ ...ok, project_id: 424242 }, 404, /Could not find record/],
    ];
    const count = sim.control.timeEntries().length;
    for (const [body, status, message] of cases) {
      const r = await logTime(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.json.error, JSON.stringify(body)).toMatch(message);
    }
    expect((await logTime(ok, 424242)).status).toBe(404);
    expect(sim.control.timeEntries().length).toBe(count);

    // A member with role `user` adds time for themselves only; an owner may add it for them.
    const plain = (sim.control.members(org) as { user_id: number; membership_role: string }[]).find((m) => m.membership_role === 'user') as { user_id: number };
    const plainToken = sim.control.issueTokenPair(plain.user_id).access_token;
    expect((await logTime(ok, me, plainToken)).status).toBe(403);
    expect((await logTime(ok, plain.user_id, plainToken)).status).toBe(201);
    expect((await logTime({ ...ok, start_time: isoSeconds(yesterday + 17 * HOUR_MS) }, plain.user_id)).status).toBe(201);
    expect(sim.control.timeEntries({ userId: plain.user_id }).map((e) => e.created_by_id)).toEqual([plain.user_id, me]);
  });

  it('accepts a form-encoded body as Grape does', async () => {
    const t = newTask('Form body');
    const r = await call(`${sim.apiUrl}/users/${me}/time_entries`, {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ project_id: String(project), task_id: String(t.id), start_time: isoSeconds(yesterday + 18 * HOUR_MS), tracked: '600', billable: 'false', note: 'form' }).toString(),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await daily(t.id)).toMatchObject({ manual: 600, billable: 0 });
  });
});
