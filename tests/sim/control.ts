// The simulator's control API: what tests (in process) and child processes (over
// POST /__control/<name>) use to issue tokens, change data, inject faults and read state.
// Every method takes JSON-able arguments and returns a JSON-able result, except `state`.

import type { ActivityFilter, ActivityJson, ActivityPatch } from './activity-store';
import type { AccountServer, ClientRegistration, Grant, RefreshTokenInfo, TokenResponse } from './auth';
import type { FaultInjector, FaultRule } from './faults';
import type { HourlyRateLimiter, RateLimitUsage } from './limits';
import { ACTIVITY_CLIENTS, DEFAULT_ORG_SETTINGS } from './model';
import type { ActivityClient, MembershipRole, OrgRec, OrgSettings, TaskRec, TaskStatus, TimeEntryRec, TimeOffStatus } from './model';
import type { World } from './seed';
import { dailyJson, memberJson, organizationJson, projectJson, taskJson, timeOffRequestJson, userJson } from './serialize';
import { DAY_MS, SLOT_MS, isoDate, isoMicros, isoSeconds, parseDate, parseInstant } from './time';

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Query parameters; a repeated key maps to an array (as Node's querystring does). */
  query: Record<string, string | string[]>;
  /** HTTP status sent; 0 when the connection was reset or the client went away first. */
  status: number;
  /** Simulator clock (ms) when the request arrived. */
  at: number;
  authorization: 'bearer' | 'basic' | 'none';
  /** The X-Request-Id sent back (the client's own, if it sent a valid one). */
  correlationId: string;
  /** POST /access_tokens: the grant_type sent. */
  grantType?: string;
  fault?: { kind: FaultRule['kind']; ruleId: number; recordIds?: unknown[] };
  /** Answered 429 by the hourly rate limit (limits.ts), not by an injected fault. */
  throttled?: boolean;
}

/** A manual time entry as posted (control.timeEntries); the API itself never shows one. */
export interface TimeEntryJson {
  /** Internal id (the API's 201 carries none). */
  id: number;
  organization_id: number;
  user_id: number;
  created_by_id: number;
  project_id: number;
  task_id: number | null;
  start_time: string;
  stop_time: string;
  /** The UTC date of start_time. */
  date: string;
  tracked: number;
  billable: boolean;
  note: string | null;
  /** The manual activities it became (one per 10-minute slot). */
  activity_ids: number[];
  created_at: string;
}

function timeEntryJson(e: TimeEntryRec): TimeEntryJson {
  return {
    id: e.id,
    organization_id: e.orgId,
    user_id: e.userId,
    created_by_id: e.createdById,
    project_id: e.projectId,
    task_id: e.taskId,
    start_time: isoSeconds(e.startMs),
    stop_time: isoSeconds(e.startMs + e.tracked * 1000),
    date: isoDate(e.startMs),
    tracked: e.tracked,
    billable: e.billable,
    note: e.note,
    activity_ids: [...e.activityIds],
    created_at: isoMicros(e.createdUs),
  };
}

/** A time for control inputs: ISO 8601 string or ms since the epoch. */
export type TimeInput = string | number;

export interface ActivityQuery {
  orgId?: number;
  userId?: number;
  projectId?: number;
  /** A task id, or null for activities without a task. */
  taskId?: number | null;
  /** Time-slot range [from, to). */
  from?: TimeInput;
  to?: TimeInput;
}

export interface AddActivityInput {
  userId: number;
  projectId: number;
  taskId?: number | null;
  /** Start of the 10-minute slot; must be aligned to 10 minutes. */
  timeSlot: TimeInput;
  /** Seconds tracked in the slot, 1..600 (default 600). */
  tracked?: number;
  keyboard?: number;
  mouse?: number;
  overall?: number;
  /** Seconds after the slot start when tracking began (default 0). */
  startOffsetSec?: number;
  billable?: boolean;
  paid?: boolean;
  manual?: boolean;
  client?: ActivityClient;
}

