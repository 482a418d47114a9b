import { StintError } from '../../../../common/errors';
import type { RequestBudgetOptions } from './budget';
import { RequestBudget } from './budget';
import { HubstaffApiError } from './errors';
import type { ListKind, ListRecord } from './exchange';
import { exchangeHere } from './exchange';
import type { ExchangeThread } from './exchangeThread';
import { sharedExchangeThread } from './exchangeThread';
import type { Query, RequestEvent } from './http';
import { HubstaffHttp } from './http';
import type { Page, PageSlice } from './pagination';
import { MAX_PAGE_LIMIT, paginate } from './pagination';
import type { RetryPolicy } from '../shared/retryPolicy';
import { DEFAULT_RETRY_POLICY } from '../shared/retryPolicy';
import type {
  HubstaffActivity,
  HubstaffDailyActivity,
  HubstaffMember,
  HubstaffOrganization,
  HubstaffProject,
  HubstaffTask,
  HubstaffTimeOffPolicy,
  HubstaffTimeOffRequest,
  HubstaffUser,
  SkippedRecord,
} from './schemas';
import { MemberSchema, UserSchema, compiled, parseRecords } from './schemas';
import { dateSlices, timeSlices } from './slices';
import type { Sleep } from '../shared/sleep';
import { realSleep } from '../shared/sleep';
import type { AccessTokenProvider } from './tokens';
import { systemClock } from '../../../../common/clock';

export const HUBSTAFF_API_URL = 'https://api.hubstaff.com/v2';

export interface HubstaffClientOptions {
  tokens: AccessTokenProvider;
  /** API root including `/v2`. Default https://api.hubstaff.com/v2. */
  baseUrl?: string;
  /** Records per page, 1–500. Default 500 (fewest requests). */
  pageLimit?: number;
  /** Per-attempt timeout, body included. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** The account's shared budget, or options to make one (default 1,000 requests/hour, wait when empty). */
  budget?: RequestBudget | RequestBudgetOptions;
  sleep?: Sleep;
  random?: () => number;
  /** The clock for HTTP-date Retry-After headers (default: the system clock). */
  now?: () => number;
  /** Called for every attempt (logs, metrics). Carries no token. */
  onEvent?: (event: RequestEvent) => void;
  /**
   * Where requests and page decoding run: the process's shared exchange thread (default), another
   * one, or null for this thread. The results are the same; the thread keeps the caller's thread free.
   */
  exchangeThread?: ExchangeThread | null;
}

/** Per-call options shared by every list method. */
export interface ListOptions {
  signal?: AbortSignal;
  /** Resume a stream: the first request starts at this `page_start_id` (first slice only). */
  pageStartId?: number;
}

export interface TaskQuery extends ListOptions {
  status?: readonly ('active' | 'completed' | 'deleted' | 'archived' | 'archived_native_active' | 'archived_native_completed' | 'archived_native_deleted')[];
  userIds?: readonly number[];
}

export interface ProjectQuery extends ListOptions {
  /** Default `all`, so activities on archived projects still resolve a name. */
  status?: 'active' | 'archived' | 'all';
}

export interface ActivityQuery extends ListOptions {
  /** Inclusive; ISO date-time or Date. */
  start: Date | string;
  /** Exclusive; ISO date-time or Date. The range is cut into 7-day windows. */
  stop: Date | string;
  userIds?: readonly number[];
}

export interface ActivityUpdatesQuery extends ListOptions {
  updatedStart: Date | string;
  /** Exclusive. The range is cut into 7-day windows. */
  updatedStop: Date | string;
  userIds?: readonly number[];
}

export interface DailyActivityQuery extends ListOptions {
  /** `YYYY-MM-DD`, inclusive. */
  startDate: string;
  /** `YYYY-MM-DD`, inclusive. The range is cut into 31-day windows. */
  stopDate: string;
  userIds?: readonly number[];
}

/** Parsers for what is read here rather than as a list kind (the profile; members with their side-loaded users). */
const parsers = {
  user: compiled(UserSchema),
  member: compiled(MemberSchema),
};

/**
 * Hubstaff API v2 client: one instance per account. List methods are async iterators that
 * yield one page at a time, so a stream is never held whole in memory.
 */
