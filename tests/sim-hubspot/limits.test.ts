// Rate limits: the rolling 10-second burst per app, the daily limit per account (reset at the
// account's midnight), search's per-second limit, their 429 bodies and the headers.

import { afterEach, describe, expect, it } from 'vitest';
import type { HubspotSimOptions, HubspotSimulator } from './index';
import { startHubspotSimulator } from './index';
import { hs, search } from './test-helpers';

const T0 = Date.parse('2024-06-03T09:00:00.000Z');
let sim: HubspotSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(opts: HubspotSimOptions = {}): Promise<{ s: HubspotSimulator; token: string }> {
  sim = await startHubspotSimulator({ seed: 4, clock: () => T0, ...opts });
  return { s: sim, token: sim.control.createPrivateApp().token };
}

describe('burst (TEN_SECONDLY_ROLLING)', () => {
  it('counts down X-HubSpot-RateLimit-Remaining, then answers 429 until the window rolls', async () => {
    const { s, token } = await start({ limits: { burst: 3 } });
    const statuses: number[] = [];
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await hs(s, token, '/crm/v3/owners');
      statuses.push(r.status);
      remaining.push(r.headers.get('x-hubspot-ratelimit-remaining'));
      if (r.status === 429) {
        expect(r.json).toEqual({
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          correlationId: r.headers.get('x-hubspot-correlation-id'),
          policyName: 'TEN_SECONDLY_ROLLING',
          requestId: expect.any(String),
          category: 'RATE_LIMITS',
        });
        expect(r.headers.get('retry-after')).toBeNull();
      } else {
        expect(r.headers.get('x-hubspot-ratelimit-max')).toBe('3');
        expect(r.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('10000');
        expect(r.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(remaining).toEqual(['2', '1', '0', '0']);
    s.control.advanceClock(10_000);
    expect((await hs(s, token, '/crm/v3/owners')).status).toBe(200);
    expect(s.requests.map((e) => e.category ?? null)).toEqual([null, null, null, 'RATE_LIMITS:TEN_SECONDLY_ROLLING', null]);
  });

  it('keeps one window per app', async () => {
    const { s, token } = await start({ limits: { burst: 1 } });
    const other = s.control.createPrivateApp().token;
    expect((await hs(s, token, '/crm/v3/owners')).status).toBe(200);
    expect((await hs(s, token, '/crm/v3/owners')).status).toBe(429);
    expect((await hs(s, other, '/crm/v3/owners')).status).toBe(200);
  });
});

describe('daily', () => {
  it('answers 429 DAILY once the day is used up, until midnight in the account zone', async () => {
    const { s, token } = await start({ limits: { daily: 1000 } });
    s.control.setTimeZone('Europe/Berlin'); // T0 is 11:00 there
    s.control.setDailyUsage(999);
    const last = await hs(s, token, '/crm/v3/owners');
    expect(last.status).toBe(200);
    expect(last.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('0');
    const over = await search(s, token, {});
    expect(over.status).toBe(429);
    expect(over.json).toMatchObject({ message: 'You have reached your daily limit.', policyName: 'DAILY', category: 'RATE_LIMITS' });
    // 21:59 UTC is still June 3 in Berlin; 22:00 UTC is midnight there.
    s.control.advanceClock(Date.parse('2024-06-03T21:59:00Z') - T0);
    expect((await hs(s, token, '/crm/v3/owners')).json.policyName).toBe('DAILY');
    s.control.advanceClock(60_000);
    const next = await hs(s, token, '/crm/v3/owners');
    expect(next.status).toBe(200);
    expect(next.headers.get('x-hubspot-ratelimit-daily-remaining')).toBe('999');
  });

  it('leaves OAuth calls out of the daily limit and its headers by default', async () => {
    const { s } = await start({ limits: { daily: 1 } });
    const pair = s.control.issueOAuthTokens();
    s.control.setDailyUsage(5);
    const r = await hs(s, pair.access_token, '/crm/v3/owners');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-hubspot-ratelimit-daily')).toBeNull();
    expect(r.headers.get('x-hubspot-ratelimit-max')).toBe('100');
    s.control.setLimits({ dailyForOAuth: true });
    expect((await hs(s, pair.access_token, '/crm/v3/owners')).json.policyName).toBe('DAILY');
  });
});

describe('search per second', () => {
  it('allows 5 searches a second, then answers the secondly form with only the daily headers', async () => {
    const { s, token } = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await search(s, token, {})).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const r = await search(s, token, {});
    expect(r.json).toEqual({ status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId: r.headers.get('x-hubspot-correlation-id'), category: 'RATE_LIMITS' });
    expect(r.headers.get('x-hubspot-ratelimit-daily')).toBe('250000');
    expect(r.headers.get('x-hubspot-ratelimit-max')).toBeNull();
    // Searches do not spend the burst window; other calls go on.
    expect((await hs(s, token, '/crm/v3/owners')).headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
    s.control.advanceClock(1000);
    expect((await search(s, token, {})).status).toBe(200);
    expect(s.control.limitState()).toMatchObject({ searchesLastSecond: 1, dailyUsed: 7 });
  });
});
