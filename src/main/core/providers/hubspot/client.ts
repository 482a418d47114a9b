import type { z } from 'zod';
import { StintError } from '../../../../common/errors';
import type { RetryPolicy } from '../shared/retryPolicy';
import { DEFAULT_RETRY_POLICY } from '../shared/retryPolicy';
import type { Sleep } from '../shared/sleep';
import { realSleep } from '../shared/sleep';
import { HubspotApiError } from './errors';
import type { HubspotRequestEvent, JsonResponse, Query } from './http';
import { HubspotHttp } from './http';
import { HUBSPOT_API_URL } from './oauth';
import { DEFAULT_SEARCH_PER_SECOND, RateLimitGovernor, SearchLimiter } from './rateLimits';
import type { HubspotAccessTokenInfo, HubspotAccountDetails, HubspotOwner, HubspotPrivateAppTokenInfo, HubspotTask, SkippedRecord } from './schemas';
import { AccessTokenInfoSchema, AccountDetailsSchema, PageEnvelopeSchema, PrivateAppTokenInfoSchema, TASK_PROPERTIES, parseRecords, parsers } from './schemas';
import type { TaskPage, TasksModifiedSinceQuery } from './taskStream';
import { SEARCH_PATH, tasksModifiedSince } from './taskStream';
import type { HubspotAuth } from './tokens';
import { systemClock } from '../../../../common/clock';

export interface HubspotClientOptions {
  auth: HubspotAuth;
  /** API root (default https://api.hubapi.com). */
  baseUrl?: string;
  /** Per-attempt timeout, body included (default 30 s). */
  timeoutMs?: number;
  /** Backoff for 5xx, timeouts and resets (default: the Hubstaff client's policy). */
  retry?: Partial<RetryPolicy>;
  /** 429 waits per request before `rate_limited` (default 6). */
  maxRateLimitWaits?: number;
  /** Searches started per second (default 4; HubSpot allows 5 per account). */
  searchPerSecond?: number;
  /** The account's time zone, where the daily limit resets (default UTC; `accountDetails()` sets it). */
  timeZone?: string;
  sleep?: Sleep;
  random?: () => number;
  /** Clock for limits and waits (default: the system clock). */
  now?: () => number;
  /** Called for every attempt (logs, metrics). Carries no token. */
  onEvent?: (event: HubspotRequestEvent) => void;
}

/** One page of a GET list (`after` cursors). */
export interface ListPage<T> {
  records: T[];
  skipped: SkippedRecord[];
  /** The cursor this page was asked with (null for the first page). */
  after: string | null;
  /** The cursor of the next page, or null on the last one. */
  nextAfter: string | null;
  correlationId: string;
}

export interface SearchFilter {
  propertyName: string;
  operator: string;
  value?: string;
  highValue?: string;
  values?: string[];
}

/** `PublicObjectSearchRequest` (reference §4.4). */
export interface SearchRequest {
  filterGroups?: { filters: SearchFilter[] }[];
  sorts?: ({ propertyName: string; direction?: 'ASCENDING' | 'DESCENDING' } | string)[];
  query?: string;
  properties?: string[];
  limit?: number;
  after?: string;
}

export interface SearchPage {
  records: HubspotTask[];
  skipped: SkippedRecord[];
  total: number;
  nextAfter: string | null;
  correlationId: string;
}

/** How the signed-in person's owner record was found. */
export interface ResolvedOwner {
  owner: HubspotOwner;
  via: 'email' | 'token_user';
}

export const MAX_LIST_LIMIT = 100;

/**
 * HubSpot CRM v3 client for the to-do source: one instance per connection (its limits and
 * token state are per account). Lists are async iterators yielding one page at a time.
 */
export class HubspotClient {
  private readonly http: HubspotHttp;
  private readonly governor: RateLimitGovernor;

  constructor(opts: HubspotClientOptions) {
    const retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    if (!(retry.maxAttempts >= 1)) throw new StintError('invalid_argument', 'retry.maxAttempts must be at least 1', { details: ['retry'] });
    const perSecond = opts.searchPerSecond ?? DEFAULT_SEARCH_PER_SECOND;
    if (!Number.isInteger(perSecond) || perSecond < 1) throw new StintError('invalid_argument', 'searchPerSecond must be a positive integer', { details: ['searchPerSecond'] });
    const now = opts.now ?? systemClock.nowMs;
    const sleep = opts.sleep ?? realSleep;
    this.governor = new RateLimitGovernor(now, opts.timeZone ?? 'UTC');
    this.http = new HubspotHttp({
      baseUrl: opts.baseUrl ?? HUBSPOT_API_URL,
      auth: opts.auth,
      timeoutMs: opts.timeoutMs ?? 30_000,
      retry,
      maxRateLimitWaits: opts.maxRateLimitWaits ?? 6,
      sleep,
      random: opts.random ?? Math.random,
      governor: this.governor,
      searchLimiter: new SearchLimiter(perSecond, now, sleep),
      now,
      onEvent: opts.onEvent,
    });
  }

