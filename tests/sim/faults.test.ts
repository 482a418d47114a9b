// Fault injection: each kind, chosen by path/method and Nth request or a seeded rate, and
// recorded in the request log.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index';
import type { Simulator } from './index';
import { apiGet, call, form } from './test-helpers';

let sim: Simulator;
let token: string;
let org: number;
const week = { 'time_slot[start]': '2024-06-03T00:00:00Z', 'time_slot[stop]': '2024-06-10T00:00:00Z' };

beforeEach(async () => {
  sim = await startSimulator({ seed: 9 });
  token = sim.control.issueTokenPair().access_token;
  org = sim.control.myOrganizationIds()[0] as number;
});

afterEach(async () => {
  await sim.close();
});

const me = (): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> => apiGet(sim, token, '/users/me');

describe('status faults', () => {
  it('answers 429 with Retry-After on the Nth matching request only', async () => {
    const [id] = sim.control.injectFaults({ kind: 'rate_limit', path: '/users/me$', nth: 2, retryAfterSec: 7 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await me();
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('retry-after')).toBe('7');
        expect(r.json).toEqual({ code: 'rate_limit_exceeded', error_code: 13001, error: expect.any(String) });
      }
    }
    expect(statuses).toEqual([200, 429, 200]);
    expect(sim.requests.map((e) => e.fault?.kind ?? null)).toEqual([null, 'rate_limit', null]);
    expect(sim.requests[1]).toMatchObject({ status: 429, fault: { ruleId: id } });
  });

  it('answers 500 and 503 with Hubstaff error bodies', async () => {
    sim.control.injectFaults({ kind: 'server_error', nth: 1 }, { kind: 'unavailable', nth: 2 });
    const a = await me();
    const b = await me();
    expect([a.status, b.status]).toEqual([500, 503]);
    expect(a.json).toMatchObject({ code: 'internal_server_error', error_code: expect.any(Number) });
    expect(b.json).toMatchObject({ code: 'service_unavailable', error_code: expect.any(Number) });
    expect((await me()).status).toBe(200);
  });

  it('matches by path regex and method, honours times, and stops after clearFaults', async () => {
    sim.control.injectFaults({ kind: 'server_error', path: '/activities$', method: 'GET', times: 2 });
    expect((await me()).status).toBe(200);
    const acts = async (): Promise<number> => (await apiGet(sim, token, `/organizations/${org}/activities`, week)).status;
    expect([await acts(), await acts(), await acts()]).toEqual([500, 500, 200]);
    expect(sim.control.listFaults()[0]).toMatchObject({ seen: 3, fired: 2 });
    sim.control.injectFaults({ kind: 'server_error' });
    expect((await me()).status).toBe(500);
    sim.control.clearFaults();
    expect((await me()).status).toBe(200);
  });

  it('applies to the token endpoint too (a 503 there is transient)', async () => {
    sim.control.injectFaults({ kind: 'unavailable', path: '^/access_tokens$', nth: 1 });
    const pat = sim.control.issuePersonalAccessToken();
    const first = await call(`${sim.baseUrl}/access_tokens`, form({ grant_type: 'refresh_token', refresh_token: pat }));
    expect(first.status).toBe(503);
    // The failed call never reached the grant, so the PAT is still good.
    const second = await call(`${sim.baseUrl}/access_tokens`, form({ grant_type: 'refresh_token', refresh_token: pat }));
    expect(second.status).toBe(200);
    expect(sim.control.tokenEndpointCalls()).toEqual({ refresh_token: 1 });
  });

  it('fires at a seeded rate, the same way for the same seed', async () => {
    const run = async (): Promise<number[]> => {
      const s = await startSimulator({ seed: 21, data: { activities: false } });
      try {
        const t = s.control.issueTokenPair().access_token;
        s.control.injectFaults({ kind: 'server_error', rate: 0.3 });
        const out: number[] = [];
        for (let i = 0; i < 60; i++) out.push((await apiGet(s, t, '/users/me')).status);
        return out;
      } finally {
        await s.close();
      }
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    const failures = a.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
  });
});

describe('transport faults', () => {
  it('delays a response past a client timeout, and still answers a patient client', async () => {
    sim.control.injectFaults({ kind: 'slow', path: '/users/me$', delayMs: 800, times: 2 });
    await expect(fetch(`${sim.apiUrl}/users/me`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(100) })).rejects.toThrow();
    // The same delay answers a client that waits: the impatient request was dropped, not served.
    const r = await me();
    expect(r.status).toBe(200);
    expect(sim.requests.filter((e) => e.fault?.kind === 'slow')).toHaveLength(2);
  });

  it('resets the connection without a response', async () => {
    sim.control.injectFaults({ kind: 'reset', nth: 1 });
    await expect(fetch(`${sim.apiUrl}/users/me`, { headers: { Authorization: `Bearer ${token}` } })).rejects.toThrow();
    expect(sim.requests[0]).toMatchObject({ status: 0, fault: { kind: 'reset' } });
    expect((await me()).status).toBe(200);
  });

  it('sends a truncated JSON body with status 200', async () => {
    sim.control.injectFaults({ kind: 'malformed_json', nth: 1 });
    const res = await fetch(`${sim.apiUrl}/organizations/${org}/activities?time_slot[start]=${week['time_slot[start]']}&time_slot[stop]=${week['time_slot[stop]']}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(text.startsWith('{"activities":[')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });
});

describe('bad records', () => {
  it('gives chosen records a wrong type and leaves the rest of the page valid', async () => {
    const clean = await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, page_limit: 10 });
    sim.control.injectFaults({ kind: 'bad_records', path: '/activities$', nth: 1, count: 2, field: 'tracked' });
    const dirty = await apiGet(sim, token, `/organizations/${org}/activities`, { ...week, page_limit: 10 });
    const rows = dirty.json.activities as Record<string, unknown>[];
    const cleanRows = clean.json.activities as Record<string, unknown>[];
    expect(rows.slice(0, 2).map((r) => typeof r.tracked)).toEqual(['string', 'string']);
    expect(rows.slice(2)).toEqual(cleanRows.slice(2));
    expect(dirty.json.pagination).toEqual(clean.json.pagination);
    expect(sim.requests.at(-1)?.fault).toMatchObject({ kind: 'bad_records', recordIds: cleanRows.slice(0, 2).map((r) => r.id) });
  });

  it('drops a required field in missing_field mode', async () => {
    sim.control.injectFaults({ kind: 'bad_records', nth: 1, mode: 'missing_field', field: 'user_id' });
    const r = await apiGet(sim, token, `/organizations/${org}/members`);
    const rows = r.json.members as Record<string, unknown>[];
    expect(rows[0]).not.toHaveProperty('user_id');
    expect(rows[1]).toHaveProperty('user_id');
  });
});

describe('request log', () => {
  it('records method, path, query, status, auth kind and a correlation id, and can be cleared', async () => {
    await apiGet(sim, token, `/organizations/${org}/tasks`, { status: ['active', 'completed'], page_limit: 5 });
    await call(`${sim.apiUrl}/users/me`, { headers: { Authorization: 'Basic eDp5' } });
    expect(sim.requests[0]).toMatchObject({
      method: 'GET',
      path: `/v2/organizations/${org}/tasks`,
      query: { 'status[]': ['active', 'completed'], page_limit: '5' },
      status: 200,
      authorization: 'bearer',
      correlationId: expect.any(String),
    });
    expect(sim.requests[1]).toMatchObject({ status: 401, authorization: 'basic' });
    sim.control.clearRequestLog();
    expect(sim.requests).toHaveLength(0);
  });
});