export interface CreateTaskInput {
  projectId: number;
  summary: string;
  assigneeIds?: number[];
  status?: TaskStatus;
  details?: string | null;
  dueAt?: TimeInput | null;
  /** Makes it a third-party to-do (PUT then refuses it); default: the project's integration, if any. */
  integrationId?: number | null;
}

export interface UpdateTaskInput {
  summary?: string;
  assigneeIds?: number[];
  status?: TaskStatus;
  details?: string | null;
  dueAt?: TimeInput | null;
}

export interface AddTimeOffInput {
  userId: number;
  orgId?: number;
  /** First and last day (inclusive), YYYY-MM-DD. */
  from: string;
  to?: string;
  status?: TimeOffStatus;
  message?: string;
}

export interface AddMemberInput {
  orgId: number;
  /** An existing user, or omit to create one named `name`. */
  userId?: number;
  name?: string;
  role?: MembershipRole;
}

export interface SimControl {
  // -- clients and tokens
  registerClient(client: ClientRegistration): void;
  /** A PAT (a 90-day refresh token with no client) for a user (default: me). */
  issuePersonalAccessToken(userId?: number): string;
  /** An `hsoat_…` organization token acting as `userId` (default: me) in `orgId` only. */
  issueOrganizationToken(orgId: number, userId?: number, expiresInDays?: number | null): string;
  /** A fresh access/refresh pair without the browser flow (PAT-like grant unless clientId given). */
  issueTokenPair(userId?: number, clientId?: string | null): TokenResponse;
  /** Revokes all grants of a user (number) or the grant behind a token (string). Returns the count. */
  revokeGrant(target: number | string): number;
  /** Invalidates one access token while its grant and refresh token stay good. Returns whether it was live. */
  invalidateAccessToken(token: string): boolean;
  /** true: /authorizations/new approves; false: it answers error=access_denied. */
  setAutoApprove(approve: boolean): void;
  /** Which user the browser is "signed in" as for /authorizations/new (default: me). */
  setAuthorizingUser(userId: number): void;
  listRefreshTokens(): RefreshTokenInfo[];
  listGrants(): Grant[];
  /** POST /access_tokens calls by grant_type since start (or the last reset). */
  tokenEndpointCalls(): Record<string, number>;
  resetTokenEndpointCalls(): void;

  // -- data changes
  createTask(input: CreateTaskInput): Record<string, unknown>;
  updateTask(id: number, patch: UpdateTaskInput): Record<string, unknown>;
  completeTask(id: number): Record<string, unknown>;
  /** Marks the task deleted (it then shows only under status[]=deleted). */
  deleteTask(id: number): Record<string, unknown>;
  addActivity(input: AddActivityInput): ActivityJson;
  /** Changes an activity and bumps its updated_at to now, so activities/updates returns it. */
  editActivity(id: number, patch: ActivityPatch): ActivityJson;
  /** Removes an activity (it vanishes from every list, as on Hubstaff). */
  deleteActivity(id: number): boolean;
  addTimeOffRequest(input: AddTimeOffInput): Record<string, unknown>;
  addMember(input: AddMemberInput): Record<string, unknown>;
  removeMember(orgId: number, userId: number): void;

  // -- organization settings and integrations (what the write endpoints obey)
  /** Changes "Require reason" (`requireReason`) and approval-required manual time (`manualTimeApproval`); returns the settings now. */
  setOrganizationSettings(orgId: number, settings: Partial<OrgSettings>): OrgSettings;
  organizationSettings(orgId: number): OrgSettings;
  /**
   * Links a to-do to a third-party tool (integration_id, remote_id set; PUT /v2/tasks/{id} then
   * answers 403), or unlinks it with null. Returns the task JSON.
   */
  setTaskIntegration(taskId: number, integrationId?: number | null): Record<string, unknown>;
  /**
   * Links a project to a third-party tool (POST /v2/projects/{id}/tasks then answers 403), and
   * unless `tasks` is false also its existing to-dos; null unlinks (the project and, with `tasks`, its to-dos).
   */
  setProjectIntegration(projectId: number, integrationId?: number | null, options?: { tasks?: boolean }): Record<string, unknown>;
  /** Manual time posted through POST /v2/users/{id}/time_entries, oldest first. */
  timeEntries(filter?: { orgId?: number; userId?: number; projectId?: number; taskId?: number | null }): TimeEntryJson[];

