import { afterEach, describe, expect, it } from 'vitest';
import { HubstaffClient } from '../../../../../src/main/core/providers/hubstaff/client';
import { HubstaffApiError } from '../../../../../src/main/core/providers/hubstaff/errors';
import { staticTokenProvider } from '../../../../../src/main/core/providers/hubstaff/tokens';
import type { SimSetup } from './simClient';
import { drain, setupSim } from './simClient';

let s: SimSetup | undefined;
afterEach(async () => {
  await s?.sim.close();
  s = undefined;
});

const RANGE = { start: '2024-06-03T00:00:00Z', stop: '2024-06-04T00:00:00Z' };
const DATA = { membersPerOrg: 3, activities: { from: '2024-06-03', to: '2024-06-03', total: 250 } } as const;
const ACTIVITIES = /\/activities$/;

async function readAll(setup: SimSetup, opts: Parameters<SimSetup['client']>[0] = {}) {
  return drain(setup.client({ pageLimit: 100, ...opts }).activities(setup.orgId, RANGE));
}

async function failure(p: Promise<unknown>): Promise<HubstaffApiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(HubstaffApiError);
  return e as HubstaffApiError;
}

describe('retried faults: the stream still completes, retries visible in the request log', () => {
  it.each([
    ['server_error', 500],
    ['unavailable', 503],
    ['malformed_json', 200],
    ['reset', 0],
  ] as const)('%s on the 2nd request is retried once', async (kind, status) => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind, path: ACTIVITIES, nth: 2 });
    const { records } = await readAll(s);
    expect(new Set(records.map((r) => r.id)).size).toBe(250);
    const log = s.api();
    expect(log).toHaveLength(4); // 3 pages + 1 retry
    expect(log[1]!.fault?.kind).toBe(kind);
    expect(log[1]!.status).toBe(status);
    expect(log[2]!.query.page_start_id).toBe(log[1]!.query.page_start_id); // the same page again
    expect(s.sleeps).toHaveLength(1);
  });

  it('429 honours Retry-After before retrying', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'rate_limit', path: ACTIVITIES, nth: [1, 2], retryAfterSec: 3 });
    const { records } = await readAll(s);
    expect(records).toHaveLength(250);
    expect(s.api().map((r) => r.status)).toEqual([429, 429, 200, 200, 200]);
    expect(s.sleeps).toHaveLength(2);
    for (const ms of s.sleeps) {
      expect(ms).toBeGreaterThanOrEqual(3000);
      expect(ms).toBeLessThan(4000);
    }
  });

  it('a slow response past the per-request timeout is abandoned and retried', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'slow', path: ACTIVITIES, nth: 1, delayMs: 12_000 }); // far past the timeout below, which any normal page meets even on a loaded machine
    const { records } = await readAll(s, { timeoutMs: 2_000 });
    expect(records).toHaveLength(250);
    // Abandoned, not waited for: a client that waited would have had its page at the first try.
    expect(s.api()).toHaveLength(4);
    expect(s.events.filter((e) => e.outcome === 'retry').map((e) => e.status)).toEqual([null]);
  });

  it('backoff grows exponentially between consecutive failures', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'server_error', path: ACTIVITIES, nth: [1, 2, 3] });
    await readAll(s, { retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 } });
    expect(s.sleeps).toEqual([75, 150, 300]); // equal jitter with random() = 0.5
  });
});

describe('bad records: skipped and counted, the rest of the page kept, no retry', () => {
  it('wrong types', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'bad_records', path: ACTIVITIES, nth: 1, count: 3, field: 'user_id', mode: 'wrong_type' });
    const { pages, records } = await readAll(s);
    const spoiled = s.api()[0]!.fault!.recordIds as number[];
    expect(spoiled).toHaveLength(3);
    expect(pages[0]!.skipped.map((k) => k.index)).toEqual([0, 1, 2]);
    expect(pages[0]!.skipped.every((k) => k.reason.startsWith('user_id:'))).toBe(true);
    expect(pages[0]!.records).toHaveLength(97);
    expect(records).toHaveLength(247);
    expect(records.some((r) => spoiled.includes(r.id))).toBe(false);
    expect(s.api()).toHaveLength(3);
  });

  it('a missing required field skips the record; a missing optional one does not', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults(
      { kind: 'bad_records', path: ACTIVITIES, nth: 1, count: 2, field: 'tracked', mode: 'missing_field' },
      { kind: 'bad_records', path: ACTIVITIES, nth: 2, count: 5, field: 'client', mode: 'missing_field' },
    );
    const { pages } = await readAll(s);
    expect(pages[0]!.skipped).toHaveLength(2);
    expect(pages[0]!.skipped[0]!.reason).toMatch(/^tracked:/);
    expect(pages[1]!.skipped).toHaveLength(0);
    expect(pages[1]!.records.slice(0, 5).map((r) => r.client)).toEqual([null, null, null, null, null]);
  });

  it('a spoiled id (the default field) is skipped too', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'bad_records', path: ACTIVITIES, nth: 3 });
    const { pages } = await readAll(s);
    expect(pages.map((p) => p.skipped.length)).toEqual([0, 0, 1]);
    expect(pages[2]!.records).toHaveLength(49);
  });
});

