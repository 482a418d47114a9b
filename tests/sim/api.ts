// Hubstaff API v2 read endpoints (reference §2-§3; names and parameters from the Swagger):
// cursor pagination (`page_start_id` inclusive, `page_limit` <= 500, top-level
// `pagination.next_page_start_id` only while rows remain), array filters, `include[]` side-loads,
// range limits, and access rules (404 unknown organization, 403 not a member; a member whose
// role is `user` sees only their own activities and time off [I]).

import type { ApiContext, Req } from './access';
import { orgAccess, projectAccess } from './access';
import type { ActivityFilter } from './activity-store';
import type { Principal } from './auth';
import type { Body, SimResponse } from './http-util';
import { ApiError, Query } from './http-util';
import type { MemberRec, OrgRec, ProjectRec, TaskRec } from './model';
import type { World } from './seed';
import {
  dailyJson,
  memberJson,
  organizationJson,
  projectJson,
  taskJson,
  timeOffPolicyJson,
  timeOffRequestJson,
  timeOffStartMs,
  userJson,
} from './serialize';
import { DAY_MS } from './time';
import { createTask, createTimeEntry, updateTask } from './writes';

export type { ApiContext } from './access';

export const MAX_PAGE_LIMIT = 500;
/** Default page size when page_limit is absent (100 per H13/H10; [?]). */
export const DEFAULT_PAGE_LIMIT = 100;

const TASK_STATUSES = ['active', 'completed', 'deleted', 'archived', 'archived_native_active', 'archived_native_completed', 'archived_native_deleted'] as const;

type Handler = (r: Req, ...ids: number[]) => SimResponse;

/** Reads answer GET (and HEAD); writes.ts has the PUT/POST handlers (see WRITES). */
const ROUTES: [RegExp, Handler][] = [
  [/^\/v2\/users\/me$/, getMe],
  [/^\/v2\/users\/(\d+)$/, getUser],
  [/^\/v2\/organizations$/, listOrganizations],
  [/^\/v2\/organizations\/(\d+)$/, getOrganization],
  [/^\/v2\/organizations\/(\d+)\/members$/, listMembers],
  [/^\/v2\/organizations\/(\d+)\/projects$/, listProjects],
  [/^\/v2\/projects\/(\d+)$/, getProject],
  [/^\/v2\/organizations\/(\d+)\/tasks$/, (r, id) => listTasks(r, orgAccess(r, id), null)],
  [/^\/v2\/projects\/(\d+)\/tasks$/, (r, id) => listTasks(r, projectAccess(r, id).org, projectAccess(r, id).project)],
  [/^\/v2\/tasks\/(\d+)$/, getTask],
  [/^\/v2\/organizations\/(\d+)\/activities$/, (r, id) => listActivities(r, orgAccess(r, id), null, 'slots')],
  [/^\/v2\/organizations\/(\d+)\/activities\/updates$/, (r, id) => listActivities(r, orgAccess(r, id), null, 'updates')],
  [/^\/v2\/projects\/(\d+)\/activities$/, (r, id) => listActivities(r, projectAccess(r, id).org, projectAccess(r, id).project, 'slots')],
  [/^\/v2\/projects\/(\d+)\/activities\/updates$/, (r, id) => listActivities(r, projectAccess(r, id).org, projectAccess(r, id).project, 'updates')],
  [/^\/v2\/organizations\/(\d+)\/activities\/daily$/, (r, id) => listDaily(r, orgAccess(r, id), null, 'dates')],
  [/^\/v2\/organizations\/(\d+)\/activities\/daily\/updates$/, (r, id) => listDaily(r, orgAccess(r, id), null, 'updates')],
  [/^\/v2\/projects\/(\d+)\/activities\/daily$/, (r, id) => listDaily(r, projectAccess(r, id).org, projectAccess(r, id).project, 'dates')],
  [/^\/v2\/projects\/(\d+)\/activities\/daily\/updates$/, (r, id) => listDaily(r, projectAccess(r, id).org, projectAccess(r, id).project, 'updates')],
  [/^\/v2\/organizations\/(\d+)\/time_off_requests$/, listTimeOffRequests],
  [/^\/v2\/time_off_requests\/(\d+)$/, getTimeOffRequest],
  [/^\/v2\/organizations\/(\d+)\/time_off_policies$/, listTimeOffPolicies],
];

