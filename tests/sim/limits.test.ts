// The hourly rate limit per application (limits.ts), counted on the simulator's clock: 429 with
// Retry-After only once the limit is really exceeded, recovery when the hour has passed, one
// count per application (not per token), and injected rate_limit faults still working beside it.

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_REQUESTS_PER_HOUR, startSimulator } from './index';
import type { Simulator } from './index';
import { apiGet, apiSend, call } from './test-helpers';
import { HOUR_MS } from './time';
import { TEST_NOW_MS } from '../helpers/clock';

let sim: Simulator | null = null;

afterEach(async () => {
  await sim?.close();
  sim = null;
});

/** Seconds from the clock's instant to the next full hour (at least 1), as Retry-After gives them. */
const toNextHour = (ms: number): number => Math.max(1, Math.ceil((Math.floor(ms / HOUR_MS) * HOUR_MS + HOUR_MS - ms) / 1000));

describe('hourly rate limit per application', () => {
  it('answers 429 with Retry-After after N requests in an hour, and recovers once the hour has passed', async () => {
    sim = await startSimulator({ seed: 4, rateLimitPerHour: 5, clock: () => TEST_NOW_MS, data: { activities: false } });
    const token = sim.control.issueTokenPair().access_token;
    const org = sim.control.myOrganizationIds()[0] as number;
    for (let i = 0; i < 5; i++) expect((await apiGet(sim, token, `/organizations/${org}/projects`)).status).toBe(200);

    const limited = await apiGet(sim, token, `/organizations/${org}/projects`);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBe(toNextHour(sim.control.now()));
    expect(limited.json).toMatchObject({ code: 'rate_limit_exceeded', error_code: 13001, error: expect.stringContaining('5 requests per hour') });
    const entry = sim.requests[sim.requests.length - 1];
    expect(entry).toMatchObject({ status: 429, throttled: true });
    expect(entry?.fault).toBeUndefined();
    // Writes count and are refused the same way; nothing is applied.
    const t = sim.control.tasks({ orgId: org, status: ['active'] })[0] as { id: number; lock_version: number };
    expect((await apiSend(sim, token, 'PUT', `/tasks/${t.id}`, { lock_version: t.lock_version, status: 'completed' })).status).toBe(429);
    expect(sim.control.tasks({ orgId: org, status: ['completed'] }).map((x) => (x as { id: number }).id)).not.toContain(t.id);
    expect(sim.control.rateLimitUsage()).toEqual([expect.objectContaining({ count: 7, limit: 5 })]);

    // One second short of the reset it is still refused; at the reset the new hour starts.
    sim.control.advanceClock((retryAfter - 1) * 1000);
    expect((await apiGet(sim, token, '/users/me')).status).toBe(429);
    sim.control.advanceClock(1000);
    const back = await apiGet(sim, token, '/users/me');
    expect(back.status).toBe(200);
    expect(back.headers.get('retry-after')).toBeNull();
    expect(sim.control.rateLimitUsage()).toEqual([expect.objectContaining({ count: 1, windowStart: Math.floor(sim.control.now() / HOUR_MS) * HOUR_MS })]);
  });

  it('counts per application: tokens of one OAuth client share the limit, another client or PAT has its own', async () => {
    sim = await startSimulator({ seed: 4, rateLimitPerHour: 3, clock: () => TEST_NOW_MS, data: { activities: false } });
    sim.control.registerClient({ clientId: 'stint', redirectUris: ['http://localhost/cb'] });
    sim.control.registerClient({ clientId: 'other-app', redirectUris: ['http://localhost/cb'] });
    const a1 = sim.control.issueTokenPair(undefined, 'stint').access_token;
    const a2 = sim.control.issueTokenPair(undefined, 'stint').access_token;
    const other = sim.control.issueTokenPair(undefined, 'other-app').access_token;
    const pat = sim.control.issueTokenPair().access_token;
    const statuses = [];
    for (const t of [a1, a2, a1, a2, other, pat]) statuses.push((await apiGet(sim, t, '/users/me')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 200, 200]);
    expect(sim.control.rateLimitUsage().map((u) => [u.key.split(':')[0], u.count])).toEqual([
      ['app', 1],
      ['app', 4],
      ['pat', 1],
    ]);
  });

  it('does not count requests it cannot attribute, and leaves injected rate_limit faults working', async () => {
    sim = await startSimulator({ seed: 4, rateLimitPerHour: 2, clock: () => TEST_NOW_MS, data: { activities: false } });
    const token = sim.control.issueTokenPair().access_token;
    expect((await apiGet(sim, '', '/users/me')).status).toBe(401);
    expect((await apiGet(sim, 'not-a-token', '/users/me')).status).toBe(401);
    sim.control.injectFaults({ kind: 'rate_limit', path: '/users/me$', nth: 1, retryAfterSec: 7 });
    const injected = await apiGet(sim, token, '/users/me');
    expect(injected.status).toBe(429);
    expect(injected.headers.get('retry-after')).toBe('7');
    expect(sim.requests[sim.requests.length - 1]?.fault?.kind).toBe('rate_limit');
    expect(sim.control.rateLimitUsage()).toEqual([]);
    expect((await apiGet(sim, token, '/users/me')).status).toBe(200);
    expect((await apiGet(sim, token, '/users/me')).status).toBe(200);
    expect((await apiGet(sim, token, '/users/me')).status).toBe(429);
  });

  it('is changed, read and reset through the control API (also over HTTP)', async () => {
    sim = await startSimulator({ seed: 4, rateLimitPerHour: 1, clock: () => TEST_NOW_MS, data: { activities: false } });
    const token = sim.control.issueTokenPair().access_token;
    const control = (name: string, args: unknown[] = []) => call(`${sim?.baseUrl}/__control/${name}`, { method: 'POST', body: JSON.stringify(args) });
    expect((await apiGet(sim, token, '/users/me')).status).toBe(200);
    expect((await apiGet(sim, token, '/users/me')).status).toBe(429);
    expect((await control('rateLimitUsage')).json.result).toEqual([expect.objectContaining({ count: 2, limit: 1 })]);
    expect((await control('setRateLimit', [null])).status).toBe(200);
    expect((await apiGet(sim, token, '/users/me')).status).toBe(200);
    expect((await control('setRateLimit', [-1])).status).toBe(400);
    await control('setRateLimit', [3]);
    expect((await apiGet(sim, token, '/users/me')).status).toBe(429); // 4 counted this hour
    await control('resetRateLimit');
    expect((await apiGet(sim, token, '/users/me')).status).toBe(200);
  });

  it(`defaults to Hubstaff's ${DEFAULT_REQUESTS_PER_HOUR} requests per hour`, async () => {
    sim = await startSimulator({ seed: 4, clock: () => TEST_NOW_MS, data: { activities: false } });
    const s = sim;
    const token = s.control.issueTokenPair().access_token;
    for (let sent = 0; sent < DEFAULT_REQUESTS_PER_HOUR; sent += 100) {
      const batch = await Promise.all(Array.from({ length: 100 }, () => apiGet(s, token, '/users/me')));
      expect(batch.every((r) => r.status === 200)).toBe(true);
    }
    const over = await apiGet(s, token, '/users/me');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBe(toNextHour(TEST_NOW_MS));
  });
});
