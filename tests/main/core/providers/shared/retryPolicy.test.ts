import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, RETRY_AFTER_JITTER_MS, backoffDelayMs, classifyNetworkError, classifyStatus, nextRetry, parseRetryAfterMs, retryAfterOf } from '../../../../../src/main/core/providers/shared/retryPolicy';

describe('backoffDelayMs', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
  it('doubles per retry between half and all of the cap, and stays bounded', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelayMs(n, policy, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelayMs(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
  it('jitter comes from the injected random source', () => {
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(300);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('2', now)).toBe(2000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });
  it('returns null when absent or unreadable', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs(null, now)).toBeNull();
    expect(parseRetryAfterMs('soon', now)).toBeNull();
  });
});

describe('nextRetry: one cap on server-requested waits', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 };
  it('honours a Retry-After longer than the backoff cap exactly, plus at most RETRY_AFTER_JITTER_MS', () => {
    expect(nextRetry(1, 45_000, policy, () => 0)).toEqual({ retry: true, delayMs: 45_000 });
    expect(nextRetry(1, 45_000, policy, () => 1)).toEqual({ retry: true, delayMs: 45_000 + RETRY_AFTER_JITTER_MS });
    expect(nextRetry(1, 60_000, policy, () => 0)).toEqual({ retry: true, delayMs: 60_000 });
  });
  it('gives up at once when the server asks for more than maxRetryAfterMs, even with attempts left', () => {
    expect(nextRetry(1, 60_001, policy, () => 0)).toEqual({ retry: false, why: 'wait_too_long' });
  });
  it('backs off without a Retry-After, and gives up when attempts are used up', () => {
    expect(nextRetry(2, null, policy, () => 0.5)).toEqual({ retry: true, delayMs: 150 });
    expect(nextRetry(3, null, policy, () => 0.5)).toEqual({ retry: false, why: 'attempts' });
    expect(nextRetry(3, 1000, policy, () => 0.5)).toEqual({ retry: false, why: 'attempts' });
  });
});

describe('classification', () => {
  it('sorts statuses the same way for every provider', () => {
    expect([200, 204, 401, 429, 408, 500, 502, 503, 400, 403, 404, 409, 302].map(classifyStatus)).toEqual([
      'ok', 'ok', 'unauthorized', 'rate_limited', 'retryable', 'retryable', 'retryable', 'retryable', 'final', 'final', 'final', 'final', 'final',
    ]);
  });
  it('reads Retry-After on 429 and 503 only', () => {
    expect(retryAfterOf(429, '3', 0)).toBe(3000);
    expect(retryAfterOf(503, '3', 0)).toBe(3000);
    expect(retryAfterOf(500, '3', 0)).toBeNull();
    expect(retryAfterOf(408, '3', 0)).toBeNull();
  });
  it('network errors: unreachable hosts are offline; timeouts and resets are transient', () => {
    const wrapped = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code }) });
    expect(classifyNetworkError(wrapped('ENOTFOUND'), 1000, 'Svc')).toEqual({ offline: true, message: 'Svc cannot be reached; the network may be offline' });
    expect(classifyNetworkError(wrapped('ECONNRESET'), 1000, 'Svc')).toEqual({ offline: false, message: 'The connection to Svc failed (ECONNRESET)' });
    expect(classifyNetworkError(new DOMException('t', 'TimeoutError'), 250, 'Svc')).toEqual({ offline: false, message: 'Svc did not answer within 250 ms' });
    expect(classifyNetworkError(new DOMException('t', 'TimeoutError'), 20_000, 'Svc')).toEqual({ offline: false, message: 'Svc did not answer within 20 s' });
  });
});