/** The write endpoints (Swagger operations putV2TasksTaskId, postV2ProjectsProjectIdTasks, postV2UsersUserIdTimeEntries). */
const WRITES: [string, RegExp, Handler][] = [
  ['PUT', /^\/v2\/tasks\/(\d+)$/, updateTask],
  ['POST', /^\/v2\/projects\/(\d+)\/tasks$/, createTask],
  ['POST', /^\/v2\/users\/(\d+)\/time_entries$/, createTimeEntry],
];

const isWrite = (method: string): boolean => method !== 'GET' && method !== 'HEAD';

/** Whether a request is one of the write endpoints (index.ts reads the body only for these). */
export function isWriteRoute(method: string, pathname: string): boolean {
  return WRITES.some(([m, re]) => m === method && re.test(pathname));
}

/** Dispatches an authenticated API request. Throws ApiError for 4xx answers. */
export function handleApi(ctx: ApiContext, method: string, pathname: string, params: URLSearchParams, principal: Principal, body: Body | null = null): SimResponse {
  let matched = false;
  for (const [m, re, handler] of WRITES) {
    const hit = re.exec(pathname);
    if (!hit) continue;
    matched = true;
    if (m !== method) continue;
    if (ctx.requireWriteScope && principal.scopes !== null && !principal.scopes.includes('hubstaff:write')) {
      throw new ApiError('insufficient_scope', 'This access token does not have the hubstaff:write scope');
    }
    return handler({ ctx, principal, q: new Query(params), body }, ...hit.slice(1).map(Number));
  }
  for (const [re, handler] of ROUTES) {
    const hit = re.exec(pathname);
    if (!hit) continue;
    matched = true;
    if (isWrite(method)) break;
    return handler({ ctx, principal, q: new Query(params), body: null }, ...hit.slice(1).map(Number));
  }
  if (matched) throw new ApiError('not_found', `${method} ${pathname} is not supported by the simulator`);
  throw new ApiError('not_found', 'Could not find record');
}

/** Members with role `user` see only their own rows; owners and managers see everyone's. */
function visibleUsers(member: MemberRec, requested: Set<number> | null): Set<number> | null {
  if (member.role !== 'user') return requested;
  if (requested && !requested.has(member.userId)) return new Set();
  return new Set([member.userId]);
}

// ---- pagination ---------------------------------------------------------------------------

function pageParams(q: Query): { startId: number; limit: number } {
  return {
    startId: q.int('page_start_id', { min: 0 }) ?? 0,
    limit: q.int('page_limit', { min: 1, max: MAX_PAGE_LIMIT }) ?? DEFAULT_PAGE_LIMIT,
  };
}

/** Rows (sorted by id) with id >= startId, at most limit, and the next cursor if more remain. */
function paginate<T>(rows: readonly T[], idOf: (row: T) => number, q: Query): { page: T[]; nextId: number | null } {
  const { startId, limit } = pageParams(q);
  const from = rows.filter((row) => idOf(row) >= startId);
  const page = from.slice(0, limit);
  const next = from[limit];
  return { page, nextId: next === undefined ? null : idOf(next) };
}

function listResponse(key: string, rows: unknown[], nextId: number | null, extra: Record<string, unknown> = {}): SimResponse {
  const json: Record<string, unknown> = { [key]: rows, ...extra };
  if (nextId !== null) json.pagination = { next_page_start_id: nextId };
  return { status: 200, json, listKey: key };
}

function includes<T extends string>(q: Query, allowed: readonly T[]): Set<T> {
  return new Set(q.enumList('include', allowed) ?? []);
}

function usersJson(world: World, ids: Iterable<number>): unknown[] {
  return [...new Set(ids)]
    .sort((a, b) => a - b)
    .map((id) => world.user(id))
    .filter((u) => u !== undefined)
    .map(userJson);
}

function projectsJson(world: World, ids: Iterable<number>): unknown[] {
  return [...new Set(ids)]
    .sort((a, b) => a - b)
    .map((id) => world.project(id))
    .filter((p) => p !== undefined)
    .map(projectJson);
}

function tasksJson(world: World, ids: Iterable<number | null>): unknown[] {
  return [...new Set(ids)]
    .filter((id): id is number => id !== null)
    .sort((a, b) => a - b)
    .map((id) => world.task(id))
    .filter((t) => t !== undefined)
    .map(taskJson);
}

// ---- users and organizations ------------------------------------------------------------

