// HubSpot simulator: a real HTTP server on 127.0.0.1 (random port) playing api.hubapi.com for
// what Stint reads (CRM v3 tasks, owners, OAuth tokens), with seeded data, a control API, rate
// limits and fault injection. Facts: shared/reference/hubstaff-hubspot-api.md §4.
//
//   const sim = await startHubspotSimulator({ seed: 3, data: { tasks: 50 } });
//   const { token } = sim.control.createPrivateApp();            // or issueOAuthTokens()
//   ... point the client at sim.baseUrl ...
//   await sim.close();
//
// Endpoints (every response carries X-HubSpot-Correlation-Id, the same id as an error body's
// `correlationId`; JSON is `application/json;charset=utf-8`):
//   POST /crm/v3/objects/tasks/search     search.ts (filters, sort, query, paging, 10,000 cap)
//   GET  /crm/v3/objects/tasks[/{id}]      list (limit ≤ 100, `after` = next id, `archived`)
//   GET  /crm/v3/owners[/{id}]             `email`, `limit` ≤ 500, `after`; `idProperty=userId`
//   GET  /account-info/v3/details          portal id and time zone (the daily limit resets
//                                          at midnight there)
//   POST /oauth/v1/token                   refresh_token and authorization_code grants (form)
//   GET  /oauth/v1/access-tokens/{token}   OAuth token metadata: `user` (email), `user_id`
//   POST /oauth/v2/private-apps/get/access-token-info   `{tokenKey}` → creator userId, scopes
// Tasks and search need `crm.objects.contacts.read` (HubSpot's tasks guide); owners need
// `crm.objects.owners.read`. Checks run in this order: token (401), scope (403), rate limit
// (429), then the request itself (400/404).
//
// Search sees a change `indexLagMs` after it happens (default 0): until then it still shows
// the previous version, or nothing for a new task, like HubSpot's "a few moments" (§4.4).
//
// SimControl (control.ts; over HTTP: POST `${baseUrl}/__control/<name>` with the argument list
// as a JSON array, answered `{"result": …}` or 400 `{"error": …}`): tokens, tasks, owners,
// limits, faults (faults.ts), the request log (also `sim.requests`), the clock.

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Query, readBody } from '../sim/http-util';
import type { ClientRegistration, Principal } from './auth';
import { ACCESS_TOKEN_LIFETIME_SEC, TokenStore } from './auth';
import type { RequestLogEntry, HubspotSimControl } from './control';
import { createControl } from './control';
import type { HsResponse } from './envelopes';
import { HsError, errorResponse, missingScopes, notFound, rateLimitResponse, serverError, validation } from './envelopes';
import { HubspotFaults, spoilRecords } from './faults';
import type { LimitConfig } from './limits';
import { RateLimiter } from './limits';
import { ownerJson, taskJson } from './model';
import { SEARCH_RESULT_CAP, SearchIndex, parseSearch, runSearch } from './search';
import type { HubspotSeedSpec } from './seed';
import { generateWorld } from './seed';
import { systemClock } from '../../src/common/clock';

export type { HubspotSeedSpec, HubspotWorld } from './seed';
export { generateWorld, TASK_ID_BASE, OWNER_ID_BASE, USER_ID_BASE } from './seed';
export type { HubspotSimControl, RequestLogEntry, TaskInput, UpdateOptions } from './control';
export type { HubspotFaultRule, HubspotFaultKind } from './faults';
export type { ClientRegistration, TokenResponse } from './auth';
export { ACCESS_TOKEN_LIFETIME_SEC, DEFAULT_SCOPES } from './auth';
export type { LimitConfig } from './limits';
export { DEFAULT_LIMITS } from './limits';
export type { RateLimitPolicy } from './envelopes';
export { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, SEARCH_RESULT_CAP } from './search';
export { TASK_PROPERTIES, TASK_STATUSES } from './model';

export const TASKS_SCOPE = 'crm.objects.contacts.read';
export const OWNERS_SCOPE = 'crm.objects.owners.read';
export const DEFAULT_CLIENT: ClientRegistration = { clientId: 'stint-sim-client', clientSecret: 'stint-sim-secret', redirectUris: ['http://localhost:53682/callback'] };
export const MAX_LIST_LIMIT = 100;
export const MAX_OWNERS_LIMIT = 500;

