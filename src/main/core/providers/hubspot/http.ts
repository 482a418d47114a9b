import { randomUUID } from 'node:crypto';
import type { RetryPolicy } from '../shared/retryPolicy';
import { runRequestLoop, type AttemptOutcome, type LoopEvent, type LoopFailure } from '../shared/requestLoop';
import { classifyStatus, retryAfterOf } from '../shared/retryPolicy';
import type { Sleep } from '../shared/sleep';
import type { HubspotErrorReason } from './errors';
import { HubspotApiError, isSecondlyLimit, missingScopesOf, parseErrorEnvelope, serverMessage } from './errors';
import type { RateLimitGovernor, SearchLimiter } from './rateLimits';
import { DEFAULT_INTERVAL_MS, readRateLimitHeaders } from './rateLimits';
import type { HubspotAuth } from './tokens';

// One HubSpot request with everything around it (reference §4.6–§4.7):
// - auth: a 401 asks the token provider once for a fresh token and retries once; a provider that
//   has none (a private app token cannot be renewed) or a second refusal ends in `auth_revoked`
//   (for a private app: "update your HubSpot token"), and the account needs reconnecting;
// - 429 by policy: TEN_SECONDLY_ROLLING waits out the window, search's "secondly" form waits a
//   second, DAILY stops (and keeps stopping, without requests) until the account's midnight;
// - pacing from X-HubSpot-RateLimit-* headers and a per-second limiter for search;
// - 5xx, 408, timeouts, resets and unreadable bodies retried with bounded backoff + jitter;
// - the loop (fresh-token retry, network errors, Retry-After with one cap — retry.maxRetryAfterMs,
//   also for 429 windows — backoff, give-up) is the shared one (../shared/requestLoop), Hubstaff's too;
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
export interface HubspotRequestEvent extends LoopEvent {
  request: string;
}

export interface JsonResponse {
  body: unknown;
  status: number;
  correlationId: string;
}

interface Failure extends LoopFailure {
  reason: HubspotErrorReason;
  category?: string | null;
  missingScopes?: string[];
}

/** An attempt as the shared loop takes it, or HubSpot's daily limit (which ends the request). */
type Outcome = AttemptOutcome<JsonResponse, Failure> | { daily: true; correlationId: string };

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
    return this.deps.auth.tokens.getAccessToken();
  }

  request(req: HubspotRequest): Promise<JsonResponse> {
    const { governor, auth } = this.deps;
    const label = req.label ?? `${req.method} ${typeof req.path === 'string' ? req.path : '(path)'}`;
    const isSearch = typeof req.path === 'string' && req.path.endsWith('/search');
    let sent = 0;
    return runRequestLoop<JsonResponse, Failure>({
      service: 'HubSpot',
      tokens: auth.tokens,
      // The token provider knows whether the credential can be renewed (a private app token
      // cannot: it says so, and the account needs a new token — never a blind retry).
      renewOn401: true,
      retry: this.deps.retry,
      timeoutMs: this.deps.timeoutMs,
      sleep: this.deps.sleep,
      random: this.deps.random,
      signal: req.signal,
      maxWaits: this.deps.maxRateLimitWaits,
      before: async () => {
        const blockedUntil = governor.dailyBlockedUntil();
        if (blockedUntil !== null) throw this.dailyError(label, sent, randomUUID(), null, blockedUntil);
        if (isSearch) await this.deps.searchLimiter.acquire(req.signal);
        const pause = isSearch ? 0 : governor.pauseMs();
        if (pause > 0) await this.deps.sleep(pause, req.signal);
      },
      attempt: async (token, requestId) => {
        sent++;
        this.requests++;
        const path = typeof req.path === 'string' ? req.path : req.path(token);
        const outcome = await this.attempt(buildUrl(this.deps.baseUrl, path, req.query), req, token, requestId);
        if ('daily' in outcome) throw this.dailyError(label, sent, outcome.correlationId, 429, governor.blockDaily());
        return outcome;
      },
      unauthorized: ({ status, correlationId, extra }) =>
        auth.kind === 'private_app'
          ? {
              code: 'auth_revoked',
              reason: 'token_rejected',
              message: 'HubSpot rejected the private app token. Update your HubSpot token (create a new one in the private app’s settings).',
              status,
              correlationId,
              category: extra?.category ?? null,
            }
          : {
              code: 'auth_revoked',
              reason: 'reconnect_needed',
              message: 'HubSpot no longer accepts this connection’s sign-in. Reconnect HubSpot.',
              status,
              correlationId,
              category: extra?.category ?? null,
            },
      network: (o) => ({ ...o, reason: 'network', status: null }),
      waitsExhausted: ({ status, correlationId, waitMs, waits, tooLong }) => ({
        code: 'rate_limited',
        reason: 'rate_limit',
        message: tooLong ? `HubSpot asked Stint to slow down and wait ${Math.ceil(waitMs / 1000)} s` : `HubSpot still asked Stint to slow down after ${waits} waits`,
        status,
        correlationId,
        retryAfterMs: waitMs,
      }),
      error: (f, attempts) =>
        new HubspotApiError(f.code, f.message, {
          reason: f.reason,
          correlationId: f.correlationId,
          status: f.status,
          attempts,
          category: f.category ?? null,
          missingScopes: f.missingScopes,
          retryAfterMs: f.retryAfterMs ?? null,
          details: [label, ...(f.status === null ? [] : [`HTTP ${f.status}`])],
          cause: f.cause,
        }),
      emit: (e) => this.emit({ request: label, ...e }),
    });
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
        return { ok: { body: JSON.parse(text) as unknown, status, correlationId }, status, correlationId };
      } catch {
        return { retryable: { code: 'unavailable', reason: 'malformed', message: 'HubSpot sent an answer Stint could not read', status, correlationId } };
      }
    }
    const env = parseErrorEnvelope(await res.text());
    const category = env?.category ?? null;
    const message = serverMessage(env);
    if (kind === 'unauthorized') return { unauthorized: true, status, correlationId, extra: { category } };
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

  private emit(event: HubspotRequestEvent): void {
    this.deps.onEvent?.(event);
  }
}