function getMe(r: Req): SimResponse {
  const user = r.ctx.world.user(r.principal.userId);
  if (!user) throw new ApiError('not_found', 'Could not find record');
  return { status: 200, json: { user: userJson(user) } };
}

function getUser(r: Req, id: number): SimResponse {
  const { world } = r.ctx;
  const user = world.user(id);
  const shared = world.organizationsOf(r.principal.userId).some((o) => world.membership(o.id, id));
  if (!user || !shared) throw new ApiError('not_found', 'Could not find record');
  return { status: 200, json: { user: userJson(user) } };
}

function myOrganizations(r: Req): OrgRec[] {
  const orgs = r.ctx.world.organizationsOf(r.principal.userId);
  return r.principal.orgId === null ? orgs : orgs.filter((o) => o.id === r.principal.orgId);
}

function listOrganizations(r: Req): SimResponse {
  const { page, nextId } = paginate(myOrganizations(r), (o) => o.id, r.q);
  return listResponse('organizations', page.map(organizationJson), nextId);
}

function getOrganization(r: Req, id: number): SimResponse {
  const { org } = orgAccess(r, id);
  return { status: 200, json: { organization: organizationJson(org) } };
}

function listMembers(r: Req, orgId: number): SimResponse {
  const { world } = r.ctx;
  orgAccess(r, orgId);
  const q = r.q;
  const userIds = q.intList('user_ids');
  const roles = q.enumList('membership_roles', ['owner', 'manager', 'user', 'unassigned'] as const);
  const inc = includes(q, ['users', 'projects'] as const);
  const email = q.string('search[email]')?.toLowerCase();
  const name = q.string('search[name]')?.toLowerCase();
  const rows = world
    .membersOf(orgId, q.bool('include_removed') ?? false)
    .filter((m) => {
      const u = world.user(m.userId);
      return (
        (!userIds || userIds.has(m.userId)) &&
        (!roles || (roles as string[]).includes(m.role)) &&
        (!email || (u?.email.toLowerCase().includes(email) ?? false)) &&
        (!name || (u?.name.toLowerCase().includes(name) ?? false))
      );
    })
    .sort((a, b) => a.userId - b.userId);
  const { page, nextId } = paginate(rows, (m) => m.userId, q);
  const extra: Record<string, unknown> = {};
  if (inc.has('users')) extra.users = usersJson(world, page.map((m) => m.userId));
  if (inc.has('projects')) extra.projects = world.projects.filter((p) => p.orgId === orgId).map(projectJson);
  return listResponse('members', page.map(memberJson), nextId, extra);
}

// ---- projects and tasks -----------------------------------------------------------------

function listProjects(r: Req, orgId: number): SimResponse {
  orgAccess(r, orgId);
  const q = r.q;
  const status = q.enumValue('status', ['active', 'archived', 'all'] as const) ?? 'active';
  const ids = q.intList('project_ids');
  const inc = includes(q, ['clients'] as const);
  const rows = r.ctx.world.projects.filter((p) => p.orgId === orgId && (status === 'all' || p.status === status) && (!ids || ids.has(p.id)));
  const { page, nextId } = paginate(rows, (p) => p.id, q);
  return listResponse('projects', page.map(projectJson), nextId, inc.has('clients') ? { clients: [] } : {});
}

function getProject(r: Req, id: number): SimResponse {
  const { project } = projectAccess(r, id);
  return { status: 200, json: { project: projectJson(project) } };
}

function listTasks(r: Req, access: { org: OrgRec }, project: ProjectRec | null): SimResponse {
  const { world } = r.ctx;
  const q = r.q;
  const statuses: readonly string[] = q.enumList('status', TASK_STATUSES) ?? ['active'];
  const userIds = q.intList('user_ids');
  const projectIds = project ? null : q.intList('project_ids');
  const globalIds = q.intList('global_todo_ids');
  const onlyGlobal = q.bool('only_global_todos') ?? false;
  const inc = includes(q, project ? (['users'] as const) : (['users', 'projects'] as const));
  const rows = world.tasks.filter(
    (t: TaskRec) =>
      t.orgId === access.org.id &&
      (!project || t.projectId === project.id) &&
      statuses.includes(t.status) &&
      (!userIds || t.assigneeIds.some((a) => userIds.has(a))) &&
      (!projectIds || projectIds.has(t.projectId)) &&
      // No seeded task is a global to-do.
      !globalIds &&
      !onlyGlobal,
  );
  const { page, nextId } = paginate(rows, (t) => t.id, q);
  const extra: Record<string, unknown> = {};
  if (inc.has('users')) extra.users = usersJson(world, page.flatMap((t) => t.assigneeIds));
  if ((inc as Set<string>).has('projects')) extra.projects = projectsJson(world, page.map((t) => t.projectId));
  return listResponse('tasks', page.map(taskJson), nextId, extra);
}

