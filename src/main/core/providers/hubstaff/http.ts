import type { IncomingHttpHeaders } from 'node:http';
import type { RequestBudget } from './budget';
import { HubstaffApiError, errorForStatus, serverErrorMessage } from './errors';
import { runRequestLoop, type AttemptOutcome, type LoopEvent, type LoopFailure } from '../shared/requestLoop';
import type { RetryPolicy } from '../shared/retryPolicy';
import { classifyStatus, retryAfterOf } from '../shared/retryPolicy';
import type { Sleep } from '../shared/sleep';
import type { Exchange, ExchangeRequest, ExchangeResult, ListKind, ListPage, ListRecord } from './exchange';
import { parseJsonBody } from './exchange';
import type { AccessTokenProvider } from './tokens';

// One GET: the shared request loop (../shared/requestLoop: the bearer with one fresh-token retry
// on 401, retries by the shared policy for 429/5xx/timeouts/resets/malformed JSON, typed errors
// carrying a correlation id) around what is Hubstaff's: the account's request budget before each
// attempt, the status and body classification, and its error texts. The exchange itself (the
// GET and decoding the body) is `deps.exchange`: here or on the exchange thread.

export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;
export type Query = Record<string, QueryValue>;

export interface HttpDeps {
  baseUrl: string;
  tokens: AccessTokenProvider;
  budget: RequestBudget;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  exchange: Exchange;
  onEvent?: (event: RequestEvent) => void;
}

/** What the client reports about each attempt (for logs and metrics; never a token). */
export interface RequestEvent extends LoopEvent {
  path: string;
}

export interface JsonResponse {
  body: unknown;
  status: number;
  correlationId: string;
}

export interface ListPageResponse<T> {
  /** Null when the body is not an object or its list is not an array. */
  page: ListPage<T> | null;
  status: number;
  correlationId: string;
}

type Outcome = { body: unknown } | { page: ListPage | null };

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-correlation-id'];

export function buildUrl(baseUrl: string, path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value as readonly (string | number)[]) params.append(`${key}[]`, String(v));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
}

export class HubstaffHttp {
  private requests = 0;

  constructor(private readonly deps: HttpDeps) {}

  /** Requests sent so far (every attempt, retries included). */
  get requestCount(): number {
    return this.requests;
  }

  async getJson(path: string, query: Query = {}, signal?: AbortSignal): Promise<JsonResponse> {
    const res = await this.get(path, query, signal, undefined);
    return { body: 'body' in res ? res.body : null, status: res.status, correlationId: res.correlationId };
  }

  /** A page whose list under `key` holds `kind` records, decoded where the exchange runs. */
  async getListPage<K extends ListKind>(path: string, query: Query, list: { key: string; kind: K }, signal?: AbortSignal): Promise<ListPageResponse<ListRecord<K>>> {
    const res = await this.get(path, query, signal, list);
    return { page: 'page' in res ? (res.page as ListPage<ListRecord<K>>) : null, status: res.status, correlationId: res.correlationId };
  }

  private get(path: string, query: Query, signal: AbortSignal | undefined, list: ExchangeRequest['list']): Promise<Outcome & { status: number; correlationId: string }> {
    const url = buildUrl(this.deps.baseUrl, path, query);
    return runRequestLoop<Outcome & { status: number; correlationId: string }, Failure>({
      service: 'Hubstaff',
      tokens: this.deps.tokens,
      renewOn401: true,
      retry: this.deps.retry,
      timeoutMs: this.deps.timeoutMs,
      sleep: this.deps.sleep,
      random: this.deps.random,
      signal,
      before: () => this.deps.budget.acquire(signal ? { signal } : {}),
      attempt: async (token, requestId) => {
        this.requests++;
        return this.attempt(url, token, requestId, signal, list);
      },
      unauthorized: ({ status, correlationId }) => ({ ...errorForStatus(401, null), status, correlationId }),
      network: (o) => ({ ...o, status: null }),
      // Hubstaff's 429s are retryable failures, never waits.
      waitsExhausted: ({ status, correlationId, waitMs }) => ({ code: 'rate_limited', message: 'Too many requests to Hubstaff for now', status, correlationId, retryAfterMs: waitMs }),
      error: (f, attempts) =>
        new HubstaffApiError(f.code, f.message, {
          correlationId: f.correlationId,
          status: f.status,
          attempts,
          retryAfterMs: f.retryAfterMs ?? null,
          details: [`GET ${path}`, ...(f.status === null ? [] : [`HTTP ${f.status}`])],
          cause: f.cause,
        }),
      emit: (e) => this.deps.onEvent?.({ path, ...e }),
    });
  }

  /** One HTTP exchange, classified. Network-level errors are thrown to the caller. */
  private async attempt(
    url: string,
    token: string,
    requestId: string,
    signal: AbortSignal | undefined,
    list: ExchangeRequest['list'],
  ): Promise<AttemptOutcome<Outcome & { status: number; correlationId: string }, Failure>> {
    // The timeout also covers the body.
    const timeout = AbortSignal.timeout(this.deps.timeoutMs);
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json', 'X-Request-Id': requestId };
    let res: ExchangeResult;
    try {
      res = await this.deps.exchange(list ? { url, headers, list } : { url, headers }, signal ? AbortSignal.any([signal, timeout]) : timeout);
    } catch (e) {
      if (timeout.aborted && !signal?.aborted) throw timeout.reason; // a TimeoutError, whatever the socket reported
      throw e;
    }
    const correlationId = responseRequestId(res.headers) ?? requestId;
    const status = res.status;

    const kind = classifyStatus(status);
    if (kind === 'ok') {
      const notJson = { retryable: { code: 'unavailable', message: 'Hubstaff sent an answer Stint could not read', status, correlationId, retryAfterMs: null } } as const;
      const ok = (o: Outcome) => ({ ok: { ...o, status, correlationId }, status, correlationId });
      if ('page' in res) return ok({ page: res.page });
      if ('malformed' in res) return res.malformed === 'list' ? ok({ page: null }) : notJson;
      try {
        return ok({ body: parseJsonBody(res.body) });
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
        return notJson;
      }
    }
    const text = 'body' in res ? res.body.toString('utf8') : '';
    if (kind === 'unauthorized') return { unauthorized: true, status, correlationId };
    // A 429 or a 503 may say when to come back; other failures back off exponentially.
    const retryAfterMs = retryAfterOf(status, header(res.headers, 'retry-after'), this.deps.now());
    if (kind === 'rate_limited') return { retryable: { code: 'rate_limited', message: 'Too many requests to Hubstaff for now', status, correlationId, retryAfterMs } };
    if (kind === 'retryable') return { retryable: { code: 'unavailable', message: `Hubstaff is unavailable (HTTP ${status})`, status, correlationId, retryAfterMs } };
    const { code, message } = errorForStatus(status, serverErrorMessage(text));
    return { final: { code, message, status, correlationId } };
  }
}

/** A failed attempt; `code` is what a retryable one becomes when attempts run out. */
type Failure = LoopFailure;

function responseRequestId(headers: IncomingHttpHeaders): string | null {
  for (const name of REQUEST_ID_HEADERS) {
    const value = header(headers, name);
    if (value) return value.slice(0, 200);
  }
  return null;
}

function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