  get authKind(): HubspotAuth['kind'] {
    return this.http.authKind;
  }

  /** Requests sent by this client so far (retries included). */
  get requestCount(): number {
    return this.http.requestCount;
  }

  /** When the daily allowance comes back, while it is used up (ISO); else null. */
  dailyLimitResetAt(): string | null {
    const until = this.governor.dailyBlockedUntil();
    return until === null ? null : new Date(until).toISOString();
  }

  /** Tasks modified since the last sync, oldest change first (see taskStream.ts). */
  tasksModifiedSince(q: TasksModifiedSinceQuery = {}): AsyncGenerator<TaskPage> {
    return tasksModifiedSince(this.http, q);
  }

  /**
   * One page of a search as given (filterGroups, sorts, query, properties, limit, after), for
   * queries the stream does not cover, e.g. re-checking cached ids with `hs_object_id IN […]`.
   */
  async searchTasks(request: SearchRequest, opts: { signal?: AbortSignal } = {}): Promise<SearchPage> {
    const res = await this.http.request({ method: 'POST', path: SEARCH_PATH, body: request, signal: opts.signal });
    const envelope = PageEnvelopeSchema.safeParse(res.body);
    if (!envelope.success) throw this.malformed(res, `POST ${SEARCH_PATH}`, 'it has no "results" list');
    const { records, skipped } = parseRecords(parsers.task, envelope.data.results);
    return { records, skipped, total: envelope.data.total ?? records.length, nextAfter: envelope.data.paging?.next?.after ?? null, correlationId: res.correlationId };
  }