function getTask(r: Req, id: number): SimResponse {
  const task = r.ctx.world.task(id);
  if (!task) throw new ApiError('not_found', 'Could not find record');
  orgAccess(r, task.orgId);
  return { status: 200, json: { task: taskJson(task) } };
}

// ---- activities ----------------------------------------------------------------------------

const WEEK_MS = 7 * DAY_MS;

function checkEarliest(ctx: ApiContext, startMs: number, maxAgeMs: number, what: string): void {
  if (ctx.historyLimits && startMs < ctx.now() - maxAgeMs) throw new ApiError('invalid_params', `${what} is too far in the past`);
}

function listActivities(r: Req, access: { org: OrgRec; member: MemberRec }, project: ProjectRec | null, mode: 'slots' | 'updates'): SimResponse {
  const { world } = r.ctx;
  const q = r.q;
  const filter: ActivityFilter = { orgId: access.org.id };
  if (project) filter.projectId = project.id;
  if (mode === 'slots') {
    const start = q.instant('time_slot[start]', true);
    const stop = q.instant('time_slot[stop]', true);
    if (stop <= start) throw new ApiError('invalid_params', 'time_slot[stop] must be after time_slot[start]');
    if (stop - start > WEEK_MS) throw new ApiError('invalid_params', 'Date range limit is 7 days');
    checkEarliest(r.ctx, start, 183 * DAY_MS, 'time_slot[start]');
    filter.slotStartMs = start;
    filter.slotStopMs = stop;
  } else {
    const start = q.instant('updated[start]', true);
    const stop = q.instant('updated[stop]', true);
    if (stop <= start) throw new ApiError('invalid_params', 'updated[stop] must be after updated[start]');
    if (stop - start > WEEK_MS) throw new ApiError('invalid_params', 'Date range limit is 7 days');
    checkEarliest(r.ctx, start, 45 * DAY_MS, 'updated[start]');
    filter.updatedStartUs = start * 1000;
    filter.updatedStopUs = stop * 1000;
  }
  filter.userIds = visibleUsers(access.member, q.intList('user_ids'));
  filter.taskIds = q.intList('task_ids');
  if (!project) filter.projectIds = q.intList('project_ids');
  if (q.intList('global_todo_ids')) filter.taskIds = new Set();
  q.string('time_zone'); // accepted; org dates here are UTC
  const inc = includes(q, project ? (['users', 'tasks'] as const) : (['users', 'projects', 'tasks'] as const));
  const { startId, limit } = pageParams(q);
  const store = world.activities;
  const { rows, nextId } = store.page(filter, startId, limit);
  const extra: Record<string, unknown> = {};
  if (inc.has('users')) extra.users = usersJson(world, rows.map((i) => store.userOf(i)));
  if ((inc as Set<string>).has('projects')) extra.projects = projectsJson(world, rows.map((i) => store.projectOf(i)));
  if (inc.has('tasks')) extra.tasks = tasksJson(world, rows.map((i) => store.taskOf(i)));
  return listResponse('activities', rows.map((i) => store.toJson(i)), nextId, extra);
}

