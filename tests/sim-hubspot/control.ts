// The HubSpot simulator's control API: what tests (in process) and other processes (over
// POST /__control/<name>) use to issue tokens, change tasks, move the clock, set limits, inject
// faults and read the request log. JSON-able arguments and results, except `state`.

import type { ClientRegistration, Grant, TokenResponse, TokenStore } from './auth';
import type { HubspotFaultRule, HubspotFaults } from './faults';
import type { LimitConfig, RateLimiter } from './limits';
import type { OwnerRec, TaskProps, TaskRec, TaskVersion } from './model';
import { ENUM_VALUES, READ_ONLY_PROPERTIES, TASK_PROPERTIES, iso, ownerJson, searchVersion, taskJson } from './model';
import type { HubspotWorld } from './seed';
import { OWNER_ID_BASE, USER_ID_BASE } from './seed';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** The parsed JSON body of a POST (search requests), when it was JSON. */
  body?: unknown;
  /** HTTP status sent; 0 when the connection was reset or the client went away first. */
  status: number;
  /** Simulator clock (ms) when the request arrived. */
  at: number;
  /** The Authorization header's kind, and which kind of token it carried when known. */
  auth: 'none' | 'private_app' | 'oauth' | 'invalid';
  correlationId: string;
  /** POST /oauth/v1/token: the grant_type sent. */
  grantType?: string;
  /** The error body's category, or `RATE_LIMITS:<policy>` for a 429. */
  category?: string;
  fault?: { kind: HubspotFaultRule['kind']; ruleId: number; recordIds?: unknown[] };
}

/** Task properties by their HubSpot names; read-only ones are refused. */
export type TaskInput = Record<string, string | null>;

export interface UpdateOptions {
  /** This change reaches search after this many ms instead of the simulator's lag. */
  indexLagMs?: number;
}

export interface HubspotSimControl {
  // -- tokens
  createPrivateApp(opts?: { scopes?: string[]; userId?: number }): { token: string; appId: number };
  registerClient(c: ClientRegistration): { appId: number };
  /** A grant and its first token pair for the client (default: the first registered). */
  issueOAuthTokens(opts?: { clientId?: string; userId?: number; scopes?: string[] }): TokenResponse;
  issueAuthorizationCode(opts: { clientId: string; redirectUri: string; userId?: number; scopes?: string[]; codeChallenge?: string }): string;
  /** Scopes of a private app token, or of the grant behind an access or refresh token. */
  setScopes(token: string, scopes: string[]): void;
  revoke(token: string): void;
  expire(accessToken: string): void;
  setRotateRefreshTokens(rotate: boolean): void;
  listGrants(): Omit<Grant, 'refreshToken'>[];
  tokenEndpointCalls(): Record<string, number>;

  // -- data
  createTask(props: TaskInput, opts?: UpdateOptions): Record<string, unknown>;
  updateTask(id: string, patch: TaskInput, opts?: UpdateOptions): Record<string, unknown>;
  completeTask(id: string, opts?: UpdateOptions): Record<string, unknown>;
  archiveTask(id: string, opts?: UpdateOptions): Record<string, unknown>;
  /** Search sees changes this many ms after they happen (0 = at once). */
  setIndexLag(ms: number): void;
  addOwner(input: { email: string; firstName?: string; lastName?: string }): Record<string, unknown>;
  me(): Record<string, unknown>;
  owners(): Record<string, unknown>[];
  /** Tasks as GET shows them (all properties), newest state; archived only when asked. */
  tasks(filter?: { ownerId?: string | null; status?: string[]; includeArchived?: boolean }): Record<string, unknown>[];
  /** Ids search would show right now (for index-lag tests). */
  searchableTaskIds(): string[];

  // -- limits
  setLimits(partial: Partial<LimitConfig>): LimitConfig;
  setDailyUsage(used: number): void;
  limitState(): ReturnType<RateLimiter['state']>;
  setTimeZone(timeZone: string): void;

  // -- faults, log, clock
  injectFaults(...rules: (HubspotFaultRule | HubspotFaultRule[])[]): number[];
  clearFaults(): void;
  listFaults(): { id: number; rule: HubspotFaultRule; seen: number; fired: number }[];
  requests(): RequestLogEntry[];
  clearRequestLog(): void;
  now(): number;
  advanceClock(ms: number): number;
  summary(): Record<string, number>;