  /** Every task through `GET /crm/v3/objects/tasks` (ordered by id; no search limits or lag). */
  async *tasks(opts: { properties?: readonly string[]; archived?: boolean; pageLimit?: number; signal?: AbortSignal } = {}): AsyncGenerator<ListPage<HubspotTask>> {
    const limit = opts.pageLimit ?? MAX_LIST_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw new StintError('invalid_argument', `pageLimit must be an integer from 1 to ${MAX_LIST_LIMIT}`, { details: ['pageLimit'] });
    }
    const properties = [...new Set([...TASK_PROPERTIES, ...(opts.properties ?? [])])];
    yield* this.list('/crm/v3/objects/tasks', { limit, properties, archived: opts.archived ? true : undefined }, parsers.task, opts.signal);
  }

  /** One task, or null when HubSpot has none with this id (or it is archived). */
  async getTask(id: string, opts: { properties?: readonly string[]; signal?: AbortSignal } = {}): Promise<HubspotTask | null> {
    if (!/^\d{1,20}$/.test(id)) throw new StintError('invalid_argument', 'HubSpot task ids are digits', { details: ['id'] });
    const properties = [...new Set([...TASK_PROPERTIES, ...(opts.properties ?? [])])];
    const res = await this.orNull(this.http.request({ method: 'GET', path: `/crm/v3/objects/tasks/${id}`, query: { properties }, signal: opts.signal }));
    return res === null ? null : this.one(res, parsers.task, 'task');
  }

  owners(opts: { email?: string; archived?: boolean; signal?: AbortSignal } = {}): AsyncGenerator<ListPage<HubspotOwner>> {
    return this.list('/crm/v3/owners', { limit: 500, email: opts.email, archived: opts.archived ? true : undefined }, parsers.owner, opts.signal);
  }

  async ownerByEmail(email: string, opts: { signal?: AbortSignal } = {}): Promise<HubspotOwner | null> {
    const wanted = email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+$/.test(wanted)) throw new StintError('invalid_argument', 'Enter the email address you sign in to HubSpot with', { details: ['email'] });
    for await (const page of this.owners({ email: wanted, signal: opts.signal })) {
      const hit = page.records.find((o) => o.email?.toLowerCase() === wanted);
      if (hit) return hit;
    }
    return null;
  }

  async ownerByUserId(userId: number, opts: { signal?: AbortSignal } = {}): Promise<HubspotOwner | null> {
    if (!Number.isSafeInteger(userId) || userId <= 0) throw new StintError('invalid_argument', 'HubSpot user ids are positive whole numbers', { details: ['userId'] });
    const res = await this.orNull(this.http.request({ method: 'GET', path: `/crm/v3/owners/${userId}`, query: { idProperty: 'userId' }, signal: opts.signal }));
    return res === null ? null : this.one(res, parsers.owner, 'owner');
  }

  /** OAuth only: the access token's metadata (`user` email, `user_id`, `hub_id`, scopes). */
  async accessTokenInfo(opts: { signal?: AbortSignal } = {}): Promise<HubspotAccessTokenInfo> {
    if (this.http.authKind !== 'oauth') throw new StintError('invalid_argument', 'Token metadata exists for OAuth connections only', { details: ['auth'] });
    const res = await this.http.request({
      method: 'GET',
      path: (token) => `/oauth/v1/access-tokens/${encodeURIComponent(token)}`,
      label: 'GET /oauth/v1/access-tokens/{token}',
      signal: opts.signal,
    });
    return this.one(res, AccessTokenInfoSchema, 'token metadata');
  }

  /** Private apps only: who created the app, the portal, and the granted scopes. */
  async privateAppTokenInfo(opts: { signal?: AbortSignal } = {}): Promise<HubspotPrivateAppTokenInfo> {
    if (this.http.authKind !== 'private_app') throw new StintError('invalid_argument', 'This call is for private app tokens only', { details: ['auth'] });
    const token = await this.http.currentToken();
    const res = await this.http.request({ method: 'POST', path: '/oauth/v2/private-apps/get/access-token-info', body: { tokenKey: token }, signal: opts.signal });
    return this.one(res, PrivateAppTokenInfoSchema, 'private app token metadata');
  }

  /** The portal id and time zone; the zone also tells the client when the daily limit resets. */
  async accountDetails(opts: { signal?: AbortSignal } = {}): Promise<HubspotAccountDetails> {
    const res = await this.http.request({ method: 'GET', path: '/account-info/v3/details', signal: opts.signal });
    const details = this.one(res, AccountDetailsSchema, 'account details');
    if (details.timeZone) this.governor.setTimeZone(details.timeZone);
    return details;
  }

  /**
   * The signed-in person's owner record, whose tasks fill the sidebar. With an email (required
   * for private apps, whose token belongs to the portal rather than to a person), the owner
   * with that email; for OAuth without one, the user the access token was issued to.
   */
  async resolveOwner(opts: { email?: string | null; signal?: AbortSignal } = {}): Promise<ResolvedOwner> {
    const email = opts.email?.trim();
    if (email) {
      const owner = await this.ownerByEmail(email, opts);
      if (!owner) throw new StintError('not_found', `No HubSpot owner has the email ${email}; use the address you sign in to HubSpot with`, { details: ['email'] });
      return { owner, via: 'email' };
    }
    if (this.http.authKind === 'private_app') {
      throw new StintError('invalid_argument', 'Enter the email you sign in to HubSpot with: a private app token belongs to the account, not to a person', { details: ['email'] });
    }
    const info = await this.accessTokenInfo(opts);
    const owner = (await this.ownerByUserId(info.user_id, opts)) ?? (info.user ? await this.ownerByEmail(info.user, opts) : null);
    if (!owner) throw new StintError('not_found', `The HubSpot user ${info.user ?? info.user_id} is not an owner in this account, so has no tasks`, { details: ['owner'] });
    return { owner, via: 'token_user' };
  }

  private async *list<T>(path: string, query: Query, parser: z.ZodType<T>, signal: AbortSignal | undefined): AsyncGenerator<ListPage<T>> {
    let after: string | null = null;
    for (;;) {
      const res = await this.http.request({ method: 'GET', path, query: after === null ? query : { ...query, after }, signal });
      const envelope = PageEnvelopeSchema.safeParse(res.body);
      if (!envelope.success) throw this.malformed(res, `GET ${path}`, 'it has no "results" list');
      const { records, skipped } = parseRecords(parser, envelope.data.results);
      const next = envelope.data.paging?.next?.after ?? null;
      if (next !== null && next === after) throw this.malformed(res, `GET ${path}`, `the page cursor did not advance (${next})`);
      yield { records, skipped, after, nextAfter: next, correlationId: res.correlationId };
      if (next === null) return;
      after = next;
    }
  }

  private one<T>(res: JsonResponse, parser: z.ZodType<T>, what: string): T {
    const parsed = parser.safeParse(res.body);
    if (!parsed.success) throw this.malformed(res, what, 'its fields are not what Stint expects');
    return parsed.data;
  }

  /** A 404 as null; every other failure is thrown on. */
  private async orNull(p: Promise<JsonResponse>): Promise<JsonResponse | null> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof HubspotApiError && e.reason === 'not_found') return null;
      throw e;
    }
  }

  private malformed(res: JsonResponse, what: string, why: string): HubspotApiError {
    return new HubspotApiError('unavailable', `HubSpot sent an answer Stint could not read (${what}): ${why}`, { reason: 'malformed', correlationId: res.correlationId, status: res.status, attempts: 1, details: [what] });
  }
}
