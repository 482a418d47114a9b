// Hubstaff API v2 write endpoints (reference §3.5 and §3.8; bodies from the Swagger definitions
// putV2TasksTaskId, postV2ProjectsProjectIdTasks and postV2UsersUserIdTimeEntries):
//
//   PUT  /v2/tasks/{task_id}             {lock_version (required), summary?, status? (active|completed),
//                                         assignee_id?, assignee_ids?, pay_rate?, bill_rate?, metadata?}
//                                         -> 200 {"task": Task}
//   POST /v2/projects/{project_id}/tasks {summary (required), assignee_id?, assignee_ids?, pay_rate?,
//                                         bill_rate?, metadata?} -> 200 {"task": Task} ("To-do created")
//   POST /v2/users/{user_id}/time_entries {project_id, start_time, tracked (required), task_id?,
//                                         billable?, note?} -> 201 {"success": true} (no id)
//
// Hubstaff documents *that* these refuse some requests, not *how*. The simulator's answers [I]
// (codes in http-util.ts API_ERRORS, all with the Swagger's error body {code, error_code, error}):
//   - a stale lock_version: 409 `conflict` (12002), the message naming lock_version. The Swagger
//     lists no 409; the reference expects "409, or a 400 that names lock_version" and we take 409
//     because it cannot be mistaken for a bad parameter a client should not retry;
//   - a to-do with an integration_id ("Only simple todos can be updated. 3rd party tasks must be
//     updated in their system"), or a new to-do in an integrated project ("you must create the
//     task in that tool instead"): 403 `forbidden` (12003). 403 is the Swagger's refusal status;
//     it is not a malformed request (400) and retrying cannot help;
//   - manual time in an organization whose manual time needs approval ("Manual time entries that
//     require approval cannot be added through the API"): 403 `forbidden` (14002), same reasoning;
//   - manual time without a note where "Require reason" is on (the default, per the Swagger's
//     `note`: "it's REQUIRED by default"): 400 `invalid_params` (14001), "note is missing …";
//   - manual time that would end after now: 400 (Hubstaff does not take time in the future [I]).
// A stale lock_version is checked before anything is applied, even for a PUT that would change
// nothing; such a no-op PUT answers 200 and leaves lock_version alone (as Rails' optimistic
// locking does), every PUT that changes the task moves lock_version by one.
// Manual time appears at once as manual activities (one per 10-minute slot it covers, time_type
// "manual", tracks_input false, no keyboard/mouse) with a fresh updated_at, so activities,
// activities/updates and the daily totals' `manual` seconds all show it.

import type { Req } from './access';
import { orgAccess, projectAccess } from './access';
import type { Body, SimResponse } from './http-util';
import { ApiError } from './http-util';
import type { OrgRec, TaskRec, TimeEntryRec } from './model';
import { taskJson } from './serialize';
import { SLOT_MS, parseInstant } from './time';

/** The longest manual time entry accepted, seconds [I]. */
export const MAX_TIME_ENTRY_SECONDS = 86_400;

function body(r: Req): Body {
  if (!r.body) throw new ApiError('invalid_params', 'The request body must be a JSON object');
  return r.body;
}

/** assignee_ids (or a single assignee_id), each a member of the organization; undefined if neither is sent. */
function assignees(b: Body, org: OrgRec, r: Req): number[] | undefined {
  const many = b.intList('assignee_ids');
  const one = b.int('assignee_id');
  const ids = many ?? (one === undefined ? undefined : [one]);
  if (ids === undefined) return undefined;
  for (const id of ids) if (!r.ctx.world.membership(org.id, id)) throw new ApiError('invalid_params', `assignee ${id} is not a member of this organization`);
  return [...new Set(ids)];
}

function summaryOf(b: Body, required: boolean): string | undefined {
  const s = b.string('summary');
  if (s === undefined) {
    if (required) throw new ApiError('invalid_params', 'summary is missing');
    return undefined;
  }
  if (s.trim() === '') throw new ApiError('invalid_params', 'summary is empty');
  return s;
}

function rates(b: Body): { payRate: number | null | undefined; billRate: number | null | undefined } {
  return { payRate: b.numberOrNull('pay_rate'), billRate: b.numberOrNull('bill_rate') };
}

export function updateTask(r: Req, taskId: number): SimResponse {
  const { world } = r.ctx;
  const task = world.task(taskId);
  if (!task || task.status === 'deleted') throw new ApiError('not_found', 'Could not find record');
  const { org } = orgAccess(r, task.orgId);
  const b = body(r);
  const lockVersion = b.int('lock_version', true);
  const summary = summaryOf(b, false);
  const status = b.enumValue('status', ['active', 'completed'] as const);
  const ids = assignees(b, org, r);
  const { payRate, billRate } = rates(b);
  const metadata = b.metadata('metadata');
  if (task.integrationId !== null) {
    throw new ApiError('third_party', 'Only simple to-dos can be updated: this to-do belongs to a 3rd party integration and must be updated in that system');
  }
  if (lockVersion !== task.lockVersion) {
    throw new ApiError('stale_lock_version', `lock_version ${lockVersion} is stale: the to-do was changed since it was fetched (current lock_version is ${task.lockVersion})`);
  }
  let changed = false;
  const set = <K extends keyof TaskRec>(key: K, value: TaskRec[K] | undefined, same = (a: TaskRec[K], b2: TaskRec[K]) => a === b2): void => {
    if (value === undefined || (task[key] !== undefined && same(task[key], value))) return;
    task[key] = value;
    changed = true;
  };
  set('summary', summary);
  set('assigneeIds', ids, (a, c) => a.length === c.length && a.every((x, i) => x === c[i]));
  set('payRate', payRate);
  set('billRate', billRate);
  set('metadata', metadata, (a, c) => JSON.stringify(a) === JSON.stringify(c));
  const statusChanged = status !== undefined && status !== task.status;
  if (statusChanged) {
    task.status = status;
    changed = true;
  }
  if (changed) {
    task.lockVersion++;
    task.updatedUs = r.ctx.nowUs();
    if (statusChanged) task.completedUs = task.status === 'completed' ? task.updatedUs : null;
  }
  return { status: 200, json: { task: taskJson(task) } };
}

