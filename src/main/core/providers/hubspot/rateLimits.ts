import type { Sleep } from '../shared/sleep';

// Staying inside HubSpot's limits (reference §4.7) instead of bouncing off them:
// - search allows about five requests per second per account (four per token in an older
//   changelog), so searches go through a small sliding-window limiter set a little lower;
// - every other answer carries X-HubSpot-RateLimit-* headers: when the rolling 10-second
//   allowance runs low the next request waits, longer the less is left;
// - the daily allowance resets at midnight in the account's time zone: once it is used up,
//   requests stop until then instead of being sent to fail.

/** HubSpot's documented search limit is 5/s per account; keep one in reserve for other clients. */
export const DEFAULT_SEARCH_PER_SECOND = 4;
/** Below this share of the burst allowance, requests slow down. */
export const DEFAULT_LOW_WATER_FRACTION = 0.1;
export const DEFAULT_INTERVAL_MS = 10_000;

/** A sliding one-second window: at most `perSecond` searches start in any second. */
export class SearchLimiter {
  private readonly starts: number[] = [];

  constructor(
    readonly perSecond: number,
    private readonly now: () => number,
    private readonly sleep: Sleep,
  ) {}

  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const t = this.now();
      while (this.starts.length > 0 && this.starts[0]! <= t - 1000) this.starts.shift();
      if (this.starts.length < this.perSecond) {
        this.starts.push(t);
        return;
      }
      await this.sleep(this.starts[0]! + 1000 - t + 1, signal);
    }
  }
}

export interface RateLimitHeaders {
  max: number | null;
  remaining: number | null;
  intervalMs: number | null;
  secondlyRemaining: number | null;
  daily: number | null;
  dailyRemaining: number | null;
}

function intHeader(headers: Headers, name: string): number | null {
  const v = headers.get(name);
  if (v === null || !/^\s*\d+\s*$/.test(v)) return null;
  return Number(v);
}

export function readRateLimitHeaders(headers: Headers): RateLimitHeaders {
  return {
    max: intHeader(headers, 'x-hubspot-ratelimit-max'),
    remaining: intHeader(headers, 'x-hubspot-ratelimit-remaining'),
    intervalMs: intHeader(headers, 'x-hubspot-ratelimit-interval-milliseconds'),
    secondlyRemaining: intHeader(headers, 'x-hubspot-ratelimit-secondly-remaining'),
    daily: intHeader(headers, 'x-hubspot-ratelimit-daily'),
    dailyRemaining: intHeader(headers, 'x-hubspot-ratelimit-daily-remaining'),
  };
}

/** The zone's UTC offset at an instant, ms (positive east of Greenwich). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(ms)) {
    parts[p.type] = p.value;
  }
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The next midnight in `timeZone` after `nowMs` (when HubSpot's daily limit resets). */
export function nextDailyReset(nowMs: number, timeZone: string): number {
  const local = new Date(nowMs + zoneOffsetMs(nowMs, timeZone));
  const midnightAsUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  // Two passes settle the offset when midnight falls on the other side of a DST change.
  let t = midnightAsUtc - zoneOffsetMs(midnightAsUtc, timeZone);
  t = midnightAsUtc - zoneOffsetMs(t, timeZone);
  return t;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** What the rate-limit headers say about the next request. */
export class RateLimitGovernor {
  private burstPauseUntil = 0;
  private dailyBlockedUntilMs = 0;
  private zone: string;

  constructor(
    private readonly now: () => number,
    timeZone = 'UTC',
    private readonly lowWaterFraction = DEFAULT_LOW_WATER_FRACTION,
  ) {
    this.zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  }

  get timeZone(): string {
    return this.zone;
  }

  /** The account's zone (from account details); an unknown zone keeps the current one. */
  setTimeZone(timeZone: string): void {
    if (isValidTimeZone(timeZone)) this.zone = timeZone;
  }

  observe(h: RateLimitHeaders): void {
    const now = this.now();
    if (h.max !== null && h.max > 0 && h.remaining !== null) {
      const lowWater = Math.max(1, Math.ceil(h.max * this.lowWaterFraction));
      if (h.remaining < lowWater) {
        const interval = h.intervalMs ?? DEFAULT_INTERVAL_MS;
        // Nothing left: wait a whole window. A little left: wait a share of it.
        this.burstPauseUntil = Math.max(this.burstPauseUntil, now + Math.ceil((interval * (lowWater - h.remaining)) / lowWater));
      }
    }
    if (h.secondlyRemaining === 0) this.burstPauseUntil = Math.max(this.burstPauseUntil, now + 1000);
    if (h.dailyRemaining === 0) this.blockDaily();
  }

  /** How long to wait before the next ordinary request (search has its own limiter). */
  pauseMs(): number {
    return Math.max(0, this.burstPauseUntil - this.now());
  }

  /** Marks the daily allowance used up; returns when it comes back (epoch ms). */
  blockDaily(): number {
    this.dailyBlockedUntilMs = Math.max(this.dailyBlockedUntilMs, nextDailyReset(this.now(), this.zone));
    return this.dailyBlockedUntilMs;
  }

  /** When the daily allowance comes back, if it is used up now; else null. */
  dailyBlockedUntil(): number | null {
    return this.dailyBlockedUntilMs > this.now() ? this.dailyBlockedUntilMs : null;
  }
}
