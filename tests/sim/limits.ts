// Hubstaff's hourly rate limit (reference §2): "initial rate limit of 1000 requests per hour per
// application", answered with 429 and a Retry-After header giving the seconds until the reset.
// Counted on the simulator's clock, so tests move past it with advanceClock.
//
// Best guesses [I], each easy to change: the hour is a fixed window aligned to the clock's hour
// (as Rack::Attack throttles do), so Retry-After is the time left until the next full hour;
// every authenticated /v2 request counts, the refused ones too; what counts as an "application"
// is Principal.rateKey (the OAuth client, a PAT's grant, or an organization token). Requests that
// an injected fault answers before authentication are not counted.

import { HOUR_MS } from './time';

export const DEFAULT_REQUESTS_PER_HOUR = 1000;

export interface RateLimitUsage {
  key: string;
  /** Requests counted in the current window (refused ones included). */
  count: number;
  limit: number | null;
  /** Current window [windowStart, resetAt), ms on the simulator's clock. */
  windowStart: number;
  resetAt: number;
}

export type RateDecision = { ok: true; count: number } | { ok: false; count: number; retryAfterSec: number };

export class HourlyRateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  /** Requests per hour per key; null = no limit. */
  constructor(private perHour: number | null = DEFAULT_REQUESTS_PER_HOUR) {
    this.setLimit(perHour);
  }

  get limit(): number | null {
    return this.perHour;
  }

  /** Changes the limit (null or 0 turns it off); counts so far stay. */
  setLimit(perHour: number | null): void {
    if (perHour !== null && (!Number.isInteger(perHour) || perHour < 0)) throw new Error('rate limit must be a non-negative integer of requests per hour, or null');
    this.perHour = perHour === 0 ? null : perHour;
  }

  /** Counts one request for `key` at `now` and decides whether it may go through. */
  hit(key: string, now: number): RateDecision {
    const start = Math.floor(now / HOUR_MS) * HOUR_MS;
    let w = this.windows.get(key);
    if (!w || w.start !== start) this.windows.set(key, (w = { start, count: 0 }));
    w.count++;
    if (this.perHour === null || w.count <= this.perHour) return { ok: true, count: w.count };
    return { ok: false, count: w.count, retryAfterSec: Math.max(1, Math.ceil((start + HOUR_MS - now) / 1000)) };
  }

  /** Every key's count in its window as of `now` (a key whose window has passed shows 0). */
  usage(now: number): RateLimitUsage[] {
    const start = Math.floor(now / HOUR_MS) * HOUR_MS;
    return [...this.windows]
      .map(([key, w]) => ({ key, count: w.start === start ? w.count : 0, limit: this.perHour, windowStart: start, resetAt: start + HOUR_MS }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  reset(): void {
    this.windows.clear();
  }
}