export function createTask(r: Req, projectId: number): SimResponse {
  const { world } = r.ctx;
  const { org, project } = (() => {
    const a = projectAccess(r, projectId);
    return { org: a.org.org, project: a.project };
  })();
  const b = body(r);
  const summary = summaryOf(b, true) as string;
  const ids = assignees(b, org, r) ?? [];
  const { payRate, billRate } = rates(b);
  const metadata = b.metadata('metadata');
  if (project.integrationId !== null) {
    throw new ApiError('third_party', 'This project is integrated with a 3rd party tool: create the to-do in that tool instead');
  }
  const us = r.ctx.nowUs();
  const task: TaskRec = {
    id: world.nextIds.task++,
    orgId: org.id,
    projectId: project.id,
    summary,
    details: null,
    status: 'active',
    assigneeIds: ids,
    lockVersion: 0,
    dueUs: null,
    completedUs: null,
    createdUs: us,
    updatedUs: us,
    integrationId: null,
    remoteId: null,
  };
  if (payRate !== undefined) task.payRate = payRate;
  if (billRate !== undefined) task.billRate = billRate;
  if (metadata !== undefined) task.metadata = metadata;
  world.tasks.push(task);
  return { status: 200, json: { task: taskJson(task) } };
}

/** ISO 8601 with a time and a zone (a bare date or a zone-less local time is refused). */
const START_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function createTimeEntry(r: Req, userId: number): SimResponse {
  const { world } = r.ctx;
  const b = body(r);
  const projectId = b.int('project_id', true);
  const startText = b.string('start_time');
  if (startText === undefined || startText === '') throw new ApiError('invalid_params', 'start_time is missing');
  const startParsed = START_TIME_RE.test(startText) ? parseInstant(startText) : Number.NaN;
  if (Number.isNaN(startParsed)) throw new ApiError('invalid_params', 'start_time is invalid');
  const tracked = b.int('tracked', true);
  if (tracked < 1 || tracked > MAX_TIME_ENTRY_SECONDS) throw new ApiError('invalid_params', `tracked must be between 1 and ${MAX_TIME_ENTRY_SECONDS} seconds`);
  const taskId = b.intOrNull('task_id') ?? null;
  const billableIn = b.bool('billable');
  const note = b.string('note') ?? null;

  const user = world.user(userId);
  if (!user) throw new ApiError('not_found', 'Could not find record');
  const project = world.project(projectId);
  if (!project) throw new ApiError('not_found', 'Could not find record');
  const { org, member } = orgAccess(r, project.orgId);
  if (!world.membership(org.id, userId)) throw new ApiError('invalid_params', `user ${userId} is not a member of the project's organization`);
  if (userId !== r.principal.userId && member.role === 'user') throw new ApiError('forbidden', 'You can only add time for yourself');
  if (taskId !== null) {
    const task = world.task(taskId);
    if (!task || task.projectId !== project.id || task.status === 'deleted') throw new ApiError('invalid_params', 'task_id is invalid: no such to-do in this project');
  }
  const startMs = Math.floor(startParsed / 1000) * 1000;
  const endMs = startMs + tracked * 1000;
  if (endMs > r.ctx.now()) throw new ApiError('invalid_params', 'Time entries cannot be added in the future');
  if (org.settings.manualTimeApproval) {
    throw new ApiError('approval_required', 'Manual time entries that require approval cannot be added through the API');
  }
  if (org.settings.requireReason && (note === null || note.trim() === '')) {
    throw new ApiError('note_required', 'note is missing: this organization requires a reason (note) for manual time');
  }

  const billable = billableIn ?? project.billable;
  const activityIds: number[] = [];
  for (let t = startMs; t < endMs; ) {
    const slotMs = Math.floor(t / SLOT_MS) * SLOT_MS;
    const stop = Math.min(endMs, slotMs + SLOT_MS);
    const us = r.ctx.nowUs();
    activityIds.push(
      world.activities.append({
        orgId: org.id,
        userId,
        projectId: project.id,
        taskId,
        slotMs,
        startOffsetSec: (t - slotMs) / 1000,
        tracked: (stop - t) / 1000,
        keyboard: 0,
        mouse: 0,
        overall: 0,
        billable,
        paid: false,
        manual: true,
        client: 'web',
        createdUs: us,
        updatedUs: us,
      }),
    );
    t = stop;
  }
  const entry: TimeEntryRec = {
    id: world.nextIds.timeEntry++,
    orgId: org.id,
    userId,
    createdById: r.principal.userId,
    projectId: project.id,
    taskId,
    startMs,
    tracked,
    billable,
    note,
    activityIds,
    createdUs: r.ctx.nowUs(),
  };
  world.timeEntries.push(entry);
  return { status: 201, json: { success: true } };
}
