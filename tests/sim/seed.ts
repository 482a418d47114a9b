// Seeded data for the simulator: organizations, users and memberships, projects, tasks,
// 10-minute activities and time off requests, the same for the same (seed, spec) on every run.
// Activities go straight into the columnar ActivityStore in time order, so 200,000 of them take
// well under a second; daily activities are derived from them and therefore always agree.
//
// "Me" (the token owner the tests act as) is `world.me`: by default the owner of every
// organization in `spec.organizations`, and not a member of the `foreignOrganizations`.

import { ActivityStore } from './activity-store';
import type { ActivityFilter, ActivityJson } from './activity-store';
import type {
  ActivityClient,
  DailyRec,
  MemberRec,
  MembershipRole,
  OrgRec,
  OrgSettings,
  ProjectRec,
  TaskRec,
  TaskStatus,
  TimeEntryRec,
  TimeOffPolicyRec,
  TimeOffRequestRec,
  TimeOffStatus,
  UserRec,
} from './model';
import { DEFAULT_ORG_SETTINGS } from './model';
import { createPrng } from './prng';
import type { Prng } from './prng';
import { DAY_MS, HOUR_MS, SLOT_MS, parseDate } from './time';

/** Activities are generated for the organizations "me" belongs to (foreign ones get none). */
export interface ActivitySpec {
  /** First and last UTC date (inclusive), YYYY-MM-DD. */
  from: string;
  to: string;
  /** Chance that a member works a candidate slot (default 0.5). Ignored when `total` is set. */
  density?: number;
  /**
   * Exactly this many activities, spread evenly over the candidate slots. If working hours on
   * weekdays cannot hold them, every slot of every day is used (time off then ignored); if that
   * is not enough, it throws.
   */
  total?: number;
  /** UTC working hours [start, end) (default [8, 18]). */
  workHours?: [number, number];
  /** Also work on Saturdays and Sundays (default false). */
  weekends?: boolean;
  /** Share of activities that carry a task_id (default 0.7). */
  taskRatio?: number;
  /** No slot ending after this ISO instant (e.g. now, so nothing lies in the future). */
  notAfter?: string;
}

export interface SeedSpec {
  /** Organizations "me" belongs to (default 1). */
  organizations?: number;
  /** Organizations "me" is not a member of, so 403 can be tested (default 1). */
  foreignOrganizations?: number;
  /** Members per organization, "me" included (default 3). */
  membersPerOrg?: number;
  /** Active projects per organization (default 3). */
  projectsPerOrg?: number;
  /** Extra archived projects per organization (default 0). */
  archivedProjectsPerOrg?: number;
  /** Tasks per project (default 4). */
  tasksPerProject?: number;
  /** Share of seeded tasks that are completed (default 0.25). */
  completedTaskRatio?: number;
  /** Who "me" is: fixed id, name, email, role in its organizations (default owner). */
  me?: { userId?: number; name?: string; email?: string; role?: MembershipRole; timeZone?: string };
  /** Activity generation; `false` for none. Default: 2024-06-03 .. 2024-06-14, density 0.5. */
  activities?: ActivitySpec | false;
  /** Time off requests per member, within the activity range (default 1). */
  timeOffRequestsPerMember?: number;
  /**
   * Settings every organization starts with (default: "Require reason" on, approval of manual
   * time off — see model.ts). Change one organization later with control.setOrganizationSettings.
   */
  organizationSettings?: Partial<OrgSettings>;
}

export const DEFAULT_ACTIVITY_SPEC: ActivitySpec = { from: '2024-06-03', to: '2024-06-14', density: 0.5 };

/** First ids of each kind. Activity ids start above 2^31 so int32 assumptions fail loudly. */
export const ID_BASE = {
  organization: 5001,
  user: 100001,
  project: 700001,
  task: 9000001,
  activity: 3_000_000_001,
  daily: 400_000_001,
  timeOffPolicy: 8001,
  timeOffRequest: 60001,
  timeEntry: 1,
} as const;

