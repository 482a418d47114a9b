import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorCode } from '../../../../common/errors';
import { isStintError } from '../../../../common/errors';
import type { RequestBudget } from './budget';
import { HubstaffApiError, errorForStatus, serverErrorMessage } from './errors';
import type { RetryPolicy } from '../shared/retryPolicy';
import { classifyNetworkError, classifyStatus, nextRetry, retryAfterOf } from '../shared/retryPolicy';
import type { Sleep } from '../shared/sleep';
import type { Exchange, ExchangeRequest, ExchangeResult, ListKind, ListPage, ListRecord } from './exchange';
import { parseJsonBody } from './exchange';
import type { AccessTokenProvider } from './tokens';

// One GET with everything around it: the account's request budget, the bearer from the token
// provider (one fresh-token retry on 401), a per-attempt timeout, retries with backoff for
// 429/5xx/timeouts/resets/malformed JSON, and typed errors carrying a correlation id. The
// exchange itself (the GET and decoding the body) is `deps.exchange`: here or on the exchange thread.

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
export interface RequestEvent {
  path: string;
  attempt: number;
  status: number | null;
  outcome: 'ok' | 'retry' | 'refresh' | 'fail';
  code?: ErrorCode;
  correlationId: string;
  durationMs: number;
  /** For `retry`: how long the client waits before the next attempt. */
  delayMs?: number;
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

/** A failed attempt that may be retried; `code` is what it becomes when attempts run out. */
interface RetryableFailure {
  code: Extract<ErrorCode, 'rate_limited' | 'unavailable'>;
  message: string;
  status: number | null;
  correlationId: string;
  retryAfterMs: number | null;
  cause?: unknown;
}

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

  private async get(path: string, query: Query, signal: AbortSignal | undefined, list: ExchangeRequest['list']): Promise<Outcome & { status: number; correlationId: string }> {
    const { retry, budget, tokens } = this.deps;
    const url = buildUrl(this.deps.baseUrl, path, query);
    let freshToken: string | null = null; // set once, by onUnauthorized
    let triedFreshToken = false;
    let attempt = 0; // attempts counted against retry.maxAttempts
    let sent = 0;

    for (;;) {
      attempt++;
      sent++;
      await budget.acquire(signal ? { signal } : {});
      const token = freshToken ?? (await tokens.getAccessToken());
      freshToken = null;
      const started = performance.now();
      // Sent as X-Request-Id so our logs and Hubstaff's share an id even when no response arrives.
      const requestId = randomUUID();
      let failure: RetryableFailure;
      try {
        this.requests++;
        const outcome = await this.attempt(url, token, requestId, signal, list);
        const durationMs = performance.now() - started;
        if ('status' in outcome) {
          this.emit({ path, attempt: sent, status: outcome.status, outcome: 'ok', correlationId: outcome.correlationId, durationMs });
          return outcome;
        }
        if ('unauthorized' in outcome) {
          if (!triedFreshToken) {
            triedFreshToken = true;
            this.emit({ path, attempt: sent, status: 401, outcome: 'refresh', correlationId: outcome.correlationId, durationMs });
            const next = await tokens.onUnauthorized(token);
            if (next !== null) {
              freshToken = next;
              attempt--; // the retry with a fresh token is not a backoff attempt
              continue;
            }
          }
          throw this.fail(path, sent, started, { ...errorForStatus(401, null), status: 401, correlationId: outcome.correlationId });
        }
        if ('final' in outcome) throw this.fail(path, sent, started, outcome.final);
        failure = outcome.retryable;
      } catch (e) {
        if (isStintError(e)) throw e; // ours, or the token provider's (e.g. a failed refresh): not a network error
        if (signal?.aborted) throw signal.reason;
        const network = classifyNetworkError(e, this.deps.timeoutMs, 'Hubstaff');
        if (network.offline) {
          throw this.fail(path, sent, started, { code: 'offline', message: network.message, status: null, correlationId: requestId, cause: e });
        }
        failure = { code: 'unavailable', message: network.message, status: null, correlationId: requestId, retryAfterMs: null, cause: e };
      }

      const next = nextRetry(attempt, failure.retryAfterMs, retry, this.deps.random);
      if (!next.retry) {
        const message =
          next.why === 'wait_too_long'
            ? `${failure.message}; Hubstaff asked to wait ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s`
            : `${failure.message} (gave up after ${sent} attempts)`;
        throw this.fail(path, sent, started, { ...failure, message });
      }
      const delayMs = next.delayMs;
      this.emit({
        path,
        attempt: sent,
        status: failure.status,
        outcome: 'retry',
        code: failure.code,
        correlationId: failure.correlationId,
        durationMs: performance.now() - started,
        delayMs,
      });
      await this.deps.sleep(delayMs, signal);
    }
  }

  /** One HTTP exchange, classified. Network-level errors are thrown to the caller. */
  private async attempt(
    url: string,
    token: string,
    requestId: string,
    signal: AbortSignal | undefined,
    list: ExchangeRequest['list'],
  ): Promise<(Outcome & { status: number; correlationId: string }) | { unauthorized: true; correlationId: string } | { retryable: RetryableFailure } | { final: FinalFailure }> {
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
      const notJson = { retryable: { code: 'unavailable', message: 'Hubstaff sent a malformed response', status, correlationId, retryAfterMs: null } } as const;
      if ('page' in res) return { page: res.page, status, correlationId };
      if ('malformed' in res) return res.malformed === 'list' ? { page: null, status, correlationId } : notJson;
      try {
        return { body: parseJsonBody(res.body), status, correlationId };
      } catch (e) {
        if (!(e instanceof SyntaxError)) throw e;
        return notJson;
      }
    }
    const text = 'body' in res ? res.body.toString('utf8') : '';
    if (kind === 'unauthorized') return { unauthorized: true, correlationId };
    // A 429 or a 503 may say when to come back; other failures back off exponentially.
    const retryAfterMs = retryAfterOf(status, header(res.headers, 'retry-after'), this.deps.now());
    if (kind === 'rate_limited') return { retryable: { code: 'rate_limited', message: 'Hubstaff rate limit reached', status, correlationId, retryAfterMs } };
    if (kind === 'retryable') return { retryable: { code: 'unavailable', message: `Hubstaff is unavailable (HTTP ${status})`, status, correlationId, retryAfterMs } };
    const { code, message } = errorForStatus(status, serverErrorMessage(text));
    return { final: { code, message, status, correlationId } };
  }

  private fail(path: string, attempts: number, started: number, f: FinalFailure): HubstaffApiError {
    this.emit({ path, attempt: attempts, status: f.status, outcome: 'fail', code: f.code, correlationId: f.correlationId, durationMs: performance.now() - started });
    return new HubstaffApiError(f.code, f.message, {
      correlationId: f.correlationId,
      status: f.status,
      attempts,
      retryAfterMs: f.retryAfterMs ?? null,
      details: [`GET ${path}`, ...(f.status === null ? [] : [`HTTP ${f.status}`])],
      cause: f.cause,
    });
  }

  private emit(event: RequestEvent): void {
    this.deps.onEvent?.(event);
  }
}

interface FinalFailure {
  code: ErrorCode;
  message: string;
  status: number | null;
  correlationId: string;
  retryAfterMs?: number | null;
  cause?: unknown;
}

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
