// The one HTTP retry policy every provider client uses: how statuses and network errors are
// classified, how Retry-After is read and capped, and how long to wait before the next attempt
// (bounded exponential backoff with jitter). What is provider-specific (Hubstaff's request
// budget, HubSpot's rate-limit governor and 429 policies, error texts) stays in each client.

export interface RetryPolicy {
  /** Attempts per request, the first included (a 401 retry with a fresh token is extra). */
  maxAttempts: number;
  /** Backoff before the 2nd attempt; doubles each time up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The one cap on a server-requested wait (Retry-After, or a rate-limit window): a wait up to
   * this long is honoured exactly (plus jitter); a longer one fails at once (the scheduler backs off).
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
};

/** At most this much random time is added to a server-requested wait, so parallel clients do not return in lockstep. */
export const RETRY_AFTER_JITTER_MS = 250;

/** Delay before retry number `retry` (1 = after the first failure): half fixed, half random ("equal jitter"). */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

/** A server-requested wait, honoured exactly, plus jitter. */
export function retryAfterDelayMs(waitMs: number, random: () => number): number {
  return waitMs + Math.round(random() * RETRY_AFTER_JITTER_MS);
}

/** Whether a server-requested wait is longer than the policy allows (then the request fails at once). */
export function exceedsRetryAfterCap(waitMs: number | null, policy: RetryPolicy): boolean {
  return waitMs !== null && waitMs > policy.maxRetryAfterMs;
}

/** Retry-After in ms from delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  /** `wait_too_long`: the server asked for more than maxRetryAfterMs; `attempts`: maxAttempts used up. */
  | { retry: false; why: 'wait_too_long' | 'attempts' };

/** After failed attempt number `attempt` (counted against maxAttempts): retry, and after how long, or give up. */
export function nextRetry(attempt: number, retryAfterMs: number | null, policy: RetryPolicy, random: () => number): RetryDecision {
  if (exceedsRetryAfterCap(retryAfterMs, policy)) return { retry: false, why: 'wait_too_long' };
  if (attempt >= policy.maxAttempts) return { retry: false, why: 'attempts' };
  return { retry: true, delayMs: retryAfterMs !== null ? retryAfterDelayMs(retryAfterMs, random) : backoffDelayMs(attempt, policy, random) };
}

/** How a response status is handled. */
export type StatusClass =
  | 'ok' // 2xx
  | 'unauthorized' // 401: one retry with a fresh token (the client decides whether it can get one)
  | 'rate_limited' // 429: wait (Retry-After or the provider's window) and retry
  | 'retryable' // 408 and 5xx: back off and retry (a 503 may say when)
  | 'final'; // any other 4xx (and anything else): never retried

export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  if (status >= 500 || status === 408) return 'retryable';
  return 'final';
}

/** The Retry-After a response of this status carries, in ms: read for 429 and 503 only. */
export function retryAfterOf(status: number, header: string | null, now: number): number | null {
  return status === 429 || status === 503 ? parseRetryAfterMs(header, now) : null;
}

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

/**
 * Sorts a thrown request/body error into offline (never retried: the network is down) or
 * transient (a timeout, a reset, a refused TLS…: retried). `service` names the provider in the message.
 */
export function classifyNetworkError(e: unknown, timeoutMs: number, service: string): { offline: boolean; message: string } {
  if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return { offline: false, message: `${service} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}` };
  }
  const code = systemErrorCode(e);
  if (code && OFFLINE_CODES.has(code)) return { offline: true, message: `${service} cannot be reached; the network may be offline` };
  return { offline: false, message: `The connection to ${service} failed${code ? ` (${code})` : ''}` };
}

/** The system error code of a failed request (undici wraps it in `cause`, sometimes twice). */
export function systemErrorCode(e: unknown): string | null {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}