function listDaily(r: Req, access: { org: OrgRec; member: MemberRec }, project: ProjectRec | null, mode: 'dates' | 'updates'): SimResponse {
  const { world } = r.ctx;
  const q = r.q;
  let keep: (d: ReturnType<World['daily']>[number]) => boolean;
  if (mode === 'dates') {
    const start = q.date('date[start]');
    const stop = q.date('date[stop]');
    if (stop < start) throw new ApiError('invalid_params', 'date[stop] must not be before date[start]');
    if ((stop - start) / DAY_MS + 1 > 31) throw new ApiError('invalid_params', 'Date range limit is 31 days');
    checkEarliest(r.ctx, start, 3 * 366 * DAY_MS, 'date[start]');
    keep = (d) => d.dateMs >= start && d.dateMs <= stop;
  } else {
    const start = q.instant('updated[start]', true);
    const stop = q.instant('updated[stop]') ?? r.ctx.now();
    if (stop <= start) throw new ApiError('invalid_params', 'updated[stop] must be after updated[start]');
    if (stop - start > 31 * DAY_MS) throw new ApiError('invalid_params', 'Date range limit is 31 days');
    checkEarliest(r.ctx, start, 31 * DAY_MS, 'updated[start]');
    keep = (d) => d.updatedUs >= start * 1000 && d.updatedUs < stop * 1000;
  }
  const userIds = visibleUsers(access.member, q.intList('user_ids'));
  const taskIds = q.intList('task_ids');
  const projectIds = project ? null : q.intList('project_ids');
  const inc = includes(q, project ? (['users', 'tasks'] as const) : (['users', 'projects', 'tasks'] as const));
  const rows = world
    .daily()
    .filter(
      (d) =>
        d.orgId === access.org.id &&
        (!project || d.projectId === project.id) &&
        keep(d) &&
        (!userIds || userIds.has(d.userId)) &&
        (!taskIds || (d.taskId !== null && taskIds.has(d.taskId))) &&
        (!projectIds || projectIds.has(d.projectId)),
    );
  const { page, nextId } = paginate(rows, (d) => d.id, q);
  const extra: Record<string, unknown> = {};
  if (inc.has('users')) extra.users = usersJson(world, page.map((d) => d.userId));
  if ((inc as Set<string>).has('projects')) extra.projects = projectsJson(world, page.map((d) => d.projectId));
  if (inc.has('tasks')) extra.tasks = tasksJson(world, page.map((d) => d.taskId));
  return listResponse('daily_activities', page.map(dailyJson), nextId, extra);
}

// ---- time off ------------------------------------------------------------------------------

function listTimeOffRequests(r: Req, orgId: number): SimResponse {
  const { world } = r.ctx;
  const { member } = orgAccess(r, orgId);
  const q = r.q;
  const range = (name: string): [number, number] => [q.instant(`${name}[start]`) ?? -Infinity, q.instant(`${name}[stop]`) ?? Infinity];
  const [cStart, cStop] = range('created');
  const [sStart, sStop] = range('starts_at');
  const [aStart, aStop] = range('approved_at');
  const userIds = visibleUsers(member, q.intList('user_ids'));
  const inc = includes(q, ['users', 'time_off_policies'] as const);
  const rows = world.timeOffRequests.filter((t) => {
    if (t.orgId !== orgId || (userIds && !userIds.has(t.userId))) return false;
    const created = t.createdUs / 1000;
    const starts = timeOffStartMs(t, world);
    if (created < cStart || created >= cStop || starts < sStart || starts >= sStop) return false;
    if (aStart !== -Infinity || aStop !== Infinity) {
      if (t.approvedUs === null || t.approvedUs / 1000 < aStart || t.approvedUs / 1000 >= aStop) return false;
    }
    return true;
  });
  const { page, nextId } = paginate(rows, (t) => t.id, q);
  const extra: Record<string, unknown> = {};
  if (inc.has('users')) extra.users = usersJson(world, page.map((t) => t.userId));
  if (inc.has('time_off_policies')) extra.time_off_policies = world.timeOffPolicies.filter((p) => page.some((t) => t.policyId === p.id)).map(timeOffPolicyJson);
  return listResponse('time_off_requests', page.map((t) => timeOffRequestJson(t, world)), nextId, extra);
}

function getTimeOffRequest(r: Req, id: number): SimResponse {
  const t = r.ctx.world.timeOffRequests.find((x) => x.id === id);
  if (!t) throw new ApiError('not_found', 'Could not find record');
  const { member } = orgAccess(r, t.orgId);
  if (member.role === 'user' && t.userId !== member.userId) throw new ApiError('forbidden', 'You cannot see this time off request');
  return { status: 200, json: { time_off_request: timeOffRequestJson(t, r.ctx.world) } };
}

function listTimeOffPolicies(r: Req, orgId: number): SimResponse {
  orgAccess(r, orgId);
  const rows = r.ctx.world.timeOffPolicies.filter((p) => p.orgId === orgId);
  const { page, nextId } = paginate(rows, (p) => p.id, r.q);
  return listResponse('time_off_policies', page.map(timeOffPolicyJson), nextId);
}
