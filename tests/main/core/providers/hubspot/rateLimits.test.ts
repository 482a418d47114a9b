import { describe, expect, it } from 'vitest';
import { RateLimitGovernor, SearchLimiter, nextDailyReset, readRateLimitHeaders } from '../../../../../src/main/core/providers/hubspot/rateLimits';

const at = (iso: string): number => Date.parse(iso);

describe('nextDailyReset', () => {
  it.each([
    ['UTC', '2024-06-03T09:00:00Z', '2024-06-04T00:00:00.000Z'],
    ['America/New_York', '2024-06-03T09:00:00Z', '2024-06-04T04:00:00.000Z'],
    ['America/New_York', '2024-06-03T03:59:59Z', '2024-06-03T04:00:00.000Z'],
    ['Europe/Berlin', '2024-06-03T22:30:00Z', '2024-06-04T22:00:00.000Z'],
    ['Asia/Kolkata', '2024-06-03T20:00:00Z', '2024-06-04T18:30:00.000Z'],
    // The day DST starts (23 hours long) and the day it ends (25 hours).
    ['America/New_York', '2024-03-10T12:00:00Z', '2024-03-11T04:00:00.000Z'],
    ['America/New_York', '2024-11-03T12:00:00Z', '2024-11-04T05:00:00.000Z'],
    ['Europe/Berlin', '2024-03-30T23:30:00Z', '2024-03-31T22:00:00.000Z'],
  ])('in %s after %s is %s', (zone, now, expected) => {
    expect(new Date(nextDailyReset(at(now), zone)).toISOString()).toBe(expected);
  });
});

describe('SearchLimiter', () => {
  it('lets at most N searches start in any one-second window', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new SearchLimiter(4, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    const starts: number[] = [];
    for (let i = 0; i < 10; i++) {
      await limiter.acquire();
      starts.push(now);
      now += 10; // each search takes a little while
    }
    expect(starts.slice(0, 4)).toEqual([0, 10, 20, 30]);
    for (const t of starts) expect(starts.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(4);
    expect(starts[4]).toBe(1001);
    expect(waits.length).toBeGreaterThan(0);
  });
});

describe('RateLimitGovernor', () => {
  const headers = (h: Record<string, string>) => readRateLimitHeaders(new Headers(h));
  const burst = (remaining: number) => headers({ 'X-HubSpot-RateLimit-Max': '100', 'X-HubSpot-RateLimit-Remaining': String(remaining), 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000' });

  it('does not pause while plenty is left, and pauses longer the less is left', () => {
    let now = 1000;
    const g = new RateLimitGovernor(() => now);
    g.observe(burst(50));
    expect(g.pauseMs()).toBe(0);
    g.observe(burst(10));
    expect(g.pauseMs()).toBe(0);
    g.observe(burst(9));
    expect(g.pauseMs()).toBe(1000);
    g.observe(burst(0));
    expect(g.pauseMs()).toBe(10_000);
    now += 4000;
    expect(g.pauseMs()).toBe(6000);
  });

  it('pauses a second when the secondly allowance is gone, and ignores unreadable headers', () => {
    const g = new RateLimitGovernor(() => 0);
    g.observe(headers({ 'X-HubSpot-RateLimit-Secondly-Remaining': '0', 'X-HubSpot-RateLimit-Max': 'lots', 'X-HubSpot-RateLimit-Remaining': '-1' }));
    expect(g.pauseMs()).toBe(1000);
  });

  it('blocks until the account’s midnight when Daily-Remaining reaches 0', () => {
    let now = at('2024-06-03T09:00:00Z');
    const g = new RateLimitGovernor(() => now, 'Not/AZone');
    expect(g.timeZone).toBe('UTC');
    g.setTimeZone('Europe/Berlin');
    g.observe(headers({ 'X-HubSpot-RateLimit-Daily': '250000', 'X-HubSpot-RateLimit-Daily-Remaining': '1' }));
    expect(g.dailyBlockedUntil()).toBeNull();
    g.observe(headers({ 'X-HubSpot-RateLimit-Daily-Remaining': '0' }));
    expect(new Date(g.dailyBlockedUntil()!).toISOString()).toBe('2024-06-03T22:00:00.000Z');
    now = at('2024-06-03T22:00:00Z');
    expect(g.dailyBlockedUntil()).toBeNull();
  });
});
