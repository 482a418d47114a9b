// Records -> Hubstaff API v2 JSON (Swagger definitions User, Organization, OrganizationMember,
// Project, Task, DailyActivity, TimeOffRequest, TimeOffPolicy). Unset optional values are sent
// as explicit null where the reference samples show null (tasks, activities), and left out
// where the samples leave them out (members); which one Hubstaff really does is [I].

import type { DailyRec, MemberRec, OrgRec, ProjectRec, TaskRec, TimeOffPolicyRec, TimeOffRequestRec, UserRec } from './model';
import { isoDate, isoMicros, isoSeconds } from './time';
import { localNineAm } from './seed';
import type { World } from './seed';

const HOUR_MS = 3_600_000;

export function userJson(u: UserRec): Record<string, unknown> {
  return {
    id: u.id,
    name: u.name,
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    time_zone: u.time_zone,
    ip_address: u.ip_address,
    status: u.status,
    created_at: isoMicros(u.createdUs),
    updated_at: isoMicros(u.updatedUs),
  };
}

export function organizationJson(o: OrgRec): Record<string, unknown> {
  return {
    id: o.id,
    name: o.name,
    status: o.status,
    created_at: isoMicros(o.createdUs),
    updated_at: isoMicros(o.updatedUs),
    member_profile_fields: [],
    metadata: {},
    invite_url: o.invite_url,
  };
}

const EFFECTIVE_ROLE: Record<MemberRec['role'], string> = { owner: 'organization_owner', manager: 'organization_manager', user: 'project_user' };

export function memberJson(m: MemberRec): Record<string, unknown> {
  const out: Record<string, unknown> = {
    user_id: m.userId,
    membership_role: m.role,
    membership_status: m.status,
    effective_role: EFFECTIVE_ROLE[m.role],
    trackable: 'true',
    created_at: isoMicros(m.createdUs),
    updated_at: isoMicros(m.updatedUs),
    last_client_activity: isoMicros(m.lastClientActivityUs),
    metadata: {},
    view_only: false,
  };
  if (m.removedUs !== null) out.removed_at = isoMicros(m.removedUs);
  return out;
}

export function projectJson(p: ProjectRec): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    created_at: isoMicros(p.createdUs),
    updated_at: isoMicros(p.updatedUs),
    status: p.status,
    type: 'project',
    client_id: null,
    billable: p.billable,
    metadata: {},
  };
}

export function taskJson(t: TaskRec): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: t.id,
    integration_id: t.integrationId,
    status: t.status,
    project_id: t.projectId,
    project_type: 'project',
    summary: t.summary,
    details: t.details,
    remote_id: t.remoteId,
    remote_alternate_id: null,
    lock_version: t.lockVersion,
    assignee_ids: [...t.assigneeIds],
    metadata: { ...t.metadata },
    completed_at: t.completedUs === null ? null : isoMicros(t.completedUs),
    due_at: t.dueUs === null ? null : isoMicros(t.dueUs),
    created_at: isoMicros(t.createdUs),
    updated_at: isoMicros(t.updatedUs),
    global_todo_id: null,
  };
  // Rates appear once a PUT/POST set them (the reference samples carry none).
  if (t.payRate !== undefined) out.pay_rate = t.payRate;
  if (t.billRate !== undefined) out.bill_rate = t.billRate;
  return out;
}

export function dailyJson(d: DailyRec): Record<string, unknown> {
  return {
    id: d.id,
    date: isoDate(d.dateMs),
    user_id: d.userId,
    project_id: d.projectId,
    task_id: d.taskId,
    keyboard: d.keyboard,
    mouse: d.mouse,
    overall: d.overall,
    tracked: d.tracked,
    input_tracked: d.input_tracked,
    manual: d.manual,
    idle: 0,
    resumed: 0,
    billable: d.billable,
    work_break: 0,
    created_at: isoMicros(d.createdUs),
    updated_at: isoMicros(d.updatedUs),
  };
}

/** All-day requests run 09:00-17:00 in the user's zone (as Hubstaff normalizes them). */
export function timeOffRequestJson(r: TimeOffRequestRec, world: World): Record<string, unknown> {
  const zone = world.user(r.userId)?.time_zone ?? 'UTC';
  const days = r.days.map((d) => {
    const start = localNineAm(d, zone);
    return { date: isoDate(d), amount_used: r.secondsPerDay, starts_at: isoSeconds(start), stops_at: isoSeconds(start + 8 * HOUR_MS), holiday: false, paid: r.paid };
  });
  const first = days[0];
  const last = days[days.length - 1];
  return {
    id: r.id,
    user_id: r.userId,
    time_off_policy_id: r.policyId,
    status: r.status,
    all_day: true,
    starts_at: first?.starts_at ?? null,
    stops_at: last?.stops_at ?? null,
    submitted_at: isoMicros(r.submittedUs),
    approved_at: r.approvedUs === null ? null : isoMicros(r.approvedUs),
    denied_at: r.deniedUs === null ? null : isoMicros(r.deniedUs),
    paid: r.paid,
    amount_used: r.secondsPerDay * r.days.length,
    message: r.message,
    response: null,
    created_by_id: r.createdById,
    approved_by_id: r.approvedById,
    denied_by_id: r.deniedById,
    team_payment_detail_id: null,
    team_payment_id: null,
    time_off_request_days: days,
    created_at: isoMicros(r.createdUs),
    updated_at: isoMicros(r.updatedUs),
  };
}

/** Start of a time off request (first day 09:00 in the user's zone), ms. */
export function timeOffStartMs(r: TimeOffRequestRec, world: World): number {
  const first = r.days[0];
  return first === undefined ? 0 : localNineAm(first, world.user(r.userId)?.time_zone ?? 'UTC');
}

export function timeOffPolicyJson(p: TimeOffPolicyRec): Record<string, unknown> {
  return {
    id: p.id,
    organization_id: p.orgId,
    created_at: isoMicros(p.createdUs),
    updated_at: isoMicros(p.updatedUs),
    name: p.name,
    created_by_id: p.createdById,
    auto_add_new_users: true,
    allow_negative_balances: false,
    requires_approval: true,
    balance_rolls_over_annually: false,
    paid: p.paid,
    status: 'active',
    policy_type: 'accrual',
    policy_config: { starting_balance: 0, accrual_period: 'year', hours_per_year: 160 },
  };
}