export class HubstaffClient {
  readonly pageLimit: number;
  readonly budget: RequestBudget;
  private readonly http: HubstaffHttp;

  constructor(opts: HubstaffClientOptions) {
    const pageLimit = opts.pageLimit ?? MAX_PAGE_LIMIT;
    if (!Number.isInteger(pageLimit) || pageLimit < 1 || pageLimit > MAX_PAGE_LIMIT) {
      throw new StintError('invalid_argument', `pageLimit must be an integer from 1 to ${MAX_PAGE_LIMIT}`, { details: ['pageLimit'] });
    }
    this.pageLimit = pageLimit;
    const sleep = opts.sleep ?? realSleep;
    this.budget = opts.budget instanceof RequestBudget ? opts.budget : new RequestBudget({ sleep, ...opts.budget });
    const retry = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
    if (!(retry.maxAttempts >= 1)) throw new StintError('invalid_argument', 'retry.maxAttempts must be at least 1', { details: ['retry'] });
    const thread = opts.exchangeThread === null ? null : (opts.exchangeThread ?? sharedExchangeThread);
    this.http = new HubstaffHttp({
      baseUrl: opts.baseUrl ?? HUBSTAFF_API_URL,
      tokens: opts.tokens,
      budget: this.budget,
      timeoutMs: opts.timeoutMs ?? 30_000,
      retry,
      sleep,
      random: opts.random ?? Math.random,
      now: opts.now ?? systemClock.nowMs,
      exchange: thread ? thread.exchange : exchangeHere,
      onEvent: opts.onEvent,
    });
    thread?.start(); // so it is up by the time pages arrive
  }

  /** Requests sent by this client so far (retries included). */
  get requestCount(): number {
    return this.http.requestCount;
  }

  /** Requests the account's budget allows right now. */
  remainingBudget(): number {
    return this.budget.remaining();
  }

  async usersMe(opts: { signal?: AbortSignal } = {}): Promise<HubstaffUser> {
    const res = await this.http.getJson('/users/me', {}, opts.signal);
    const user = (res.body as { user?: unknown } | null)?.user;
    const parsed = parsers.user.safeParse(user);
    if (!parsed.success) {
      throw new HubstaffApiError('unavailable', 'Hubstaff sent an unreadable user profile', {
        correlationId: res.correlationId,
        status: res.status,
        attempts: 1,
        details: ['GET /users/me'],
      });
    }
    return parsed.data;
  }

  organizations(opts: ListOptions = {}): AsyncGenerator<Page<HubstaffOrganization>> {
    return this.list('/organizations', {}, 'organizations', 'organization', opts);
  }

  /** Members with their user side-loaded (`include[]=users`) and attached as `user`. */
  members(orgId: number, opts: ListOptions = {}): AsyncGenerator<Page<HubstaffMember>> {
    return paginate<HubstaffMember>({
      http: this.http,
      path: `/organizations/${orgPath(orgId)}/members`,
      query: { include: ['users'] },
      listKey: 'members',
      records: { parse: parseMembers },
      pageLimit: this.pageLimit,
      firstPageStartId: opts.pageStartId,
      signal: opts.signal,
    });
  }

  projects(orgId: number, opts: ProjectQuery = {}): AsyncGenerator<Page<HubstaffProject>> {
    return this.list(`/organizations/${orgPath(orgId)}/projects`, { status: opts.status ?? 'all' }, 'projects', 'project', opts);
  }

  tasks(orgId: number, opts: TaskQuery = {}): AsyncGenerator<Page<HubstaffTask>> {
    return this.list(`/organizations/${orgPath(orgId)}/tasks`, { status: opts.status, user_ids: opts.userIds }, 'tasks', 'task', opts);
  }

  /** Activities in [start, stop), fetched in 7-day windows; every page says which window. */
  activities(orgId: number, q: ActivityQuery): AsyncGenerator<Page<HubstaffActivity>> {
    return this.sliced(`/organizations/${orgPath(orgId)}/activities`, 'time_slot', timeSlices(q.start, q.stop), 'activities', 'activity', q);
  }