const FIRST_NAMES = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Avery', 'Quinn', 'Robin', 'Drew', 'Kai', 'Noa', 'Lee', 'Mika'];
const LAST_NAMES = ['Doe', 'Rivera', 'Chen', 'Novak', 'Okafor', 'Larsen', 'Silva', 'Kowalski', 'Haddad', 'Tanaka', 'Moreau', 'Schmidt', 'Patel', 'Byrne'];
const ORG_NAMES = ['Acme', 'Globex', 'Initech', 'Umbrella Labs', 'Stark Studio', 'Wayne Works', 'Hooli', 'Vandelay'];
const PROJECT_NAMES = ['Website', 'Mobile App', 'Internal Tools', 'Marketing', 'Support', 'Data Platform', 'Design System', 'Billing', 'Onboarding', 'Research'];
const TASK_VERBS = ['Write', 'Review', 'Fix', 'Plan', 'Design', 'Test', 'Deploy', 'Document', 'Refactor', 'Draft'];
const TASK_OBJECTS = ['report', 'login flow', 'invoice export', 'release notes', 'API client', 'landing page', 'sprint board', 'onboarding email', 'search index', 'settings screen'];
const TIME_ZONES = ['America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'Europe/London', 'America/Los_Angeles', 'Australia/Sydney', 'UTC'];
const CLIENTS: ActivityClient[] = ['windows', 'mac', 'linux'];

/** The simulator's whole mutable state. Control methods and API handlers read and change it. */
export class World {
  users = new Map<number, UserRec>();
  organizations: OrgRec[] = [];
  members: MemberRec[] = [];
  projects: ProjectRec[] = [];
  tasks: TaskRec[] = [];
  timeOffPolicies: TimeOffPolicyRec[] = [];
  timeOffRequests: TimeOffRequestRec[] = [];
  /** Manual time posted through the API (each also added to `activities` as manual slots). */
  timeEntries: TimeEntryRec[] = [];
  activities = new ActivityStore(ID_BASE.activity);
  me!: UserRec;
  /** The spec after defaults. */
  spec!: Required<Omit<SeedSpec, 'me' | 'activities' | 'organizationSettings'>> & { activities: ActivitySpec | false; organizationSettings: OrgSettings };

  nextIds: Record<'user' | 'organization' | 'project' | 'task' | 'daily' | 'timeOffPolicy' | 'timeOffRequest' | 'timeEntry', number> = {
    user: ID_BASE.user,
    organization: ID_BASE.organization,
    project: ID_BASE.project,
    task: ID_BASE.task,
    daily: ID_BASE.daily,
    timeOffPolicy: ID_BASE.timeOffPolicy,
    timeOffRequest: ID_BASE.timeOffRequest,
    timeEntry: ID_BASE.timeEntry,
  };

  private dailyIds = new Map<string, number>();
  private dailyCache: { version: number; rows: DailyRec[] } | null = null;

  user(id: number): UserRec | undefined {
    return this.users.get(id);
  }

  organization(id: number): OrgRec | undefined {
    return this.organizations.find((o) => o.id === id);
  }

  project(id: number): ProjectRec | undefined {
    return this.projects.find((p) => p.id === id);
  }

  task(id: number): TaskRec | undefined {
    return this.tasks.find((t) => t.id === id);
  }

  membersOf(orgId: number, includeRemoved = false): MemberRec[] {
    return this.members.filter((m) => m.orgId === orgId && (includeRemoved || m.status === 'active'));
  }

  membership(orgId: number, userId: number): MemberRec | undefined {
    return this.members.find((m) => m.orgId === orgId && m.userId === userId && m.status === 'active');
  }

  /** Organizations the user is an active member of, in id order. */
  organizationsOf(userId: number): OrgRec[] {
    return this.organizations.filter((o) => this.membership(o.id, userId));
  }

  /** Daily activities aggregated from the live activities (rebuilt only after a change). */
  daily(): DailyRec[] {
    const version = this.activities.version;
    if (this.dailyCache?.version !== version) {
      const rows = this.activities.aggregateDaily(this.dailyIds, () => this.nextIds.daily++);
      this.dailyCache = { version, rows };
    }
    return this.dailyCache.rows;
  }

  /** Activities as the API would return them (a full scan; for assertions, not for 200k rows). */
  activityJson(filter: ActivityFilter = {}): ActivityJson[] {
    return this.activities.all(filter).map((i) => this.activities.toJson(i));
  }
}

interface Ctx {
  world: World;
  prng: Prng;
  baseUs: number;
}

function micros(prng: Prng, ms: number): number {
  return ms * 1000 + prng.int(0, 999_999);
}

function makeUser(ctx: Ctx, over: { id?: number; name?: string; email?: string; timeZone?: string } = {}): UserRec {
  const { world, prng } = ctx;
  const first = over.name?.split(' ')[0] ?? prng.pick(FIRST_NAMES);
  const last = over.name ? over.name.split(' ').slice(1).join(' ') || 'User' : prng.pick(LAST_NAMES);
  const id = over.id ?? world.nextIds.user++;
  if (id >= world.nextIds.user) world.nextIds.user = id + 1;
  if (world.users.has(id)) throw new Error(`seed: user id ${id} is used twice`);
  const createdUs = ctx.baseUs - prng.int(400, 1500) * DAY_MS * 1000 + prng.int(0, 999_999);
  const user: UserRec = {
    id,
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    email: over.email ?? `${first}.${last}.${id}@example.com`.toLowerCase(),
    time_zone: over.timeZone ?? prng.pick(TIME_ZONES),
    ip_address: `203.0.113.${prng.int(1, 254)}`,
    status: 'active',
    createdUs,
    updatedUs: createdUs + prng.int(1, 300) * DAY_MS * 1000,
  };
  world.users.set(id, user);
  return user;
}

/** Offset of `timeZone` from UTC at `ms`, in minutes (e.g. -240 for New York in summer). */
function zoneOffsetMinutes(timeZone: string, ms: number): number {
  const text = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(text);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** 09:00 on a UTC calendar day, read in the user's zone, as ms (Hubstaff's all-day start). */
export function localNineAm(dayMs: number, timeZone: string): number {
  const guess = dayMs + 9 * HOUR_MS;
  return guess - zoneOffsetMinutes(timeZone, guess) * 60_000;
}

function orgSettings(over: Partial<OrgSettings> = {}): OrgSettings {
  const out = { ...DEFAULT_ORG_SETTINGS };
  for (const k of Object.keys(DEFAULT_ORG_SETTINGS) as (keyof OrgSettings)[]) {
    const v = over[k];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new Error(`seed: organizationSettings.${k} must be a boolean`);
    out[k] = v;
  }
  return out;
}

function fillDefaults(spec: SeedSpec): World['spec'] {
  const count = (v: number | undefined, d: number, name: string, min = 0): number => {
    const n = v ?? d;
    if (!Number.isInteger(n) || n < min) throw new Error(`seed: ${name} must be an integer >= ${min}, got ${String(v)}`);
    return n;
  };
  return {
    organizations: count(spec.organizations, 1, 'organizations', 1),
    foreignOrganizations: count(spec.foreignOrganizations, 1, 'foreignOrganizations'),
    membersPerOrg: count(spec.membersPerOrg, 3, 'membersPerOrg', 1),
    projectsPerOrg: count(spec.projectsPerOrg, 3, 'projectsPerOrg', 1),
    archivedProjectsPerOrg: count(spec.archivedProjectsPerOrg, 0, 'archivedProjectsPerOrg'),
    tasksPerProject: count(spec.tasksPerProject, 4, 'tasksPerProject'),
    completedTaskRatio: spec.completedTaskRatio ?? 0.25,
    timeOffRequestsPerMember: count(spec.timeOffRequestsPerMember, 1, 'timeOffRequestsPerMember'),
    activities: spec.activities === undefined ? DEFAULT_ACTIVITY_SPEC : spec.activities,
    organizationSettings: orgSettings(spec.organizationSettings),
  };
}

/** Builds the world for a seed and spec. Same inputs, same world (ids, values, timestamps). */
export function generateWorld(seed = 1, spec: SeedSpec = {}): World {
  const world = new World();
  world.spec = fillDefaults(spec);
  const s = world.spec;
  const act = s.activities;
  const fromMs = act ? parseDate(act.from) : parseDate(DEFAULT_ACTIVITY_SPEC.from);
  const toMs = act ? parseDate(act.to) : parseDate(DEFAULT_ACTIVITY_SPEC.to);
  if (Number.isNaN(fromMs) || Number.isNaN(toMs) || toMs < fromMs) throw new Error(`seed: bad activity range ${act ? `${act.from}..${act.to}` : ''}`);
  const prng = createPrng(seed);
  const ctx: Ctx = { world, prng, baseUs: fromMs * 1000 };

  world.me = makeUser(ctx, { id: spec.me?.userId, name: spec.me?.name, email: spec.me?.email, timeZone: spec.me?.timeZone });
  const myRole = spec.me?.role ?? 'owner';

  for (let o = 0; o < s.organizations + s.foreignOrganizations; o++) {
    const mine = o < s.organizations;
    const createdUs = ctx.baseUs - prng.int(200, 2000) * DAY_MS * 1000 + prng.int(0, 999_999);
    const org: OrgRec = {
      id: world.nextIds.organization++,
      name: `${ORG_NAMES[o % ORG_NAMES.length]}${o >= ORG_NAMES.length ? ` ${o + 1}` : ''}`,
      status: 'active',
      invite_url: `https://app.hubstaff.com/organizations/invite/${inviteToken(prng)}`,
      createdUs,
      updatedUs: createdUs + prng.int(1, 100) * DAY_MS * 1000,
      settings: { ...s.organizationSettings },
    };
    world.organizations.push(org);

    const people: { user: UserRec; role: MembershipRole }[] = [];
    if (mine) people.push({ user: world.me, role: myRole });
    while (people.length < s.membersPerOrg) {
      const role: MembershipRole = people.length === 0 ? 'owner' : prng.chance(0.2) ? 'manager' : 'user';
      people.push({ user: makeUser(ctx), role });
    }
    for (const { user, role } of people) {
      const memberUs = org.createdUs + prng.int(0, 100) * DAY_MS * 1000;
      world.members.push({
        orgId: org.id,
        userId: user.id,
        role,
        status: 'active',
        createdUs: memberUs,
        updatedUs: memberUs + prng.int(0, 50) * DAY_MS * 1000,
        lastClientActivityUs: micros(prng, toMs + prng.int(8, 18) * HOUR_MS),
        removedUs: null,
      });
    }

    const projectCount = s.projectsPerOrg + s.archivedProjectsPerOrg;
    for (let p = 0; p < projectCount; p++) {
      const projectUs = org.createdUs + prng.int(1, 150) * DAY_MS * 1000;
      const project: ProjectRec = {
        id: world.nextIds.project++,
        orgId: org.id,
        name: PROJECT_NAMES[p % PROJECT_NAMES.length] + (p >= PROJECT_NAMES.length ? ` ${p + 1}` : ''),
        description: prng.chance(0.5) ? `Work on ${PROJECT_NAMES[p % PROJECT_NAMES.length]?.toLowerCase()}` : null,
        status: p < s.projectsPerOrg ? 'active' : 'archived',
        billable: prng.chance(0.7),
        createdUs: projectUs,
        updatedUs: projectUs + prng.int(0, 30) * DAY_MS * 1000,
        integrationId: null,
      };
      world.projects.push(project);
      for (let t = 0; t < s.tasksPerProject; t++) {
        const taskUs = Math.max(projectUs, ctx.baseUs - prng.int(1, 60) * DAY_MS * 1000);
        const completed = prng.chance(s.completedTaskRatio);
        const assignee = prng.chance(0.1) ? null : mine && prng.chance(0.5) ? world.me.id : (prng.pick(people).user.id);
        const status: TaskStatus = completed ? 'completed' : 'active';
        world.tasks.push({
          id: world.nextIds.task++,
          orgId: org.id,
          projectId: project.id,
          summary: `${prng.pick(TASK_VERBS)} ${prng.pick(TASK_OBJECTS)}${prng.chance(0.3) ? ` [${prng.pick(['30m', '1h', '1h30m', '2h'])}]` : ''}`,
          details: prng.chance(0.3) ? 'Details for this to-do.' : null,
          status,
          assigneeIds: assignee === null ? [] : [assignee],
          lockVersion: completed ? 1 : 0,
          dueUs: prng.chance(0.3) ? (toMs + prng.int(1, 20) * DAY_MS) * 1000 : null,
          completedUs: completed ? micros(prng, toMs - prng.int(0, 5) * DAY_MS) : null,
          createdUs: taskUs,
          updatedUs: taskUs + prng.int(0, 5) * DAY_MS * 1000,
          integrationId: null,
          remoteId: null,
        });
      }
    }

    const policyUs = org.createdUs + DAY_MS * 1000;
    const policy: TimeOffPolicyRec = { id: world.nextIds.timeOffPolicy++, orgId: org.id, name: 'Vacation', paid: true, createdById: people[0]?.user.id ?? world.me.id, createdUs: policyUs, updatedUs: policyUs };
    world.timeOffPolicies.push(policy);
  }

  seedTimeOff(ctx, fromMs, toMs);
  if (act) seedActivities(ctx, act, fromMs, toMs);
  world.daily(); // assign daily ids now, in a deterministic order
  return world;
}

function inviteToken(prng: Prng): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < 22; i++) out += abc[prng.int(0, abc.length - 1)];
  return out;
}

