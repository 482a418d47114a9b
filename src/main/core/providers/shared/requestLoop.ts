import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '../../../../common/errors';
import { isStintError } from '../../../../common/errors';
import type { AccessTokenProvider } from './accessTokens';
import type { RetryPolicy } from './retryPolicy';
import { classifyNetworkError, exceedsRetryAfterCap, nextRetry, retryAfterDelayMs } from './retryPolicy';
import type { Sleep } from './sleep';

// The one request loop every provider client runs (Hubstaff's and HubSpot's http.ts): the
// bearer from the account's token provider with one fresh-token retry on 401, a thrown network
// error sorted into offline (never retried) or transient, retries by the shared policy
// (Retry-After up to its cap, else backoff with jitter), server-requested waits that are not
// failed attempts, and a typed error at the end. What a response means (its status, body,
// rate-limit policies) is the client's `attempt`; how its errors and events look is its too.

/** What every failure carries; a client adds its own fields (`F`). */
export interface LoopFailure {
  code: ErrorCode;
  message: string;
  status: number | null;
  correlationId: string;
  retryAfterMs?: number | null;
  cause?: unknown;
}

/** One attempt, classified by the client. */
export type AttemptOutcome<T, F extends LoopFailure> =
  | { ok: T; status: number; correlationId: string }
  /** A 401: retried once with a fresh token when the credential can be renewed. */
  | { unauthorized: true; status: number; correlationId: string; extra?: Partial<F> }
  /** Counted against maxAttempts; waits Retry-After (up to the cap) or backs off. */
  | { retryable: F }
  /** A server-requested wait (a rate-limit window): not a failed attempt, bounded by `maxWaits`. */
  | { wait: number; status: number; correlationId: string }
  | { final: F };

/** What the loop reports about each attempt (the client adds its request label; never a token). */
export interface LoopEvent {
  attempt: number;
  status: number | null;
  outcome: 'ok' | 'retry' | 'rate_wait' | 'refresh' | 'fail';
  code?: ErrorCode;
  correlationId: string;
  durationMs: number;
  /** For `retry` and `rate_wait`: how long the client waits before the next attempt. */
  delayMs?: number;
}

export interface RequestLoop<T, F extends LoopFailure> {
  /** The service's name in messages ("Hubstaff", "HubSpot"). */
  service: string;
  tokens: AccessTokenProvider;
  /** False for a static credential (a private app token): a 401 fails at once. */
  renewOn401: boolean;
  retry: RetryPolicy;
  timeoutMs: number;
  sleep: Sleep;
  random: () => number;
  signal?: AbortSignal | undefined;
  /** Server-requested waits allowed per request before it fails (default: none allowed). */
  maxWaits?: number;
  /** Runs before each attempt (the request budget, pacing); may throw a typed error. */
  before?: () => Promise<void>;
  /** One exchange, classified; network-level errors are thrown. `requestId` goes out as a header. */
  attempt(token: string, requestId: string): Promise<AttemptOutcome<T, F>>;
  /** The failure a 401 ends in: `renewed` when a fresh token was refused too (or none could be had). */
  unauthorized(o: { status: number; correlationId: string; renewed: boolean; extra?: Partial<F> | undefined }): F;
  /** The failure a thrown network error becomes. */
  network(o: { code: 'offline' | 'unavailable'; message: string; correlationId: string; cause: unknown }): F;
  /** The failure when waits run out or one is too long. */
  waitsExhausted(o: { status: number; correlationId: string; waitMs: number; waits: number; tooLong: boolean }): F;
  /** Builds the error thrown for a failure after `attempts` sent. */
  error(f: F, attempts: number): Error;
  emit(e: LoopEvent): void;
}

export async function runRequestLoop<T, F extends LoopFailure>(loop: RequestLoop<T, F>): Promise<T> {
  const { retry, tokens, signal } = loop;
  let freshToken: string | null = null; // set once, by onUnauthorized
  let triedFreshToken = false;
  let attempt = 0; // attempts counted against retry.maxAttempts
  let waits = 0;
  let sent = 0;

  const fail = (f: F, started: number): Error => {
    loop.emit({ attempt: sent, status: f.status, outcome: 'fail', code: f.code, correlationId: f.correlationId, durationMs: performance.now() - started });
    return loop.error(f, sent);
  };

  for (;;) {
    signal?.throwIfAborted();
    await loop.before?.();
    attempt++;
    sent++;
    const token = freshToken ?? (await tokens.getAccessToken());
    freshToken = null;
    const started = performance.now();
    const requestId = randomUUID();
    let failure: F;
    try {
      const outcome = await loop.attempt(token, requestId);
      const durationMs = (): number => performance.now() - started;
      if ('ok' in outcome) {
        loop.emit({ attempt: sent, status: outcome.status, outcome: 'ok', correlationId: outcome.correlationId, durationMs: durationMs() });
        return outcome.ok;
      }
      if ('unauthorized' in outcome) {
        if (loop.renewOn401 && !triedFreshToken) {
          triedFreshToken = true;
          loop.emit({ attempt: sent, status: outcome.status, outcome: 'refresh', correlationId: outcome.correlationId, durationMs: durationMs() });
          const next = await tokens.onUnauthorized(token);
          if (next !== null) {
            freshToken = next;
            attempt--; // the retry with a fresh token is not a backoff attempt
            continue;
          }
        }
        throw fail(loop.unauthorized({ status: outcome.status, correlationId: outcome.correlationId, renewed: loop.renewOn401, extra: outcome.extra }), started);
      }
      if ('wait' in outcome) {
        waits++;
        const tooLong = exceedsRetryAfterCap(outcome.wait, retry);
        if (tooLong || waits > (loop.maxWaits ?? 0)) {
          throw fail(loop.waitsExhausted({ status: outcome.status, correlationId: outcome.correlationId, waitMs: outcome.wait, waits: waits - 1, tooLong }), started);
        }
        const delayMs = retryAfterDelayMs(outcome.wait, loop.random);
        loop.emit({ attempt: sent, status: outcome.status, outcome: 'rate_wait', code: 'rate_limited', correlationId: outcome.correlationId, durationMs: durationMs(), delayMs });
        attempt--; // waiting out a limit is not a failed attempt
        await loop.sleep(delayMs, signal);
        continue;
      }
      if ('final' in outcome) throw fail(outcome.final, started);
      failure = outcome.retryable;
    } catch (e) {
      if (isStintError(e)) throw e; // ours, or the token provider's (e.g. a refused refresh): not a network error
      if (signal?.aborted) throw signal.reason;
      const network = classifyNetworkError(e, loop.timeoutMs, loop.service);
      if (network.offline) throw fail(loop.network({ code: 'offline', message: network.message, correlationId: requestId, cause: e }), started);
      failure = loop.network({ code: 'unavailable', message: network.message, correlationId: requestId, cause: e });
    }

    const next = nextRetry(attempt, failure.retryAfterMs ?? null, retry, loop.random);
    if (!next.retry) {
      const message =
        next.why === 'wait_too_long'
          ? `${failure.message}; ${loop.service} asked to wait ${Math.ceil((failure.retryAfterMs ?? 0) / 1000)} s`
          : `${failure.message} (gave up after ${sent} attempts)`;
      throw fail({ ...failure, message }, started);
    }
    loop.emit({ attempt: sent, status: failure.status, outcome: 'retry', code: failure.code, correlationId: failure.correlationId, durationMs: performance.now() - started, delayMs: next.delayMs });
    await loop.sleep(next.delayMs, signal);
  }
}
