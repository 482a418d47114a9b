// Hubstaff simulator: a real HTTP server on 127.0.0.1 (random port) playing both
// account.hubstaff.com (OIDC/OAuth, at the root) and api.hubstaff.com/v2 (under /v2), with seeded
// data, a control API and fault injection. Used by tests, benchmarks and `npm run sim`.
//
//   const sim = await startSimulator({ seed: 7, data: { organizations: 2 } });
//   const pat = sim.control.issuePersonalAccessToken();      // for world.me
//   ... point the client at sim.baseUrl (issuer) and sim.apiUrl ...
//   await sim.close();
//
// Account server (reference §1): GET /.well-known/openid-configuration, GET /authorizations/new,
// POST /access_tokens, GET /user_info, GET /jwks.json. API (reference §2-§3): reads in api.ts;
// writes in writes.ts (PUT /v2/tasks/{id}, POST /v2/projects/{id}/tasks,
// POST /v2/users/{id}/time_entries). Every response carries X-Request-Id (the client's own if it
// sent a valid one). Every authenticated /v2 request counts against an hourly rate limit per
// application (limits.ts; 1000 by default, `rateLimitPerHour`), answered 429 with Retry-After.
//
// Data (seed.ts): "me" (`control.me()`) owns the `data.organizations` orgs (default 1) and is not
// in the `foreignOrganizations` (default 1, for 403s). Default activities: 2024-06-03..14, UTC.
// Best guesses where Hubstaff's behaviour is unknown [I], each easy to change: default page_limit
// 100; tasks default to status active; org tokens only reach their own organization; members
// with role `user` see only their own activities/time off; a refresh revokes the old access token.
//
// SimControl (control.ts has the types; over HTTP: GET or POST `${baseUrl}/__control/<name>`,
// JSON body = the argument list as an array, or a single non-array argument; the answer is
// `{"result": …}` or 400 `{"error": …}`):
//   tokens   registerClient({clientId, clientSecret?, redirectUris}), issuePersonalAccessToken(userId?),
//            issueOrganizationToken(orgId, userId?, expiresInDays?), issueTokenPair(userId?, clientId?),
//            revokeGrant(userId | token), setAutoApprove(bool), setAuthorizingUser(userId),
//            listRefreshTokens(), listGrants(), tokenEndpointCalls(), resetTokenEndpointCalls()
//   data     createTask({projectId, summary, assigneeIds?, status?, details?, dueAt?}),
//            updateTask(id, patch), completeTask(id), deleteTask(id),
//            addActivity({userId, projectId, taskId?, timeSlot, tracked?, …}), editActivity(id, patch),
//            deleteActivity(id), addTimeOffRequest({userId, from, to?, status?}),
//            addMember({orgId, userId?|name?, role?}), removeMember(orgId, userId)
//   writes   setOrganizationSettings(orgId, {requireReason?, manualTimeApproval?}), organizationSettings(orgId),
//            setTaskIntegration(taskId, integrationId? = 1 | null), setProjectIntegration(projectId,
//            integrationId? = 1 | null, {tasks?}), timeEntries(filter?)
//   limit    setRateLimit(perHour | null), rateLimitUsage(), resetRateLimit()
//   faults   injectFaults(rule | rule[]…) -> ids, clearFaults(), listFaults()   (rules: faults.ts)
//   log      requests(), clearRequestLog()   (also `sim.requests`, the same live array)
//   clock    now(), advanceClock(ms)
//   reads    me(), users(), organizations(), myOrganizationIds(), members(orgId), projects(orgId?),
//            tasks(filter?), activities(query?), countActivities(query?), trackedSeconds(query?),
//            dailyActivities(filter?), timeOffRequests(orgId?), summary(); `state` (in process only)

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleApi, isWriteRoute } from './api';
import { AccountServer, signingKey } from './auth';
import type { ClientRegistration } from './auth';
import { createControl } from './control';
import type { RequestLogEntry, SimControl } from './control';
import { FaultInjector, spoilRecords } from './faults';
import type { SimResponse } from './http-util';
import { ApiError, Body, Query, apiErrorResponse, readBody } from './http-util';
import { DEFAULT_REQUESTS_PER_HOUR, HourlyRateLimiter } from './limits';
import { generateWorld } from './seed';
import type { SeedSpec } from './seed';
import { systemClock } from '../../src/common/clock';