  // -- rate limit (limits.ts)
  /** Requests per hour per application (null or 0: no limit). Counts so far stay. */
  setRateLimit(perHour: number | null): void;
  /** Per application key: requests counted in the current clock hour, the limit and when it resets. */
  rateLimitUsage(): RateLimitUsage[];
  /** Forgets every count (as if a new hour began for everyone). */
  resetRateLimit(): void;

  // -- faults
  /** Adds fault rules (one, several, or arrays of them); returns their ids. */
  injectFaults(...rules: (FaultRule | FaultRule[])[]): number[];
  clearFaults(): void;
  listFaults(): ReturnType<FaultInjector['list']>;

  // -- request log
  requests(): RequestLogEntry[];
  clearRequestLog(): void;

  // -- clock
  /** The simulator's clock, ms (the `clock` option plus any advanceClock). */
  now(): number;
  /** Moves the simulator's clock forward (e.g. to expire access tokens); returns the new time. */
  advanceClock(ms: number): number;

  // -- reads (API JSON shapes)
  me(): Record<string, unknown>;
  users(): Record<string, unknown>[];
  /** All organizations, mine and foreign. */
  organizations(): Record<string, unknown>[];
  /** Ids of the organizations "me" belongs to. */
  myOrganizationIds(): number[];
  members(orgId: number): Record<string, unknown>[];
  projects(orgId?: number): Record<string, unknown>[];
  tasks(filter?: { orgId?: number; projectId?: number; assigneeId?: number; status?: TaskStatus[] }): Record<string, unknown>[];
  activities(query?: ActivityQuery): ActivityJson[];
  countActivities(query?: ActivityQuery): number;
  /** Sum of `tracked` seconds over matching activities. */
  trackedSeconds(query?: ActivityQuery): number;
  dailyActivities(filter?: { orgId?: number; userId?: number; from?: string; to?: string }): Record<string, unknown>[];
  timeOffRequests(orgId?: number): Record<string, unknown>[];
  /** Counts of everything, for a quick look. */
  summary(): Record<string, number>;

  /** The live state (in process only; not available over HTTP). */
  readonly state: World;
}

export interface ControlDeps {
  world: World;
  account: AccountServer;
  faults: FaultInjector;
  limiter: HourlyRateLimiter;
  log: RequestLogEntry[];
  now: () => number;
  nowUs: () => number;
  advanceClock: (ms: number) => number;
}

function toMs(t: TimeInput, what: string): number {
  const ms = typeof t === 'number' ? t : parseInstant(t);
  if (!Number.isFinite(ms)) throw new Error(`${what} is not a valid time: ${String(t)}`);
  return ms;
}

function toFilter(q: ActivityQuery = {}): ActivityFilter {
  const f: ActivityFilter = {};
  if (q.orgId !== undefined) f.orgId = q.orgId;
  if (q.userId !== undefined) f.userIds = new Set([q.userId]);
  if (q.projectId !== undefined) f.projectId = q.projectId;
  if (q.taskId !== undefined) f.taskIds = new Set([q.taskId ?? 0]);
  if (q.from !== undefined) f.slotStartMs = toMs(q.from, 'from');
  if (q.to !== undefined) f.slotStopMs = toMs(q.to, 'to');
  return f;
}

function checkSeconds(name: string, v: number | undefined, max: number): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > max)) throw new Error(`${name} must be an integer within 0..${max}`);
}