describe('exhausted retries become typed errors with the correlation id of the last attempt', () => {
  it('429 every time → rate_limited after maxAttempts', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'rate_limit', path: ACTIVITIES, retryAfterSec: 1 });
    const e = await failure(readAll(s, { retry: { maxAttempts: 3 } }));
    expect(e.code).toBe('rate_limited');
    expect(e.status).toBe(429);
    expect(e.attempts).toBe(3);
    expect(e.retryAfterMs).toBe(1000);
    const log = s.api();
    expect(log).toHaveLength(3);
    expect(e.correlationId).toBe(log[2]!.correlationId);
  });

  it('a Retry-After beyond the allowed wait fails at once', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'rate_limit', path: ACTIVITIES, retryAfterSec: 3600 });
    const e = await failure(readAll(s, { retry: { maxRetryAfterMs: 60_000 } }));
    expect(e).toMatchObject({ code: 'rate_limited', retryAfterMs: 3_600_000, attempts: 1 });
    expect(s.api()).toHaveLength(1);
    expect(s.sleeps).toEqual([]);
  });

  it.each([
    ['server_error', 500],
    ['unavailable', 503],
    ['reset', null],
    ['malformed_json', 200],
  ] as const)('%s every time → unavailable', async (kind, status) => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind, path: ACTIVITIES });
    const e = await failure(readAll(s, { retry: { maxAttempts: 3 } }));
    expect(e).toMatchObject({ code: 'unavailable', status, attempts: 3 });
    const log = s.api();
    expect(log).toHaveLength(3);
    expect(e.correlationId).toBe(log[2]!.correlationId);
  });

  it('timeouts every time → unavailable', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'slow', path: ACTIVITIES, delayMs: 2000 });
    const e = await failure(readAll(s, { timeoutMs: 100, retry: { maxAttempts: 2 } }));
    expect(e).toMatchObject({ code: 'unavailable', status: null, attempts: 2 });
    expect(e.message).toMatch(/did not answer/);
    expect(s.api()).toHaveLength(2);
  });
});

describe('non-retryable answers', () => {
  it('403 → forbidden_org, no retry', async () => {
    s = await setupSim({ ...DATA, organizations: 2 });
    const other = s.sim.control.myOrganizationIds()[1]!; // the org token only covers the first org
    const e = await failure(drain(s.client().activities(other, RANGE)));
    expect(e).toMatchObject({ code: 'forbidden_org', message: 'No access to this organization', status: 403, attempts: 1 });
    expect(s.api()).toHaveLength(1);
    expect(e.correlationId).toBe(s.api()[0]!.correlationId);
  });

  it('404 → org_not_found, no retry', async () => {
    s = await setupSim(DATA);
    const e = await failure(drain(s.client().members(987654)));
    expect(e).toMatchObject({ code: 'org_not_found', message: 'Organization ID not found', status: 404, attempts: 1 });
    expect(s.api()).toHaveLength(1);
  });

  it('400 → bad_request with the server message, no retry', async () => {
    s = await setupSim(DATA);
    const e = await failure(drain(s.client().tasks(s.orgId, { status: ['bogus' as never] })));
    expect(e).toMatchObject({ code: 'bad_request', status: 400, attempts: 1 });
    expect(e.message).toMatch(/status/);
    expect(s.api()).toHaveLength(1);
  });

  it('connection refused → offline, no retry', async () => {
    s = await setupSim(DATA);
    const client = s.client();
    await s.sim.close();
    const e = await failure(drain(client.activities(s.orgId, RANGE)));
    expect(e).toMatchObject({ code: 'offline', status: null, attempts: 1 });
    expect(e.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.sleeps).toEqual([]);
  });
});

describe('cancellation', () => {
  it('an aborted signal stops the stream without retrying', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'slow', path: ACTIVITIES, nth: 2, delayMs: 2000 });
    const controller = new AbortController();
    const pages = s.client({ pageLimit: 100 }).activities(s.orgId, { ...RANGE, signal: controller.signal });
    await pages.next();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    await expect(pages.next()).rejects.toThrow('user cancelled');
    expect(s.api()).toHaveLength(2);
  });
});

describe('unresolvable host', () => {
  it('ENOTFOUND → offline, no retry', async () => {
    const sleeps: number[] = [];
    const client = new HubstaffClient({
      tokens: staticTokenProvider('t'),
      baseUrl: 'http://stint-test.invalid/v2', // RFC 6761: never resolves
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const e = await failure(client.usersMe());
    expect(e).toMatchObject({ code: 'offline', attempts: 1 });
    expect(sleeps).toEqual([]);
  });
});