export type { SeedSpec, ActivitySpec, World } from './seed';
export { generateWorld, ID_BASE, DEFAULT_ACTIVITY_SPEC, trackedSeconds, tasksOf } from './seed';
export type { SimControl, RequestLogEntry, ActivityQuery, AddActivityInput, CreateTaskInput, UpdateTaskInput, AddTimeOffInput, AddMemberInput } from './control';
export type { FaultRule, FaultKind } from './faults';
export type { ClientRegistration, TokenResponse, RefreshTokenInfo, Grant } from './auth';
export { decodeJwtPayload, s256 } from './auth';
export type { ActivityJson, ActivityPatch } from './activity-store';
export { MAX_PAGE_LIMIT, DEFAULT_PAGE_LIMIT } from './api';
export type { OrgSettings, TimeEntryRec } from './model';
export { DEFAULT_ORG_SETTINGS } from './model';
export type { RateLimitUsage } from './limits';
export { DEFAULT_REQUESTS_PER_HOUR } from './limits';
export { MAX_TIME_ENTRY_SECONDS } from './writes';

export interface SimOptions {
  /** Deterministic data for a seed (default 1). */
  seed?: number;
  /** What to generate (see seed.ts); default a small org. */
  data?: SeedSpec;
  /** Access-token lifetime, seconds (default 86400). */
  accessTokenLifetimeSec?: number;
  /** Refresh-token lifetime after a refresh, seconds (default 90 days, like a PAT). */
  refreshTokenLifetimeSec?: number;
  /** /authorizations/new approves at once (default true); false answers access_denied. */
  autoApprove?: boolean;
  /** ms since the epoch (default: the system clock); lets tests move time. */
  clock?: () => number;
  /** Port to listen on (default 0 = random). */
  port?: number;
  /** OAuth clients registered at start. */
  clients?: ClientRegistration[];
  /** A refresh revokes the access token issued with the old refresh token (default true). */
  revokeAccessTokenOnRefresh?: boolean;
  /** Enforce Hubstaff's "earliest date" limits relative to the clock (default false; on in `npm run sim`). */
  historyLimits?: boolean;
  /**
   * Requests per hour per application before 429 + Retry-After (limits.ts); default 1000, as
   * Hubstaff documents; null or 0 for none. control.setRateLimit changes it later.
   */
  rateLimitPerHour?: number | null;
  /** Writes need a grant with the hubstaff:write scope, else 403 (default false). */
  requireWriteScope?: boolean;
}

