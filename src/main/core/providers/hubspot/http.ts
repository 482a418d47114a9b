import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '../../../../common/errors';
import { isStintError } from '../../../../common/errors';
import type { RetryPolicy } from '../shared/retryPolicy';
import { classifyNetworkError, classifyStatus, exceedsRetryAfterCap, nextRetry, retryAfterDelayMs, retryAfterOf } from '../shared/retryPolicy';
import type { Sleep } from '../shared/sleep';
import type { HubspotErrorEnvelope, HubspotErrorReason } from './errors';
import { HubspotApiError, isSecondlyLimit, missingScopesOf, parseErrorEnvelope, serverMessage } from './errors';
import type { RateLimitGovernor, SearchLimiter } from './rateLimits';
import { DEFAULT_INTERVAL_MS, readRateLimitHeaders } from './rateLimits';
import type { HubspotAuth } from './tokens';

// One HubSpot request with everything around it (reference §4.6–§4.7):
// - auth by kind: a private app's 401 fails at once with `auth_failed` (its token cannot be
//   refreshed, so a retry cannot help); an OAuth 401 asks the token provider once for a fresh
//   token and retries once, and a second refusal is `auth_revoked`;
// - 429 by policy: TEN_SECONDLY_ROLLING waits out the window, search's "secondly" form waits a
//   second, DAILY stops (and keeps stopping, without requests) until the account's midnight;
// - pacing from X-HubSpot-RateLimit-* headers and a per-second limiter for search;
// - 5xx, 408, timeouts, resets and unreadable bodies retried with bounded backoff + jitter;
// - classification, Retry-After (one cap: retry.maxRetryAfterMs, also for 429 windows) and
//   backoff are the shared policy (../shared/retryPolicy), the same as Hubstaff's;
// - 400/403/404 never retried; 403 MISSING_SCOPES names the scopes to add.

export type QueryValue = string | number | boolean | readonly string[] | undefined;
export type Query = Record<string, QueryValue>;

export interface HubspotHttpDeps {
  baseUrl: string;
  auth: HubspotAuth;
  timeoutMs: number;
  retry: RetryPolicy;
  /** 429 waits (burst or secondly) allowed per request before giving up with `rate_limited`. */
  maxRateLimitWaits: number;
  sleep: Sleep;
  random: () => number;
  governor: RateLimitGovernor;
  searchLimiter: SearchLimiter;
  now: () => number;
  onEvent?: (event: HubspotRequestEvent) => void;
}