function seedTimeOff(ctx: Ctx, fromMs: number, toMs: number): void {
  const { world, prng } = ctx;
  const n = world.spec.timeOffRequestsPerMember;
  if (n === 0) return;
  const days = Math.round((toMs - fromMs) / DAY_MS) + 1;
  for (const m of world.members) {
    const policy = world.timeOffPolicies.find((p) => p.orgId === m.orgId);
    const owner = world.members.find((x) => x.orgId === m.orgId && x.role === 'owner');
    if (!policy) continue;
    for (let k = 0; k < n; k++) {
      const start = fromMs + prng.int(0, days - 1) * DAY_MS;
      const length = prng.chance(0.7) ? 1 : 2;
      const covered: number[] = [];
      for (let d = 0; d < length && start + d * DAY_MS <= toMs; d++) covered.push(start + d * DAY_MS);
      const roll = prng.next();
      const status: TimeOffStatus = roll < 0.6 ? 'approved' : roll < 0.85 ? 'submitted' : 'denied';
      const createdUs = micros(prng, start - prng.int(3, 20) * DAY_MS);
      const decidedUs = createdUs + prng.int(1, 48) * HOUR_MS * 1000;
      const approver = owner?.userId ?? world.me.id;
      world.timeOffRequests.push({
        id: world.nextIds.timeOffRequest++,
        orgId: m.orgId,
        userId: m.userId,
        policyId: policy.id,
        status,
        days: covered,
        secondsPerDay: 28_800,
        paid: policy.paid,
        message: prng.pick(['Family trip', 'Doctor appointment', 'Moving house', 'Conference', 'Rest day']),
        createdById: m.userId,
        approvedById: status === 'approved' ? approver : null,
        deniedById: status === 'denied' ? approver : null,
        submittedUs: createdUs,
        approvedUs: status === 'approved' ? decidedUs : null,
        deniedUs: status === 'denied' ? decidedUs : null,
        createdUs,
        updatedUs: status === 'submitted' ? createdUs : decidedUs,
      });
    }
  }
  world.timeOffRequests.sort((a, b) => a.id - b.id);
}