  /** Activities updated in [updatedStart, updatedStop), in 7-day windows. */
  activityUpdates(orgId: number, q: ActivityUpdatesQuery): AsyncGenerator<Page<HubstaffActivity>> {
    const slices = timeSlices(q.updatedStart, q.updatedStop);
    return this.sliced(`/organizations/${orgPath(orgId)}/activities/updates`, 'updated', slices, 'activities', 'activity', q);
  }

  /** Daily totals for the days startDate…stopDate (both inclusive), in 31-day windows. */
  dailyActivities(orgId: number, q: DailyActivityQuery): AsyncGenerator<Page<HubstaffDailyActivity>> {
    const slices = dateSlices(q.startDate, q.stopDate);
    return this.sliced(`/organizations/${orgPath(orgId)}/activities/daily`, 'date', slices, 'daily_activities', 'dailyActivity', q);
  }

  /**
   * A ranged stream read window by window (`<param>[start]` / `<param>[stop]`), page by page;
   * a resume cursor (`pageStartId`) applies to the first window only.
   */
  private async *sliced<K extends ListKind>(
    path: string,
    param: string,
    slices: readonly PageSlice[],
    listKey: string,
    kind: K,
    q: { userIds?: readonly number[]; pageStartId?: number; signal?: AbortSignal },
  ): AsyncGenerator<Page<ListRecord<K>>> {
    for (const slice of slices) {
      yield* paginate<K>({
        http: this.http,
        path,
        query: { [`${param}[start]`]: slice.start, [`${param}[stop]`]: slice.stop, user_ids: q.userIds },
        listKey,
        records: { kind },
        pageLimit: this.pageLimit,
        firstPageStartId: slice.index === 0 ? q.pageStartId : undefined,
        slice,
        signal: q.signal,
      });
    }
  }

  timeOffRequests(orgId: number, opts: ListOptions = {}): AsyncGenerator<Page<HubstaffTimeOffRequest>> {
    return this.list(`/organizations/${orgPath(orgId)}/time_off_requests`, {}, 'time_off_requests', 'timeOffRequest', opts);
  }

  /** Time off policies of every status, so requests under an archived policy still get a name. */
  timeOffPolicies(orgId: number, opts: ListOptions = {}): AsyncGenerator<Page<HubstaffTimeOffPolicy>> {
    return this.list(`/organizations/${orgPath(orgId)}/time_off_policies`, { status: 'all' }, 'time_off_policies', 'timeOffPolicy', opts);
  }

  private list<K extends ListKind>(path: string, query: Query, listKey: string, kind: K, opts: ListOptions): AsyncGenerator<Page<ListRecord<K>>> {
    return paginate<K>({
      http: this.http,
      path,
      query,
      listKey,
      records: { kind },
      pageLimit: this.pageLimit,
      firstPageStartId: opts.pageStartId,
      signal: opts.signal,
    });
  }
}

function orgPath(orgId: number): string {
  if (!Number.isSafeInteger(orgId) || orgId <= 0) {
    throw new StintError('invalid_argument', 'Organization IDs are positive whole numbers', { details: ['orgId'] });
  }
  return String(orgId);
}

/** Parses members and attaches each one's user, from the side-loaded `users` or `member.user`. */
function parseMembers(list: unknown[], body: Record<string, unknown>): { records: HubstaffMember[]; skipped: SkippedRecord[] } {
  const users = parseRecords(parsers.user, Array.isArray(body.users) ? body.users : [], 'users');
  const byId = new Map(users.records.map((u) => [u.id, u]));
  const records: HubstaffMember[] = [];
  const skipped: SkippedRecord[] = [];
  list.forEach((raw, index) => {
    const member = parsers.member.safeParse(raw);
    if (!member.success) {
      skipped.push(...parseRecords(parsers.member, [raw]).skipped.map((s) => ({ ...s, index })));
      return;
    }
    let user = byId.get(member.data.user_id) ?? null;
    const embedded = (raw as { user?: unknown }).user;
    if (!user && embedded) {
      const parsed = parsers.user.safeParse(embedded);
      if (parsed.success) user = parsed.data;
    }
    records.push({ ...member.data, user });
  });
  return { records, skipped: [...skipped, ...users.skipped] };
}