export interface HubspotRequest {
  method: 'GET' | 'POST';
  /** The path, or a function of the bearer token for the one path that carries it. */
  path: string | ((token: string) => string);
  /** Shown in events and errors instead of the path (never a token). Default: the path. */
  label?: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/** What the client reports about each attempt (logs, metrics; never a token). */
export interface HubspotRequestEvent {
  request: string;
  attempt: number;
  status: number | null;
  outcome: 'ok' | 'retry' | 'rate_wait' | 'refresh' | 'fail';
  code?: ErrorCode;
  correlationId: string;
  durationMs: number;
  /** For `retry` and `rate_wait`: how long the client waits before the next attempt. */
  delayMs?: number;
}

export interface JsonResponse {
  body: unknown;
  status: number;
  correlationId: string;
}

interface Failure {
  code: ErrorCode;
  reason: HubspotErrorReason;
  message: string;
  status: number | null;
  correlationId: string;
  category?: string | null;
  missingScopes?: string[];
  retryAfterMs?: number | null;
  cause?: unknown;
}

type Outcome =
  | { ok: JsonResponse }
  | { unauthorized: true; correlationId: string; env: HubspotErrorEnvelope | null }
  | { daily: true; correlationId: string }
  | { wait: number; correlationId: string; status: number }
  | { retryable: Failure }
  | { final: Failure };

export function buildUrl(baseUrl: string, path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    // Repeated properties may be sent as one comma list (reference §4.3).
    params.append(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = params.toString();
  return `${baseUrl.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
}

export class HubspotHttp {
  private requests = 0;

  constructor(private readonly deps: HubspotHttpDeps) {}

  /** Requests sent so far (every attempt, retries included). */
  get requestCount(): number {
    return this.requests;
  }

  get authKind(): HubspotAuth['kind'] {
    return this.deps.auth.kind;
  }

  /** The bearer token to send now (private app token, or the provider's current one). */
  async currentToken(): Promise<string> {
    const auth = this.deps.auth;
    return auth.kind === 'private_app' ? auth.token : auth.tokens.getAccessToken();
  }

  async request(req: HubspotRequest): Promise<JsonResponse> {
    const { retry, governor, auth } = this.deps;
    const label = req.label ?? `${req.method} ${typeof req.path === 'string' ? req.path : '(path)'}`;
    const isSearch = typeof req.path === 'string' && req.path.endsWith('/search');
    let freshToken: string | null = null;
    let triedFreshToken = false;
    let attempt = 0; // counted against retry.maxAttempts
    let rateWaits = 0;
    let sent = 0;

    for (;;) {
      req.signal?.throwIfAborted();
      const blockedUntil = governor.dailyBlockedUntil();
      if (blockedUntil !== null) throw this.dailyError(label, sent, randomUUID(), null, blockedUntil);
      if (isSearch) await this.deps.searchLimiter.acquire(req.signal);
      const pause = isSearch ? 0 : governor.pauseMs();
      if (pause > 0) await this.deps.sleep(pause, req.signal);

      attempt++;
      sent++;
      const token = freshToken ?? (await this.currentToken());
      freshToken = null;
      const requestId = randomUUID();
      const started = performance.now();
      const path = typeof req.path === 'string' ? req.path : req.path(token);
      let failure: Failure;
      try {
        this.requests++;
        const outcome = await this.attempt(buildUrl(this.deps.baseUrl, path, req.query), req, token, requestId);
        if ('ok' in outcome) {
          this.emit({ request: label, attempt: sent, status: outcome.ok.status, outcome: 'ok', correlationId: outcome.ok.correlationId, durationMs: performance.now() - started });
          return outcome.ok;
        }
        if ('unauthorized' in outcome) {
          if (auth.kind === 'private_app') {
            throw this.fail(label, sent, started, {
              code: 'auth_failed',
              reason: 'token_rejected',
              message: 'HubSpot rejected the private app token. Update your HubSpot token (create a new one in the private app’s settings).',
              status: 401,
              correlationId: outcome.correlationId,
              category: outcome.env?.category ?? null,
            });
          }
          if (!triedFreshToken) {
            triedFreshToken = true;
            this.emit({ request: label, attempt: sent, status: 401, outcome: 'refresh', correlationId: outcome.correlationId, durationMs: performance.now() - started });
            const next = await auth.tokens.onUnauthorized(token);
            if (next !== null) {
              freshToken = next;
              attempt--; // a retry with a fresh token is not a backoff attempt
              continue;
            }
          }
          throw this.fail(label, sent, started, {
            code: 'auth_revoked',
            reason: 'reconnect_needed',
            message: 'HubSpot no longer accepts this connection’s sign-in. Reconnect HubSpot.',
            status: 401,
            correlationId: outcome.correlationId,
            category: outcome.env?.category ?? null,
          });
        }
        if ('daily' in outcome) throw this.dailyError(label, sent, outcome.correlationId, 429, governor.blockDaily());
        if ('wait' in outcome) {
          rateWaits++;
          const tooLong = exceedsRetryAfterCap(outcome.wait, retry);
          if (tooLong || rateWaits > this.deps.maxRateLimitWaits) {
            throw this.fail(label, sent, started, {
              code: 'rate_limited',
              reason: 'rate_limit',
              message: tooLong
                ? `HubSpot’s rate limit was reached; HubSpot asked to wait ${Math.ceil(outcome.wait / 1000)} s`
                : `HubSpot’s rate limit was still reached after ${rateWaits - 1} waits`,
              status: outcome.status,
              correlationId: outcome.correlationId,
              retryAfterMs: outcome.wait,
            });
          }
          const delayMs = retryAfterDelayMs(outcome.wait, this.deps.random);
          this.emit({ request: label, attempt: sent, status: outcome.status, outcome: 'rate_wait', code: 'rate_limited', correlationId: outcome.correlationId, durationMs: performance.now() - started, delayMs });
          attempt--; // waiting out a limit is not a failed attempt
          await this.deps.sleep(delayMs, req.signal);
          continue;
        }
        if ('final' in outcome) throw this.fail(label, sent, started, outcome.final);
        failure = outcome.retryable;
      } catch (e) {
        if (isStintError(e)) throw e; // ours, or the token provider's (e.g. a refused refresh)
        if (req.signal?.aborted) throw req.signal.reason;
        const network = classifyNetworkError(e, this.deps.timeoutMs, 'HubSpot');
        if (network.offline) throw this.fail(label, sent, started, { code: 'offline', reason: 'network', message: network.message, status: null, correlationId: requestId, cause: e });
        failure = { code: 'unavailable', reason: 'network', message: network.message, status: null, correlationId: requestId, cause: e };
      }

      const next = nextRetry(attempt, failure.retryAfterMs ?? null, retry, this.deps.random);
      if (!next.retry) {
        const message =
          next.why === 'wait_too_long'
            ? `${failure.message}; HubSpot asked to wait ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s`
            : `${failure.message} (gave up after ${sent} attempts)`;
        throw this.fail(label, sent, started, { ...failure, message });
      }
      const delayMs = next.delayMs;
      this.emit({ request: label, attempt: sent, status: failure.status, outcome: 'retry', code: failure.code, correlationId: failure.correlationId, durationMs: performance.now() - started, delayMs });
      await this.deps.sleep(delayMs, req.signal);
    }
  }

  /** One HTTP exchange, classified. Network-level errors are thrown to the caller. */
  private async attempt(url: string, req: HubspotRequest, token: string, requestId: string): Promise<Outcome> {
    const timeout = AbortSignal.timeout(this.deps.timeoutMs);
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    if (req.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: req.signal ? AbortSignal.any([req.signal, timeout]) : timeout,
    });
    const correlationId = res.headers.get('x-hubspot-correlation-id')?.slice(0, 200) ?? requestId;
    const status = res.status;
    this.deps.governor.observe(readRateLimitHeaders(res.headers));

    const kind = classifyStatus(status);
    if (kind === 'ok') {
      // The timeout also covers the body; a network failure while reading it is thrown on.
      const text = await res.text();
      try {
        return { ok: { body: JSON.parse(text) as unknown, status, correlationId } };
      } catch {
        return { retryable: { code: 'unavailable', reason: 'malformed', message: 'HubSpot sent a malformed response', status, correlationId } };
      }
    }
    const env = parseErrorEnvelope(await res.text());
    const category = env?.category ?? null;
    const message = serverMessage(env);
    if (kind === 'unauthorized') return { unauthorized: true, correlationId, env };
    if (kind === 'rate_limited') {
      if (env?.policyName === 'DAILY') return { daily: true, correlationId };
      const retryAfter = retryAfterOf(status, res.headers.get('retry-after'), this.deps.now()) ?? 0;
      const interval = readRateLimitHeaders(res.headers).intervalMs ?? DEFAULT_INTERVAL_MS;
      // The secondly form waits a second; TEN_SECONDLY_ROLLING (or an unknown policy) a window.
      const wait = isSecondlyLimit(env) ? 1000 : interval;
      return { wait: Math.max(wait, retryAfter), correlationId, status };
    }
    if (kind === 'retryable') {
      const retryAfterMs = retryAfterOf(status, res.headers.get('retry-after'), this.deps.now());
      return { retryable: { code: 'unavailable', reason: 'server', message: `HubSpot is unavailable (HTTP ${status})`, status, correlationId, category, retryAfterMs } };
    }
    if (status === 403) {
      const scopes = missingScopesOf(env);
      if (category === 'MISSING_SCOPES') {
        const how = this.deps.auth.kind === 'private_app' ? 'add it in the private app’s settings' : 'reconnect HubSpot to grant it';
        const what = scopes.length > 0 ? `the scope ${scopes.join(', ')}` : 'a scope this call needs';
        return {
          final: { code: 'missing_scopes', reason: 'missing_scopes', message: `HubSpot has not granted Stint ${what}; ${how}.`, status, correlationId, category, missingScopes: scopes },
        };
      }
      return { final: { code: 'forbidden_org', reason: 'forbidden', message: message ? `HubSpot refused access: ${message}` : 'HubSpot refused access', status, correlationId, category } };
    }
    if (status === 404) return { final: { code: 'not_found', reason: 'not_found', message: 'HubSpot has no such record', status, correlationId, category } };
    return {
      final: { code: 'bad_request', reason: 'validation', message: message ? `HubSpot rejected the request: ${message}` : `HubSpot rejected the request (HTTP ${status})`, status, correlationId, category },
    };
  }

  private dailyError(label: string, attempts: number, correlationId: string, status: number | null, until: number): HubspotApiError {
    const resetAt = new Date(until).toISOString();
    const zone = this.deps.governor.timeZone;
    const e = new HubspotApiError('rate_limited', `HubSpot’s daily API limit for this account is used up; syncing resumes after ${resetAt} (midnight, ${zone}).`, {
      reason: 'daily_limit',
      correlationId,
      status,
      attempts,
      category: 'RATE_LIMITS',
      resetAt,
      retryAfterMs: Math.max(0, until - this.deps.now()),
      details: [label],
    });
    this.emit({ request: label, attempt: attempts, status, outcome: 'fail', code: 'rate_limited', correlationId, durationMs: 0 });
    return e;
  }

  private fail(label: string, attempts: number, started: number, f: Failure): HubspotApiError {
    this.emit({ request: label, attempt: attempts, status: f.status, outcome: 'fail', code: f.code, correlationId: f.correlationId, durationMs: performance.now() - started });
    return new HubspotApiError(f.code, f.message, {
      reason: f.reason,
      correlationId: f.correlationId,
      status: f.status,
      attempts,
      category: f.category ?? null,
      missingScopes: f.missingScopes,
      retryAfterMs: f.retryAfterMs ?? null,
      details: [label, ...(f.status === null ? [] : [`HTTP ${f.status}`])],
      cause: f.cause,
    });
  }

  private emit(event: HubspotRequestEvent): void {
    this.deps.onEvent?.(event);
  }
}