interface Worker {
  orgId: number;
  userId: number;
  client: ActivityClient;
  projects: ProjectRec[];
  /** Tasks per project id assigned to this member. */
  tasks: Map<number, number[]>;
  offDays: Set<number>;
  /** A person in k organizations works for this one on days where dayNumber % k === slot. */
  orgShare: { k: number; slot: number };
  project: ProjectRec;
  taskId: number | null;
}

function seedActivities(ctx: Ctx, spec: ActivitySpec, fromMs: number, toMs: number): void {
  const { world, prng } = ctx;
  const taskRatio = spec.taskRatio ?? 0.7;
  const workers: Worker[] = [];
  for (const org of world.organizationsOf(world.me.id)) {
    const projects = world.projects.filter((p) => p.orgId === org.id && p.status === 'active');
    for (const m of world.membersOf(org.id)) {
      const tasks = new Map<number, number[]>();
      for (const t of world.tasks) {
        if (t.orgId === org.id && t.assigneeIds.includes(m.userId)) tasks.set(t.projectId, [...(tasks.get(t.projectId) ?? []), t.id]);
      }
      const offDays = new Set<number>();
      for (const r of world.timeOffRequests) if (r.userId === m.userId && r.orgId === org.id && r.status === 'approved') for (const d of r.days) offDays.add(d);
      const project = projects[0];
      if (!project) continue;
      const theirOrgs = world.organizationsOf(m.userId).filter((o) => world.membership(o.id, world.me.id));
      const orgShare = { k: theirOrgs.length, slot: theirOrgs.findIndex((o) => o.id === org.id) };
      workers.push({ orgId: org.id, userId: m.userId, client: prng.pick(CLIENTS), projects, tasks, offDays, orgShare, project, taskId: null });
    }
  }

  const [h0, h1] = spec.workHours ?? [8, 18];
  const notAfter = spec.notAfter === undefined ? Infinity : Date.parse(spec.notAfter);
  if (Number.isNaN(notAfter)) throw new Error(`seed: activities.notAfter is not an ISO instant: ${spec.notAfter}`);
  const plan = (allHours: boolean, visit: (w: Worker, slotMs: number) => void): void => {
    const first = allHours ? 0 : Math.max(0, h0 * 6);
    const last = allHours ? 144 : Math.min(144, h1 * 6);
    for (let day = fromMs; day <= toMs; day += DAY_MS) {
      const wd = new Date(day).getUTCDay();
      if (!allHours && !spec.weekends && (wd === 0 || wd === 6)) continue;
      const dayNumber = Math.round(day / DAY_MS);
      const today = workers.filter((w) => dayNumber % w.orgShare.k === w.orgShare.slot && (allHours || !w.offDays.has(day)));
      for (let s = first; s < last; s++) {
        const slot = day + s * SLOT_MS;
        if (slot + SLOT_MS > notAfter) break;
        for (const w of today) visit(w, slot);
      }
    }
  };

  let pickSlot: () => boolean;
  let allHours = false;
  if (spec.total !== undefined) {
    if (!Number.isInteger(spec.total) || spec.total < 0) throw new Error(`seed: activities.total must be a non-negative integer`);
    let candidates = 0;
    plan(false, () => candidates++);
    if (candidates < spec.total) {
      allHours = true;
      candidates = 0;
      plan(true, () => candidates++);
      if (candidates < spec.total) throw new Error(`seed: ${spec.total} activities do not fit in ${candidates} slots; widen the range or add members`);
    }
    // Selection sampling: exactly `total` slots, uniformly spread, still in time order.
    let need = spec.total;
    let left = candidates;
    pickSlot = () => {
      const take = prng.next() * left < need;
      left--;
      if (take) need--;
      return take;
    };
  } else {
    const density = spec.density ?? 0.5;
    pickSlot = () => prng.next() < density;
  }

  const store = world.activities;
  plan(allHours, (w, slotMs) => {
    if (!pickSlot()) return;
    // Members stay on a project/task for a while, as people do.
    if (w.taskId === null ? prng.chance(0.15) : prng.chance(0.1)) {
      w.project = prng.pick(w.projects);
      const mine = w.tasks.get(w.project.id);
      w.taskId = mine && prng.chance(taskRatio) ? prng.pick(mine) : null;
    }
    const full = prng.chance(0.85);
    const tracked = full ? 600 : prng.int(30, 599);
    const manual = prng.chance(0.01);
    const overall = manual ? 0 : Math.round(tracked * (0.3 + prng.next() * 0.7));
    const keyboard = manual ? 0 : Math.round(overall * (0.1 + prng.next() * 0.7));
    const mouse = manual ? 0 : Math.round(overall * (0.4 + prng.next() * 0.6));
    const createdUs = (slotMs + SLOT_MS) * 1000 + prng.int(5_000_000, 90_000_000) + prng.int(0, 999);
    store.append({
      orgId: w.orgId,
      userId: w.userId,
      projectId: w.project.id,
      taskId: w.taskId,
      slotMs,
      startOffsetSec: full ? 0 : prng.chance(0.5) ? 600 - tracked : 0,
      tracked,
      keyboard,
      mouse,
      overall,
      billable: w.project.billable,
      paid: false,
      manual,
      client: w.client,
      createdUs,
      updatedUs: createdUs,
    });
  });
}

/** Convenience readers for assertions on the seeded data. */
export function trackedSeconds(world: World, filter: ActivityFilter = {}): number {
  let sum = 0;
  for (const i of world.activities.all(filter)) sum += world.activities.fieldsOf(i).tracked;
  return sum;
}

export function tasksOf(world: World, filter: { orgId?: number; projectId?: number; assigneeId?: number; statuses?: TaskStatus[] } = {}): TaskRec[] {
  return world.tasks.filter(
    (t) =>
      (filter.orgId === undefined || t.orgId === filter.orgId) &&
      (filter.projectId === undefined || t.projectId === filter.projectId) &&
      (filter.assigneeId === undefined || t.assigneeIds.includes(filter.assigneeId)) &&
      (filter.statuses === undefined || filter.statuses.includes(t.status)),
  );
}