  readonly state: HubspotWorld;
}

export interface ControlDeps {
  world: HubspotWorld;
  tokens: TokenStore;
  limits: RateLimiter;
  faults: HubspotFaults;
  log: RequestLogEntry[];
  now: () => number;
  advanceClock: (ms: number) => number;
  indexLag: { ms: number };
}

function checkProps(input: TaskInput, creating: boolean): void {
  for (const [k, v] of Object.entries(input)) {
    if (!(k in TASK_PROPERTIES)) throw new Error(`unknown task property ${k}`);
    if (READ_ONLY_PROPERTIES.has(k)) throw new Error(`${k} is read-only`);
    if (v !== null && typeof v !== 'string') throw new Error(`${k}: property values are strings or null`);
    const allowed = ENUM_VALUES[k];
    if (allowed && v !== null && !allowed.includes(v)) throw new Error(`${k}: ${v} is not one of ${allowed.join(', ')}`);
    if (TASK_PROPERTIES[k] === 'datetime' && v !== null && Number.isNaN(/^\d+$/.test(v) ? Number(v) : Date.parse(v))) throw new Error(`${k}: not a date-time`);
  }
  if (creating && !input.hs_task_subject) throw new Error('hs_task_subject is required');
}

/** Date-times given as epoch ms are stored as ISO-ms strings, as HubSpot answers them. */
function normalizeDates(input: TaskInput): TaskInput {
  const out: TaskInput = { ...input };
  for (const [k, v] of Object.entries(out)) if (TASK_PROPERTIES[k] === 'datetime' && v !== null && /^\d+$/.test(v)) out[k] = iso(Number(v));
  return out;
}

