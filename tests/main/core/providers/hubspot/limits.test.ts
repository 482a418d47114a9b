import { afterEach, describe, expect, it } from 'vitest';
import { HubspotApiError } from '../../../../../src/main/core/providers/hubspot/errors';
import type { HubspotSetup } from './simClient';
import { T0, drain, failure, setupHubspot } from './simClient';

// The simulator's limits are real here: the clients' sleeps move the simulator's clock, so a
// client that waits the right time gets through and one that does not is refused.

let s: HubspotSetup | undefined;
afterEach(async () => {
  await s?.sim.close();
  s = undefined;
});

const ME = 'me@stint.example';

describe('429 by policy', () => {
  it('TEN_SECONDLY_ROLLING waits out the 10-second window, then succeeds', async () => {
    s = await setupHubspot();
    s.sim.control.injectFaults({ kind: 'rate_limit', path: '/owners$', nth: 1, policy: 'TEN_SECONDLY_ROLLING' });
    expect((await s.client().ownerByEmail(ME))?.email).toBe(ME);
    expect(s.sleeps).toEqual([10_000 + 125]);
    expect(s.api().map((r) => [r.status, r.at - T0])).toEqual([
      [429, 0],
      [200, 10_125],
    ]);
    expect(s.events.some((e) => e.outcome === 'rate_wait' && e.delayMs! >= 10_000)).toBe(true);
  });

  it('stays under the real burst limit by slowing down as X-HubSpot-RateLimit-Remaining runs low', async () => {
    s = await setupHubspot({ limits: { burst: 10 } });
    const client = s.client();
    const ids = (s.sim.control.tasks() as { id: string }[]).map((t) => t.id);
    for (let i = 0; i < 25; i++) expect(await client.getTask(ids[i % ids.length]!)).not.toBeNull();
    expect(s.api()).toHaveLength(25);
    expect(s.api().every((r) => r.status === 200)).toBe(true);
    expect(s.sleeps.length).toBeGreaterThan(0);
  });

  it('the search "secondly" form waits a second, then succeeds', async () => {
    s = await setupHubspot();
    s.sim.control.injectFaults({ kind: 'rate_limit', path: '/search$', nth: 1, policy: 'SECONDLY' });
    const { records } = await drain(s.client().tasksModifiedSince());
    expect(records.length).toBeGreaterThan(0);
    expect(s.events.filter((e) => e.outcome === 'rate_wait').map((e) => e.delayMs)).toEqual([1000 + 125]);
    expect(s.searches().map((r) => r.status)).toEqual([429, 200]);
  });

  it('gives up with rate_limited after the allowed number of waits', async () => {
    s = await setupHubspot();
    s.sim.control.injectFaults({ kind: 'rate_limit', path: '/owners$' });
    const e = await failure(s.client({ maxRateLimitWaits: 2 }).ownerByEmail(ME));
    expect(e).toMatchObject({ code: 'rate_limited', reason: 'rate_limit', attempts: 3 });
  });

  it('DAILY stops at once, says until when, and sends nothing more until the reset', async () => {
    s = await setupHubspot({ limits: { daily: 500 } });
    s.sim.control.setTimeZone('America/New_York');
    const client = s.client();
    const details = await client.accountDetails();
    expect(details.timeZone).toBe('America/New_York');
    s.sim.control.setDailyUsage(500);
    const e = await failure(drain(client.tasksModifiedSince()));
    expect(e).toBeInstanceOf(HubspotApiError);
    // T0 is 08:00 in New York (EDT): the allowance comes back at midnight there, 04:00 UTC.
    const resetAt = '2024-06-11T04:00:00.000Z';
    expect(e).toMatchObject({ code: 'rate_limited', reason: 'daily_limit', attempts: 1, resetAt, retryAfterMs: Date.parse(resetAt) - T0 });
    expect((e as Error).message).toContain(resetAt);
    expect(client.dailyLimitResetAt()).toBe(resetAt);
    expect(s.sleeps).toEqual([]);
    const before = s.api().length;
    expect(await failure(client.ownerByEmail(ME))).toMatchObject({ reason: 'daily_limit', attempts: 0 });
    expect(s.api()).toHaveLength(before);
    s.sim.control.advanceClock(Date.parse(resetAt) - T0);
    expect(client.dailyLimitResetAt()).toBeNull();
    expect((await client.ownerByEmail(ME))?.email).toBe(ME);
  });

  it('stops before the limit when the daily headers say nothing is left', async () => {
    s = await setupHubspot({ limits: { daily: 100 } });
    s.sim.control.setDailyUsage(99);
    const client = s.client();
    expect((await client.ownerByEmail(ME))?.email).toBe(ME); // the last one: Daily-Remaining 0
    expect(await failure(client.ownerByEmail(ME))).toMatchObject({ reason: 'daily_limit' });
    expect(s.api().map((r) => r.status)).toEqual([200]);
  });
});

describe('search per second', () => {
  it('keeps searches under the per-second limit: no 429 and at most 4 in any second', async () => {
    s = await setupHubspot({ data: { tasks: 60 } });
    const { records } = await drain(s.client().tasksModifiedSince({ pageLimit: 5 }));
    expect(records).toHaveLength(60);
    const times = s.searches().map((r) => r.at);
    expect(times.length).toBeGreaterThanOrEqual(12);
    expect(s.searches().every((r) => r.status === 200)).toBe(true);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(4);
  });

  it('without the limiter the same stream is refused (the simulator enforces 5 per second)', async () => {
    s = await setupHubspot({ data: { tasks: 60 } });
    const { records } = await drain(s.client({ searchPerSecond: 100, maxRateLimitWaits: 20 }).tasksModifiedSince({ pageLimit: 5 }));
    expect(records).toHaveLength(60);
    expect(s.searches().some((r) => r.status === 429 && r.category === 'RATE_LIMITS:SECONDLY')).toBe(true);
  });
});