export interface Simulator {
  /** http://127.0.0.1:PORT; the account server (issuer) lives at the root. */
  baseUrl: string;
  /** `${baseUrl}/v2` */
  apiUrl: string;
  control: SimControl;
  /** Live request log (control endpoints excluded). */
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

const ACCOUNT_PATHS = new Set(['/.well-known/openid-configuration', '/authorizations/new', '/access_tokens', '/user_info', '/jwks.json']);

function authKind(header: string | undefined): RequestLogEntry['authorization'] {
  if (!header) return 'none';
  if (/^Bearer\s/i.test(header)) return 'bearer';
  if (/^Basic\s/i.test(header)) return 'basic';
  return 'none';
}

export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const seed = opts.seed ?? 1;
  const world = generateWorld(seed, opts.data ?? {});
  const key = await signingKey();
  const clock = opts.clock ?? systemClock.nowMs;
  let offsetMs = 0;
  const now = (): number => clock() + offsetMs;
  let lastUs = 0;
  /** Microsecond "now", strictly increasing so every change gets a distinct updated_at. */
  const nowUs = (): number => {
    lastUs = Math.max(Math.floor(now() * 1000), lastUs + 1);
    return lastUs;
  };
  let baseUrl = '';
  const account = new AccountServer(
    {
      world,
      issuer: () => baseUrl,
      now,
      accessTokenLifetimeSec: opts.accessTokenLifetimeSec ?? 86_400,
      refreshTokenLifetimeSec: opts.refreshTokenLifetimeSec ?? 90 * 86_400,
      autoApprove: opts.autoApprove ?? true,
      revokeAccessTokenOnRefresh: opts.revokeAccessTokenOnRefresh ?? true,
    },
    key,
  );
  for (const c of opts.clients ?? []) account.registerClient(c);
  const faults = new FaultInjector(seed);
  const limiter = new HourlyRateLimiter(opts.rateLimitPerHour === undefined ? DEFAULT_REQUESTS_PER_HOUR : opts.rateLimitPerHour);
  const requests: RequestLogEntry[] = [];
  const control = createControl({
    world,
    account,
    faults,
    limiter,
    log: requests,
    now,
    nowUs,
    advanceClock: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('advanceClock needs a non-negative number of ms');
      offsetMs += ms;
      return now();
    },
  });
  const apiCtx = { world, now, nowUs, historyLimits: opts.historyLimits ?? false, requireWriteScope: opts.requireWriteScope ?? false };
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function route(req: IncomingMessage, url: URL, entry: RequestLogEntry): Promise<SimResponse> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const authorization = req.headers.authorization;
    if (path === '/v2' || path.startsWith('/v2/')) {
      const auth = account.authenticate(authorization);
      if (!auth.ok) return auth.response;
      const rate = limiter.hit(auth.principal.rateKey, now());
      if (!rate.ok) {
        entry.throttled = true;
        const retry = String(rate.retryAfterSec);
        return apiErrorResponse('rate_limited', `Rate limit exceeded: ${limiter.limit} requests per hour for this application; retry in ${retry} s`, { 'Retry-After': retry });
      }
      const body = isWriteRoute(method, path) ? Body.parse(await readBody(req), req.headers['content-type'] ?? '') : null;
      return handleApi(apiCtx, method, path, url.searchParams, auth.principal, body);
    }
    if (ACCOUNT_PATHS.has(path)) {
      if (path === '/access_tokens') {
        if (method !== 'POST') return apiErrorResponse('not_found', 'Use POST for /access_tokens');
        const text = await readBody(req);
        const type = req.headers['content-type'] ?? '';
        let form: URLSearchParams;
        if (type.includes('application/json') && text.trim() !== '') {
          const parsed: unknown = JSON.parse(text);
          form = new URLSearchParams(Object.entries(parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {}).map(([k, v]): [string, string] => [k, String(v)]));
        } else {
          form = new URLSearchParams(text);
        }
        // Fields sent as query parameters on an empty POST work too (reference §1.3, H9).
        for (const [k, v] of url.searchParams) if (!form.has(k)) form.set(k, v);
        entry.grantType = form.get('grant_type') ?? undefined;
        return account.token(form, authorization);
      }
      if (method !== 'GET' && !(path === '/user_info' && method === 'POST')) return apiErrorResponse('not_found', `${method} ${path} is not supported`);
      if (path === '/.well-known/openid-configuration') return { status: 200, json: account.discovery() };
      if (path === '/authorizations/new') return account.authorize(url.searchParams);
      if (path === '/user_info') return account.userInfo(authorization);
      return account.jwks();
    }
    return apiErrorResponse('not_found', 'Could not find record');
  }

  function write(res: ServerResponse, r: SimResponse, correlationId: string, mangle?: (body: string) => string): void {
    if (res.destroyed || res.writableEnded) return;
    let body = r.json !== undefined ? JSON.stringify(r.json) : (r.text ?? '');
    if (mangle) body = mangle(body);
    const headers: Record<string, string | number> = { 'X-Request-Id': correlationId, ...r.headers };
    if (r.json !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
    // Encoded once: a 500-activity page is ~250 KB, and the benchmark shares its cores with us.
    const bytes = Buffer.from(body, 'utf8');
    headers['Content-Length'] = bytes.length;
    res.writeHead(r.status, headers);
    res.end(bytes);
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const send = (status: number, json: unknown): void => {
      const body = JSON.stringify(json);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    };
    const fn = (control as unknown as Record<string, unknown>)[name];
    if (name === 'state' || typeof fn !== 'function') return send(404, { error: `unknown control method: ${name}` });
    try {
      const text = await readBody(req);
      const parsed: unknown = text.trim() === '' ? [] : JSON.parse(text);
      const args = Array.isArray(parsed) ? parsed : [parsed];
      const result: unknown = (fn as (...a: unknown[]) => unknown).apply(control, args);
      send(200, { result: result === undefined ? null : result });
    } catch (e) {
      send(400, { error: e instanceof Error ? e.message : String(e) });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__control/')) return handleControl(req, res, url.pathname.slice('/__control/'.length));
    const method = req.method ?? 'GET';
    const incomingId = req.headers['x-request-id'];
    const correlationId = typeof incomingId === 'string' && /^[\w-]{1,255}$/.test(incomingId) ? incomingId : randomUUID();
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: new Query(url.searchParams).toRecord(),
      status: 0,
      at: now(),
      authorization: authKind(req.headers.authorization),
      correlationId,
    };
    requests.push(entry);
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    const fault = faults.pick(method, url.pathname);
    if (fault) entry.fault = { kind: fault.rule.kind, ruleId: fault.id };
    switch (fault?.rule.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'rate_limit': {
        const secs = String(fault.rule.retryAfterSec ?? 1);
        return write(res, apiErrorResponse('rate_limited', 'Rate limit exceeded', { 'Retry-After': secs }), correlationId);
      }
      case 'server_error':
        return write(res, apiErrorResponse('server_error', 'Internal server error'), correlationId);
      case 'unavailable':
        return write(res, apiErrorResponse('unavailable', 'Service unavailable', { 'Retry-After': '1' }), correlationId);
      case 'slow':
        await sleep(fault.rule.delayMs ?? 2000);
        break;
      default:
        break;
    }

    let response: SimResponse;
    try {
      response = await route(req, url, entry);
    } catch (e) {
      if (e instanceof ApiError) response = apiErrorResponse(e.kind, e.message, e.headers);
      else if (e instanceof SyntaxError) response = apiErrorResponse('invalid_params', 'Malformed request body');
      else response = apiErrorResponse('server_error', e instanceof Error ? e.message : 'Internal server error');
    }
    if (fault?.rule.kind === 'lost_response') {
      // Handled (and applied) above; the client never hears of it.
      req.socket.destroy();
      return;
    }
    if (fault?.rule.kind === 'bad_records' && response.listKey && response.json && typeof response.json === 'object') {
      entry.fault = { kind: 'bad_records', ruleId: fault.id, recordIds: spoilRecords(response.json as Record<string, unknown>, response.listKey, fault.rule) };
    }
    if (fault?.rule.kind === 'stuck_cursor' && response.json && typeof response.json === 'object') {
      (response.json as Record<string, unknown>).pagination = { next_page_start_id: Number(url.searchParams.get('page_start_id') ?? 0) };
    }
    const mangle = fault?.rule.kind === 'malformed_json' ? (body: string) => body.slice(0, Math.floor(body.length / 2)) : undefined;
    write(res, response, correlationId, mangle);
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent && !res.destroyed) write(res, apiErrorResponse('server_error', e instanceof Error ? e.message : 'Internal server error'), randomUUID());
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    apiUrl: `${baseUrl}/v2`,
    control,
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