export interface HubspotSimOptions {
  /** Deterministic data for a seed (default 1). */
  seed?: number;
  data?: HubspotSeedSpec;
  /** ms since the epoch (default: the system clock); `control.advanceClock` moves it on. */
  clock?: () => number;
  port?: number;
  /** OAuth access-token lifetime (default 1800 s, HubSpot's 30 minutes). */
  accessTokenLifetimeSec?: number;
  /** A refresh hands out a new refresh token and kills the old one (default false) [?]. */
  rotateRefreshTokens?: boolean;
  /** How long search takes to see a change (default 0). */
  indexLagMs?: number;
  limits?: Partial<LimitConfig>;
  /** Results a search can page through (default 10,000, HubSpot's). */
  searchResultCap?: number;
  /** OAuth clients (default one: DEFAULT_CLIENT). */
  clients?: ClientRegistration[];
}

export interface HubspotSimulator {
  /** http://127.0.0.1:PORT, standing in for https://api.hubapi.com. */
  baseUrl: string;
  control: HubspotSimControl;
  /** Live request log (control calls excluded). */
  requests: RequestLogEntry[];
  close(): Promise<void>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function intParam(q: Query, name: string, fallback: number, max: number): number {
  const v = q.string(name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw validation(`${name} must be an integer from 1 to ${max}`);
  return Number(v);
}

function afterParam(q: Query): number | null {
  const v = q.string('after');
  if (v === undefined) return null;
  if (!/^\d+$/.test(v)) throw validation('after must be an integer string');
  return Number(v);
}

/** UTC offset of a zone at an instant, in ms. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return local - Math.floor(ms / 1000) * 1000;
}

export async function startHubspotSimulator(opts: HubspotSimOptions = {}): Promise<HubspotSimulator> {
  const seed = opts.seed ?? 1;
  const world = generateWorld(seed, opts.data ?? {});
  const clock = opts.clock ?? systemClock.nowMs;
  let offsetMs = 0;
  const now = (): number => clock() + offsetMs;
  const cap = opts.searchResultCap ?? SEARCH_RESULT_CAP;
  const tokens = new TokenStore({ world, now, accessTokenLifetimeSec: opts.accessTokenLifetimeSec ?? ACCESS_TOKEN_LIFETIME_SEC, rotateRefreshTokens: opts.rotateRefreshTokens ?? false });
  for (const c of opts.clients ?? [DEFAULT_CLIENT]) tokens.registerClient(c);
  const limits = new RateLimiter(opts.limits ?? {}, now, () => world.portal.timeZone);
  const faults = new HubspotFaults(seed);
  const requests: RequestLogEntry[] = [];
  const indexLag = { ms: opts.indexLagMs ?? 0 };
  const control = createControl({
    world,
    tokens,
    limits,
    faults,
    log: requests,
    now,
    indexLag,
    advanceClock: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('advanceClock needs a non-negative number of ms');
      offsetMs += ms;
      return now();
    },
  });
  const searchIndex = new SearchIndex(() => world.tasks, () => world.revision, now);
  let baseUrl = '';

  const requireScope = (p: Principal, scope: string): void => {
    if (!p.scopes.includes(scope)) throw missingScopes([scope]);
  };

  function listTasks(q: Query): HsResponse {
    const limit = intParam(q, 'limit', 10, MAX_LIST_LIMIT);
    const after = afterParam(q);
    const archived = q.bool('archived') ?? false;
    const properties = q.list('properties') ?? [];
    const rows = world.tasks.filter((t) => t.current.archived === archived && (after === null || Number(t.id) >= after));
    const page = rows.slice(0, limit).map((t) => taskJson(t.current, properties));
    const body: Record<string, unknown> = { results: page };
    const next = rows[limit];
    if (next) {
      const link = new URL(`${baseUrl}/crm/v3/objects/tasks`);
      link.searchParams.set('limit', String(limit));
      link.searchParams.set('after', next.id);
      body.paging = { next: { after: next.id, link: link.toString() } };
    }
    return { status: 200, json: body, listKey: 'results' };
  }

  function getTask(id: string, q: Query): HsResponse {
    const t = world.byId.get(id);
    const archived = q.bool('archived') ?? false;
    if (!t || t.current.archived !== archived) throw notFound();
    return { status: 200, json: taskJson(t.current, q.list('properties') ?? []) };
  }

  function listOwners(q: Query): HsResponse {
    const limit = intParam(q, 'limit', 100, MAX_OWNERS_LIMIT);
    const after = afterParam(q);
    const email = q.string('email')?.toLowerCase();
    const archived = q.bool('archived') ?? false;
    const rows = world.owners.filter((o) => o.archived === archived && (email === undefined || o.email.toLowerCase() === email) && (after === null || Number(o.id) >= after));
    const body: Record<string, unknown> = { results: rows.slice(0, limit).map(ownerJson) };
    const next = rows[limit];
    if (next) body.paging = { next: { after: next.id, link: `${baseUrl}/crm/v3/owners?limit=${limit}&after=${next.id}` } };
    return { status: 200, json: body, listKey: 'results' };
  }

  function getOwner(id: string, q: Query): HsResponse {
    const by = q.string('idProperty') ?? 'id';
    if (by !== 'id' && by !== 'userId') throw validation('idProperty must be id or userId');
    const archived = q.bool('archived') ?? false;
    const o = world.owners.find((x) => (by === 'id' ? x.id === id : String(x.userId) === id) && x.archived === archived);
    if (!o) throw notFound();
    return { status: 200, json: ownerJson(o) };
  }

  function accountDetails(): HsResponse {
    const offset = zoneOffsetMs(now(), world.portal.timeZone);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset) / 60_000;
    return {
      status: 200,
      json: {
        portalId: world.portal.hubId,
        accountType: 'STANDARD',
        timeZone: world.portal.timeZone,
        companyCurrency: 'USD',
        additionalCurrencies: [],
        utcOffset: `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
        utcOffsetMilliseconds: offset,
        uiDomain: 'app.hubspot.com',
        dataHostingLocation: 'na1',
      },
    };
  }

  async function route(method: string, url: URL, bodyText: string, req: IncomingMessage, entry: RequestLogEntry, correlationId: string): Promise<HsResponse> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const q = new Query(url.searchParams);

    if (path === '/oauth/v1/token') {
      if (method !== 'POST') throw notFound(`${method} ${path} is not supported`);
      const form = new URLSearchParams(bodyText);
      entry.grantType = form.get('grant_type') ?? undefined;
      return tokens.token(form, correlationId);
    }
    const tokenInfo = /^\/oauth\/v1\/access-tokens\/([^/]+)$/.exec(path);
    if (tokenInfo && method === 'GET') return tokens.accessTokenInfo(decodeURIComponent(tokenInfo[1]!));
    if (path === '/oauth/v2/private-apps/get/access-token-info' && method === 'POST') {
      let body: unknown;
      try {
        body = JSON.parse(bodyText);
      } catch {
        throw validation('Invalid input JSON');
      }
      return tokens.privateAppTokenInfo(isObject(body) ? body.tokenKey : undefined);
    }

    const isSearch = path === '/crm/v3/objects/tasks/search';
    const taskMatch = /^\/crm\/v3\/objects\/tasks(?:\/([^/]+))?$/.exec(path);
    const ownerMatch = /^\/crm\/v3\/owners(?:\/([^/]+))?$/.exec(path);
    const isAccount = path === '/account-info/v3/details';
    if (!isSearch && !taskMatch && !ownerMatch && !isAccount) throw notFound(`No route for ${method} ${path}`);

    const principal = tokens.authenticate(req.headers.authorization);
    entry.auth = principal.kind;
    if (isSearch || taskMatch) requireScope(principal, TASKS_SCOPE);
    if (ownerMatch) requireScope(principal, OWNERS_SCOPE);

    const verdict = limits.check(principal.appId, isSearch ? 'search' : 'api', principal.kind === 'private_app' || limits.config.dailyForOAuth);
    if (!verdict.ok) return rateLimitResponse(verdict.policy, correlationId, randomUUID(), verdict.headers);
    const withLimits = (r: HsResponse): HsResponse => ({ ...r, headers: { ...verdict.headers, ...r.headers } });

    try {
      if (isSearch) {
        if (method !== 'POST') throw notFound(`${method} ${path} is not supported`);
        const parsed = parseSearch(bodyText, cap);
        return withLimits({ status: 200, json: runSearch(parsed, searchIndex.ordered(parsed.sort), cap), listKey: 'results' });
      }
      if (method !== 'GET') throw notFound(`${method} ${path} is not supported`);
      if (taskMatch) return withLimits(taskMatch[1] === undefined ? listTasks(q) : getTask(decodeURIComponent(taskMatch[1]), q));
      if (ownerMatch) return withLimits(ownerMatch[1] === undefined ? listOwners(q) : getOwner(decodeURIComponent(ownerMatch[1]), q));
      return withLimits(accountDetails());
    } catch (e) {
      if (e instanceof HsError) return errorResponse(e, correlationId, verdict.headers);
      throw e;
    }
  }

  function write(res: ServerResponse, r: HsResponse, correlationId: string, mangle?: (body: string) => string): void {
    if (res.destroyed || res.writableEnded) return;
    let body = r.json !== undefined ? JSON.stringify(r.json) : (r.text?.body ?? '');
    if (mangle) body = mangle(body);
    const headers: Record<string, string | number> = { 'X-HubSpot-Correlation-Id': correlationId, ...r.headers };
    headers['Content-Type'] = r.json !== undefined ? 'application/json;charset=utf-8' : (r.text?.contentType ?? 'text/plain');
    headers['Content-Length'] = Buffer.byteLength(body);
    res.writeHead(r.status, headers);
    res.end(body);
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

  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__control/')) return handleControl(req, res, url.pathname.slice('/__control/'.length));
    const method = req.method ?? 'GET';
    const correlationId = randomUUID();
    const bodyText = method === 'POST' || method === 'PATCH' ? await readBody(req) : '';
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: new Query(url.searchParams).toRecord(),
      status: 0,
      at: now(),
      auth: req.headers.authorization ? 'invalid' : 'none',
      correlationId,
    };
    if (bodyText && (req.headers['content-type'] ?? '').includes('json')) {
      try {
        entry.body = JSON.parse(bodyText);
      } catch {
        // logged without a body; the handler answers the 400
      }
    }
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
        const policy = fault.rule.policy ?? 'TEN_SECONDLY_ROLLING';
        entry.category = `RATE_LIMITS:${policy}`;
        return write(res, rateLimitResponse(policy, correlationId, randomUUID()), correlationId);
      }
      case 'server_error':
        return write(res, serverError(fault.rule.status ?? 500, correlationId), correlationId);
      case 'unavailable':
        return write(res, serverError(503, correlationId), correlationId);
      case 'slow':
        await sleep(fault.rule.delayMs ?? 2000);
        break;
      default:
        break;
    }

    let response: HsResponse;
    try {
      response = await route(method, url, bodyText, req, entry, correlationId);
    } catch (e) {
      response = e instanceof HsError ? errorResponse(e, correlationId) : serverError(500, correlationId);
    }
    const json = isObject(response.json) ? response.json : null;
    if (json && typeof json.category === 'string') entry.category = json.category === 'RATE_LIMITS' ? `RATE_LIMITS:${typeof json.policyName === 'string' ? json.policyName : 'SECONDLY'}` : json.category;
    if (fault?.rule.kind === 'bad_records' && response.listKey && json) {
      entry.fault = { kind: 'bad_records', ruleId: fault.id, recordIds: spoilRecords(json, response.listKey, fault.rule) };
    }
    const mangle = fault?.rule.kind === 'malformed_json' ? (body: string) => body.slice(0, Math.floor(body.length / 2)) : undefined;
    write(res, response, correlationId, mangle);
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      const id = randomUUID();
      if (!res.headersSent && !res.destroyed) write(res, serverError(500, id), id);
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
