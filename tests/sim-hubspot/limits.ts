// Rate limits (reference §4.7): a rolling 10-second burst window per app, a daily limit per
// account that resets at midnight in the account's time zone, and search's own per-second
// limit per account. Answers 429 in the matching form and sets the X-HubSpot-RateLimit-*
// headers: the full set on ordinary calls, only the Daily pair on search [C3 P4].
//
// Best guesses [I], easy to change: OAuth apps get no daily limit and no daily headers
// (`dailyForOAuth`); search calls count against the daily limit but not the burst window; the
// "Secondly" headers are reported but not enforced outside search.

import type { RateLimitPolicy } from './envelopes';

export interface LimitConfig {
  /** Requests per app per interval (default 100, Free/Starter private apps). */
  burst: number;
  intervalMs: number;
  /** Requests per account per day (default 250,000). */
  daily: number;
  /** Reported in X-HubSpot-RateLimit-Secondly (default 10). */
  secondly: number;
  /** Search requests per account per second (default 5). */
  searchPerSecond: number;
  /** Whether OAuth calls count against (and report) the daily limit (default false). */
  dailyForOAuth: boolean;
}

export const DEFAULT_LIMITS: LimitConfig = { burst: 100, intervalMs: 10_000, daily: 250_000, secondly: 10, searchPerSecond: 5, dailyForOAuth: false };

export type LimitVerdict = { ok: true; headers: Record<string, string> } | { ok: false; policy: RateLimitPolicy; headers: Record<string, string> };

/** The account-local calendar day of an instant, e.g. "2024-06-03". */
export function localDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

export class RateLimiter {
  config: LimitConfig;
  private readonly windows = new Map<number, number[]>();
  private readonly searches: number[] = [];
  private day = '';
  private dailyUsed = 0;

  constructor(
    config: Partial<LimitConfig>,
    private readonly now: () => number,
    private readonly timeZone: () => string,
  ) {
    this.config = { ...DEFAULT_LIMITS, ...config };
  }

  set(partial: Partial<LimitConfig>): LimitConfig {
    for (const [k, v] of Object.entries(partial)) {
      if (k === 'dailyForOAuth') {
        if (typeof v !== 'boolean') throw new Error('dailyForOAuth must be a boolean');
      } else if (!(k in DEFAULT_LIMITS) || typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
        throw new Error(`${k}: limits are positive integers`);
      }
    }
    this.config = { ...this.config, ...partial };
    return { ...this.config };
  }

  /** Pretends `used` calls were already made today (to reach the daily limit quickly). */
  setDailyUsage(used: number): void {
    this.rollDay();
    this.dailyUsed = used;
  }

  state(): { dailyUsed: number; day: string; burst: Record<string, number>; searchesLastSecond: number } {
    this.rollDay();
    const now = this.now();
    const burst: Record<string, number> = {};
    for (const [app, w] of this.windows) burst[app] = w.filter((t) => t > now - this.config.intervalMs).length;
    return { dailyUsed: this.dailyUsed, day: this.day, burst, searchesLastSecond: this.searches.filter((t) => t > now - 1000).length };
  }

  /** Counts one authenticated call (or refuses it) and returns the headers to send. */
  check(appId: number, kind: 'api' | 'search', countsDaily: boolean): LimitVerdict {
    this.rollDay();
    const now = this.now();
    const c = this.config;
    const daily = countsDaily;
    const dailyHeaders = (): Record<string, string> =>
      daily ? { 'X-HubSpot-RateLimit-Daily': String(c.daily), 'X-HubSpot-RateLimit-Daily-Remaining': String(Math.max(0, c.daily - this.dailyUsed)) } : {};

    if (kind === 'search') {
      prune(this.searches, now - 1000);
      if (daily && this.dailyUsed >= c.daily) return { ok: false, policy: 'DAILY', headers: dailyHeaders() };
      if (this.searches.length >= c.searchPerSecond) return { ok: false, policy: 'SECONDLY', headers: dailyHeaders() };
      this.searches.push(now);
      if (daily) this.dailyUsed++;
      return { ok: true, headers: dailyHeaders() };
    }

    let window = this.windows.get(appId);
    if (!window) this.windows.set(appId, (window = []));
    prune(window, now - c.intervalMs);
    const burstHeaders = (): Record<string, string> => {
      const lastSecond = window.filter((t) => t > now - 1000).length;
      return {
        ...dailyHeaders(),
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(c.intervalMs),
        'X-HubSpot-RateLimit-Max': String(c.burst),
        'X-HubSpot-RateLimit-Remaining': String(Math.max(0, c.burst - window.length)),
        'X-HubSpot-RateLimit-Secondly': String(c.secondly),
        'X-HubSpot-RateLimit-Secondly-Remaining': String(Math.max(0, c.secondly - lastSecond)),
      };
    };
    if (daily && this.dailyUsed >= c.daily) return { ok: false, policy: 'DAILY', headers: burstHeaders() };
    if (window.length >= c.burst) return { ok: false, policy: 'TEN_SECONDLY_ROLLING', headers: burstHeaders() };
    window.push(now);
    if (daily) this.dailyUsed++;
    return { ok: true, headers: burstHeaders() };
  }

  private rollDay(): void {
    const today = localDay(this.now(), this.timeZone());
    if (today !== this.day) {
      this.day = today;
      this.dailyUsed = 0;
    }
  }
}

/** Drops timestamps at or before `cutoff` from the front of an ascending list. */
function prune(times: number[], cutoff: number): void {
  let i = 0;
  while (i < times.length && times[i]! <= cutoff) i++;
  if (i > 0) times.splice(0, i);
}