export function createControl(d: ControlDeps): HubspotSimControl {
  const { world, tokens, limits, faults, log } = d;

  const task = (id: string): TaskRec => {
    const t = world.byId.get(String(id));
    if (!t) throw new Error(`unknown task ${id}`);
    return t;
  };
  const checkOwner = (ownerId: string | null | undefined): void => {
    if (ownerId !== null && ownerId !== undefined && !world.owners.some((o) => o.id === ownerId)) throw new Error(`unknown owner ${ownerId}`);
  };
  /** Applies a change: the search index keeps showing the old version until the lag passes. */
  const commit = (t: TaskRec, next: TaskVersion, opts: UpdateOptions = {}): Record<string, unknown> => {
    const now = d.now();
    if (now >= t.indexedAtMs) t.indexed = t.current;
    t.current = next;
    world.revision++;
    t.indexedAtMs = now + (opts.indexLagMs ?? d.indexLag.ms);
    return taskJson(next, Object.keys(TASK_PROPERTIES));
  };
  const change = (t: TaskRec, patch: TaskInput, opts?: UpdateOptions, archive = false): Record<string, unknown> => {
    const now = d.now();
    const props: TaskProps = { ...t.current.props, ...normalizeDates(patch), hs_lastmodifieddate: iso(now) };
    if (patch.hs_task_status !== undefined && patch.hs_task_status !== t.current.props.hs_task_status) {
      props.hs_task_completion_date = patch.hs_task_status === 'COMPLETED' ? iso(now) : null;
    }
    const next: TaskVersion = { ...t.current, props, modifiedMs: now, archived: archive || t.current.archived, archivedMs: archive ? now : t.current.archivedMs };
    return commit(t, next, opts);
  };

  const control: HubspotSimControl = {
    createPrivateApp: (opts) => tokens.createPrivateApp(opts),
    registerClient: (c) => tokens.registerClient(c),
    issueOAuthTokens: (opts) => tokens.issueTokens(opts),
    issueAuthorizationCode: (opts) => tokens.issueAuthorizationCode(opts),
    setScopes: (token, scopes) => tokens.setScopes(token, scopes),
    revoke: (token) => tokens.revoke(token),
    expire: (token) => tokens.expire(token),
    setRotateRefreshTokens: (rotate) => {
      tokens.rotateRefreshTokens = Boolean(rotate);
    },
    listGrants: () => tokens.listGrants(),
    tokenEndpointCalls: () => ({ ...tokens.tokenCalls }),

    createTask: (input, opts) => {
      checkProps(input, true);
      checkOwner(input.hubspot_owner_id);
      const now = d.now();
      const id = String(world.nextIds.task++);
      const props: TaskProps = {
        hs_task_status: 'NOT_STARTED',
        hs_task_type: 'TODO',
        hs_task_priority: null,
        hs_task_body: null,
        hubspot_owner_id: null,
        hs_timestamp: iso(now),
        hs_task_reminders: null,
        ...normalizeDates(input),
        hs_object_id: id,
        hs_createdate: iso(now),
        hs_lastmodifieddate: iso(now),
        hs_task_completion_date: null,
      };
      if (props.hs_task_status === 'COMPLETED') props.hs_task_completion_date = iso(now);
      const version: TaskVersion = { id, props, archived: false, archivedMs: null, createdMs: now, modifiedMs: now };
      const rec: TaskRec = { id, current: version, indexedAtMs: now + (opts?.indexLagMs ?? d.indexLag.ms), indexed: null };
      world.tasks.push(rec);
      world.byId.set(id, rec);
      world.revision++;
      return taskJson(version, Object.keys(TASK_PROPERTIES));
    },
    updateTask: (id, patch, opts) => {
      checkProps(patch, false);
      checkOwner(patch.hubspot_owner_id);
      const t = task(id);
      if (t.current.archived) throw new Error(`task ${id} is archived`);
      return change(t, patch, opts);
    },
    completeTask: (id, opts) => control.updateTask(id, { hs_task_status: 'COMPLETED' }, opts),
    archiveTask: (id, opts) => {
      const t = task(id);
      if (t.current.archived) throw new Error(`task ${id} is already archived`);
      return change(t, {}, opts, true);
    },
    setIndexLag: (ms) => {
      if (!Number.isInteger(ms) || ms < 0) throw new Error('the index lag is a non-negative number of ms');
      d.indexLag.ms = ms;
    },
    addOwner: (input) => {
      if (!input.email) throw new Error('email is required');
      const n = world.nextIds.owner++;
      world.nextIds.user++;
      const now = d.now();
      const o: OwnerRec = {
        id: String(OWNER_ID_BASE + n),
        userId: USER_ID_BASE + n,
        email: input.email,
        firstName: input.firstName ?? 'New',
        lastName: input.lastName ?? 'Owner',
        archived: false,
        createdMs: now,
        updatedMs: now,
      };
      world.owners.push(o);
      return ownerJson(o);
    },
    me: () => ownerJson(world.me),
    owners: () => world.owners.map(ownerJson),
    tasks: (f = {}) =>
      world.tasks
        .map((t) => t.current)
        .filter(
          (v) =>
            (f.includeArchived || !v.archived) &&
            (f.ownerId === undefined || v.props.hubspot_owner_id === f.ownerId) &&
            (f.status === undefined || f.status.includes(v.props.hs_task_status ?? '')),
        )
        .map((v) => taskJson(v, Object.keys(TASK_PROPERTIES))),
    searchableTaskIds: () => {
      const now = d.now();
      return world.tasks.flatMap((t) => (searchVersion(t, now) ? [t.id] : []));
    },

    setLimits: (partial) => limits.set(partial),
    setDailyUsage: (used) => limits.setDailyUsage(used),
    limitState: () => limits.state(),
    setTimeZone: (timeZone) => {
      new Intl.DateTimeFormat('en-US', { timeZone }); // throws on an unknown zone
      world.portal.timeZone = timeZone;
    },

    injectFaults: (...rules) => rules.flat().map((r) => faults.add(r)),
    clearFaults: () => faults.clear(),
    listFaults: () => faults.list(),
    requests: () => log,
    clearRequestLog: () => {
      log.length = 0;
    },
    now: () => d.now(),
    advanceClock: (ms) => d.advanceClock(ms),
    summary: () => ({
      owners: world.owners.length,
      tasks: world.tasks.filter((t) => !t.current.archived).length,
      archivedTasks: world.tasks.filter((t) => t.current.archived).length,
      requests: log.length,
    }),

    get state() {
      return world;
    },
  };
  return control;
}