export function createControl(d: ControlDeps): SimControl {
  const { world, account, faults, log, limiter } = d;
  const organization = (id: number): OrgRec => {
    const o = world.organization(id);
    if (!o) throw new Error(`unknown organization ${id}`);
    return o;
  };
  const integration = (id: number | null | undefined): number | null => {
    const v = id === undefined ? 1 : id;
    if (v !== null && (!Number.isInteger(v) || v <= 0)) throw new Error('integrationId must be a positive integer or null');
    return v;
  };

  const task = (id: number): TaskRec => {
    const t = world.task(id);
    if (!t) throw new Error(`unknown task ${id}`);
    return t;
  };
  const touch = (t: TaskRec): void => {
    t.lockVersion++;
    t.updatedUs = d.nowUs();
  };
  const activityIndex = (id: number): number => {
    const i = world.activities.indexOf(id);
    if (i < 0) throw new Error(`unknown activity ${id}`);
    return i;
  };
  const checkAssignees = (orgId: number, ids: number[]): void => {
    for (const a of ids) if (!world.membership(orgId, a)) throw new Error(`user ${a} is not a member of organization ${orgId}`);
  };

  const control: SimControl = {
    registerClient: (c) => account.registerClient(c),
    issuePersonalAccessToken: (userId = world.me.id) => account.issuePersonalAccessToken(userId),
    issueOrganizationToken: (orgId, userId = world.me.id, expiresInDays = null) => account.issueOrganizationToken(orgId, userId, expiresInDays),
    issueTokenPair: (userId = world.me.id, clientId = null) => account.issueTokenPair(userId, clientId),
    revokeGrant: (target) => account.revokeGrant(target),
    invalidateAccessToken: (token) => account.invalidateAccessToken(token),
    setAutoApprove: (approve) => {
      account.autoApprove = Boolean(approve);
    },
    setAuthorizingUser: (userId) => {
      if (!world.user(userId)) throw new Error(`unknown user ${userId}`);
      account.authorizingUserId = userId;
    },
    listRefreshTokens: () => account.listRefreshTokens(),
    listGrants: () => [...account.grants.values()].map((g) => ({ ...g })),
    tokenEndpointCalls: () => ({ ...account.tokenCalls }),
    resetTokenEndpointCalls: () => {
      account.tokenCalls = {};
    },

    createTask: (input) => {
      const project = world.project(input.projectId);
      if (!project) throw new Error(`unknown project ${input.projectId}`);
      if (!input.summary) throw new Error('summary is required');
      const assignees = input.assigneeIds ?? [];
      checkAssignees(project.orgId, assignees);
      const us = d.nowUs();
      const status = input.status ?? 'active';
      const t: TaskRec = {
        id: world.nextIds.task++,
        orgId: project.orgId,
        projectId: project.id,
        summary: input.summary,
        details: input.details ?? null,
        status,
        assigneeIds: [...assignees],
        lockVersion: 0,
        dueUs: input.dueAt === undefined || input.dueAt === null ? null : toMs(input.dueAt, 'dueAt') * 1000,
        completedUs: status === 'completed' ? us : null,
        createdUs: us,
        updatedUs: us,
        integrationId: null,
        remoteId: null,
      };
      const integrationId = input.integrationId === undefined ? project.integrationId : integration(input.integrationId);
      if (integrationId !== null) {
        t.integrationId = integrationId;
        t.remoteId = `EXT-${t.id}`;
      }
      world.tasks.push(t);
      return taskJson(t);
    },
    updateTask: (id, patch) => {
      const t = task(id);
      if (patch.summary !== undefined) t.summary = patch.summary;
      if (patch.details !== undefined) t.details = patch.details;
      if (patch.assigneeIds !== undefined) {
        checkAssignees(t.orgId, patch.assigneeIds);
        t.assigneeIds = [...patch.assigneeIds];
      }
      if (patch.dueAt !== undefined) t.dueUs = patch.dueAt === null ? null : toMs(patch.dueAt, 'dueAt') * 1000;
      touch(t);
      if (patch.status !== undefined && patch.status !== t.status) {
        t.status = patch.status;
        t.completedUs = patch.status === 'completed' ? t.updatedUs : null;
      }
      return taskJson(t);
    },
    completeTask: (id) => control.updateTask(id, { status: 'completed' }),
    deleteTask: (id) => control.updateTask(id, { status: 'deleted' }),

    addActivity: (input) => {
      const project = world.project(input.projectId);
      if (!project) throw new Error(`unknown project ${input.projectId}`);
      if (!world.membership(project.orgId, input.userId)) throw new Error(`user ${input.userId} is not a member of organization ${project.orgId}`);
      const taskId = input.taskId ?? null;
      if (taskId !== null && world.task(taskId)?.projectId !== project.id) throw new Error(`task ${taskId} is not in project ${project.id}`);
      const slotMs = toMs(input.timeSlot, 'timeSlot');
      if (slotMs % SLOT_MS !== 0) throw new Error('timeSlot must be aligned to 10 minutes');
      const tracked = input.tracked ?? 600;
      checkSeconds('tracked', tracked, 600);
      const overall = input.overall ?? (input.manual ? 0 : Math.round(tracked * 0.8));
      checkSeconds('overall', overall, tracked);
      const keyboard = input.keyboard ?? (input.manual ? 0 : Math.round(overall * 0.4));
      const mouse = input.mouse ?? (input.manual ? 0 : Math.round(overall * 0.7));
      checkSeconds('keyboard', keyboard, tracked);
      checkSeconds('mouse', mouse, tracked);
      const startOffsetSec = input.startOffsetSec ?? 0;
      checkSeconds('startOffsetSec', startOffsetSec, 600 - tracked);
      if (input.client !== undefined && !ACTIVITY_CLIENTS.includes(input.client)) throw new Error(`unknown client ${input.client}`);
      const us = d.nowUs();
      const id = world.activities.append({
        orgId: project.orgId,
        userId: input.userId,
        projectId: project.id,
        taskId,
        slotMs,
        startOffsetSec,
        tracked,
        keyboard,
        mouse,
        overall,
        billable: input.billable ?? project.billable,
        paid: input.paid ?? false,
        manual: input.manual ?? false,
        client: input.client ?? 'linux',
        createdUs: us,
        updatedUs: us,
      });
      return world.activities.toJson(world.activities.indexOf(id));
    },
    editActivity: (id, patch) => {
      const i = activityIndex(id);
      const store = world.activities;
      const orgId = store.orgOf(i);
      if (patch.userId !== undefined && !world.membership(orgId, patch.userId)) throw new Error(`user ${patch.userId} is not a member of organization ${orgId}`);
      if (patch.projectId !== undefined && world.project(patch.projectId)?.orgId !== orgId) throw new Error(`project ${patch.projectId} is not in organization ${orgId}`);
      const projectId = patch.projectId ?? store.projectOf(i);
      const taskId = patch.taskId === undefined ? store.taskOf(i) : patch.taskId;
      if (taskId !== null && world.task(taskId)?.projectId !== projectId) throw new Error(`task ${taskId} is not in project ${projectId}`);
      const now = store.fieldsOf(i);
      const tracked = patch.tracked ?? now.tracked;
      checkSeconds('tracked', tracked, 600);
      for (const k of ['keyboard', 'mouse', 'overall'] as const) checkSeconds(k, patch[k] ?? Math.min(now[k], tracked), tracked);
      const fixed: ActivityPatch = { ...patch, taskId };
      const offset = patch.startOffsetSec;
      checkSeconds('startOffsetSec', offset, 600 - tracked);
      if (offset === undefined) fixed.startOffsetSec = Math.min(600 - tracked, store.startOffsetOf(i));
      // Shrinking tracked pulls the activity counters down with it.
      for (const k of ['keyboard', 'mouse', 'overall'] as const) if (patch[k] === undefined && now[k] > tracked) fixed[k] = tracked;
      store.update(i, fixed, d.nowUs());
      return store.toJson(i);
    },
    deleteActivity: (id) => {
      const i = world.activities.indexOf(id);
      if (i < 0) return false;
      world.activities.remove(i);
      return true;
    },
    addTimeOffRequest: (input) => {
      const orgId = input.orgId ?? world.organizationsOf(input.userId)[0]?.id;
      if (orgId === undefined || !world.membership(orgId, input.userId)) throw new Error(`user ${input.userId} is not a member of organization ${String(orgId)}`);
      const policy = world.timeOffPolicies.find((p) => p.orgId === orgId);
      if (!policy) throw new Error(`organization ${orgId} has no time off policy`);
      const from = parseDate(input.from);
      const to = parseDate(input.to ?? input.from);
      if (Number.isNaN(from) || Number.isNaN(to) || to < from) throw new Error('from/to must be YYYY-MM-DD with to >= from');
      const days: number[] = [];
      for (let t = from; t <= to; t += DAY_MS) days.push(t);
      const status = input.status ?? 'approved';
      const us = d.nowUs();
      const approver = world.membersOf(orgId).find((m) => m.role === 'owner')?.userId ?? input.userId;
      const rec = {
        id: world.nextIds.timeOffRequest++,
        orgId,
        userId: input.userId,
        policyId: policy.id,
        status,
        days,
        secondsPerDay: 28_800,
        paid: policy.paid,
        message: input.message ?? 'Time off',
        createdById: input.userId,
        approvedById: status === 'approved' ? approver : null,
        deniedById: status === 'denied' ? approver : null,
        submittedUs: us,
        approvedUs: status === 'approved' ? us : null,
        deniedUs: status === 'denied' ? us : null,
        createdUs: us,
        updatedUs: us,
      };
      world.timeOffRequests.push(rec);
      return timeOffRequestJson(rec, world);
    },
    addMember: (input) => {
      if (!world.organization(input.orgId)) throw new Error(`unknown organization ${input.orgId}`);
      let userId = input.userId;
      if (userId === undefined) {
        const [first = 'New', ...rest] = (input.name ?? 'New Member').split(' ');
        const last = rest.join(' ') || 'Member';
        const us = d.nowUs();
        userId = world.nextIds.user++;
        world.users.set(userId, { id: userId, name: `${first} ${last}`, first_name: first, last_name: last, email: `${first}.${last}.${userId}@example.com`.toLowerCase(), time_zone: 'UTC', ip_address: '203.0.113.9', status: 'active', createdUs: us, updatedUs: us });
      } else if (!world.user(userId)) throw new Error(`unknown user ${userId}`);
      if (world.membership(input.orgId, userId)) throw new Error(`user ${userId} is already a member`);
      const us = d.nowUs();
      const m = { orgId: input.orgId, userId, role: input.role ?? 'user', status: 'active' as const, createdUs: us, updatedUs: us, lastClientActivityUs: us, removedUs: null };
      world.members.push(m);
      return memberJson(m);
    },
    removeMember: (orgId, userId) => {
      const m = world.membership(orgId, userId);
      if (!m) throw new Error(`user ${userId} is not a member of organization ${orgId}`);
      m.status = 'removed';
      m.removedUs = d.nowUs();
      m.updatedUs = m.removedUs;
    },

    setOrganizationSettings: (orgId, settings) => {
      const o = organization(orgId);
      for (const [k, v] of Object.entries(settings ?? {})) {
        if (!(k in DEFAULT_ORG_SETTINGS)) throw new Error(`unknown organization setting ${k} (known: ${Object.keys(DEFAULT_ORG_SETTINGS).join(', ')})`);
        if (typeof v !== 'boolean') throw new Error(`organization setting ${k} must be a boolean`);
        o.settings[k as keyof OrgSettings] = v;
      }
      return { ...o.settings };
    },
    organizationSettings: (orgId) => ({ ...organization(orgId).settings }),
    setTaskIntegration: (taskId, integrationId) => {
      const t = task(taskId);
      const v = integration(integrationId);
      t.integrationId = v;
      t.remoteId = v === null ? null : `EXT-${t.id}`;
      touch(t);
      return taskJson(t);
    },
    setProjectIntegration: (projectId, integrationId, options = {}) => {
      const p = world.project(projectId);
      if (!p) throw new Error(`unknown project ${projectId}`);
      const v = integration(integrationId);
      p.integrationId = v;
      p.updatedUs = d.nowUs();
      if (options.tasks ?? true) {
        for (const t of world.tasks) {
          if (t.projectId !== p.id || t.integrationId === v) continue;
          t.integrationId = v;
          t.remoteId = v === null ? null : `EXT-${t.id}`;
          touch(t);
        }
      }
      return projectJson(p);
    },
    timeEntries: (f = {}) =>
      world.timeEntries
        .filter((e) => (f.orgId === undefined || e.orgId === f.orgId) && (f.userId === undefined || e.userId === f.userId) && (f.projectId === undefined || e.projectId === f.projectId) && (f.taskId === undefined || e.taskId === f.taskId))
        .map(timeEntryJson),

    setRateLimit: (perHour) => limiter.setLimit(perHour),
    rateLimitUsage: () => limiter.usage(d.now()),
    resetRateLimit: () => limiter.reset(),

    injectFaults: (...rules) => rules.flat().map((r) => faults.add(r)),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),

    requests: () => log,
    clearRequestLog: () => {
      log.length = 0;
    },

    now: () => d.now(),
    advanceClock: (ms) => d.advanceClock(ms),

    me: () => userJson(world.me),
    users: () => [...world.users.values()].sort((a, b) => a.id - b.id).map(userJson),
    organizations: () => world.organizations.map(organizationJson),
    myOrganizationIds: () => world.organizationsOf(world.me.id).map((o) => o.id),
    members: (orgId) => world.membersOf(orgId).map(memberJson),
    projects: (orgId) => world.projects.filter((p) => orgId === undefined || p.orgId === orgId).map(projectJson),
    tasks: (f = {}) =>
      world.tasks
        .filter((t) => (f.orgId === undefined || t.orgId === f.orgId) && (f.projectId === undefined || t.projectId === f.projectId) && (f.assigneeId === undefined || t.assigneeIds.includes(f.assigneeId)) && (f.status === undefined || f.status.includes(t.status)))
        .map(taskJson),
    activities: (q) => world.activityJson(toFilter(q)),
    countActivities: (q) => world.activities.count(toFilter(q)),
    trackedSeconds: (q) => world.activities.all(toFilter(q)).reduce((sum, i) => sum + world.activities.fieldsOf(i).tracked, 0),
    dailyActivities: (f = {}) => {
      const from = f.from === undefined ? -Infinity : parseDate(f.from);
      const to = f.to === undefined ? Infinity : parseDate(f.to);
      return world
        .daily()
        .filter((r) => (f.orgId === undefined || r.orgId === f.orgId) && (f.userId === undefined || r.userId === f.userId) && r.dateMs >= from && r.dateMs <= to)
        .map(dailyJson);
    },
    timeOffRequests: (orgId) => world.timeOffRequests.filter((t) => orgId === undefined || t.orgId === orgId).map((t) => timeOffRequestJson(t, world)),
    summary: () => ({
      users: world.users.size,
      organizations: world.organizations.length,
      members: world.members.length,
      projects: world.projects.length,
      tasks: world.tasks.length,
      activities: world.activities.count(),
      dailyActivities: world.daily().length,
      timeOffRequests: world.timeOffRequests.length,
      timeEntries: world.timeEntries.length,
      requests: log.length,
    }),

    get state() {
      return world;
    },
  };
  return control;
}
