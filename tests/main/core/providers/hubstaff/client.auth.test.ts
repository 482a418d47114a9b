import { afterEach, describe, expect, it } from 'vitest';
import { StintError } from '../../../../../src/common/errors';
import { RequestBudget } from '../../../../../src/main/core/providers/hubstaff/budget';
import { HubstaffApiError } from '../../../../../src/main/core/providers/hubstaff/errors';
import type { AccessTokenProvider } from '../../../../../src/main/core/providers/hubstaff/tokens';
import type { SimSetup } from './simClient';
import { drain, setupSim } from './simClient';

let s: SimSetup | undefined;
afterEach(async () => {
  await s?.sim.close();
  s = undefined;
});

const RANGE = { start: '2024-06-03T00:00:00Z', stop: '2024-06-04T00:00:00Z' };
const DATA = { membersPerOrg: 3, activities: { from: '2024-06-03', to: '2024-06-03', total: 250 } } as const;

/** A provider over a mutable token whose onUnauthorized answers with `next()`. */
function provider(initial: string, next: () => string | null) {
  let current = initial;
  const rejected: string[] = [];
  const p: AccessTokenProvider = {
    getAccessToken: async () => current,
    onUnauthorized: async (bad) => {
      rejected.push(bad);
      const fresh = next();
      if (fresh !== null) current = fresh;
      return fresh;
    },
  };
  return { p, rejected };
}

async function failure(p: Promise<unknown>): Promise<HubstaffApiError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(HubstaffApiError);
  return e as HubstaffApiError;
}

describe('401 → onUnauthorized → one retry', () => {
  it('retries once with the fresh token and carries on', async () => {
    s = await setupSim(DATA);
    const old = s.token;
    const fresh = s.sim.control.issueOrganizationToken(s.orgId);
    s.sim.control.revokeGrant(old);
    const { p, rejected } = provider(old, () => fresh);
    const { records } = await drain(s.client({ tokens: p, pageLimit: 100 }).activities(s.orgId, RANGE));
    expect(records).toHaveLength(250);
    expect(rejected).toEqual([old]);
    expect(s.api().map((r) => r.status)).toEqual([401, 200, 200, 200]);
    expect(s.sleeps).toEqual([]); // a token retry does not back off
  });

  it('null from the provider → auth_revoked after one request', async () => {
    s = await setupSim(DATA);
    s.sim.control.revokeGrant(s.token);
    const { p, rejected } = provider(s.token, () => null);
    const e = await failure(drain(s.client({ tokens: p }).activities(s.orgId, RANGE)));
    expect(e).toMatchObject({ code: 'auth_revoked', status: 401, attempts: 1 });
    expect(rejected).toHaveLength(1);
    expect(s.api()).toHaveLength(1);
  });

  it('a second 401 with the fresh token → auth_revoked, provider asked only once', async () => {
    s = await setupSim(DATA);
    const alsoRevoked = s.sim.control.issueOrganizationToken(s.orgId);
    s.sim.control.revokeGrant(s.token);
    s.sim.control.revokeGrant(alsoRevoked);
    const { p, rejected } = provider(s.token, () => alsoRevoked);
    const e = await failure(drain(s.client({ tokens: p }).activities(s.orgId, RANGE)));
    expect(e).toMatchObject({ code: 'auth_revoked', attempts: 2 });
    expect(rejected).toHaveLength(1);
    expect(s.api().map((r) => r.status)).toEqual([401, 401]);
    expect(e.correlationId).toBe(s.api()[1]!.correlationId);
  });

  it('a failing refresh surfaces the provider’s own error, without retrying', async () => {
    s = await setupSim(DATA);
    s.sim.control.revokeGrant(s.token);
    const tokens: AccessTokenProvider = {
      getAccessToken: async () => s!.token,
      onUnauthorized: async () => {
        throw new StintError('offline', 'Could not reach account.hubstaff.com');
      },
    };
    await expect(drain(s.client({ tokens }).members(s.orgId))).rejects.toMatchObject({ code: 'offline', message: 'Could not reach account.hubstaff.com' });
    expect(s.api()).toHaveLength(1);
    expect(s.sleeps).toEqual([]);
  });

  it('no token appears in errors, events or their causes', async () => {
    s = await setupSim(DATA);
    s.sim.control.revokeGrant(s.token);
    const e = await failure(drain(s.client().members(s.orgId)));
    const e2 = await failure(drain(s.client().members(999_999)));
    const text = JSON.stringify([e.toInfo(), e.message, e.details, String(e.cause), e2.toInfo(), e2.message, s.events]);
    expect(text).not.toContain(s.token);
    expect(text).not.toContain('hsoat_');
  });
});

describe('request budget', () => {
  it('every request (retries included) spends the budget; empty + fail → rate_limited before sending', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'server_error', path: /\/activities$/, nth: 1 });
    const client = s.client({ pageLimit: 100, budget: { requestsPerHour: 3, whenEmpty: 'fail' } });
    expect(client.remainingBudget()).toBe(3);
    const e = await drain(client.activities(s.orgId, RANGE)).then(() => null, (x: unknown) => x);
    // 500 + retry + page 2 = 3 requests; page 3 is refused by the budget, not by Hubstaff.
    expect(e).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/budget/), correlationId: expect.any(String) });
    expect(s.api()).toHaveLength(3);
    expect(client.remainingBudget()).toBe(0);
  });

  it('empty + wait sleeps until the bucket refills, then carries on', async () => {
    s = await setupSim(DATA);
    let now = 0;
    const waits: number[] = [];
    const budget = new RequestBudget({
      requestsPerHour: 3600, // one per second
      capacity: 1,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    const client = s.client({ pageLimit: 100, budget });
    const { records } = await drain(client.activities(s.orgId, RANGE));
    expect(records).toHaveLength(250);
    expect(waits).toEqual([1000, 1000]);
    expect(s.api()).toHaveLength(3);
  });

  it('clients of one account share one budget', async () => {
    s = await setupSim(DATA);
    const budget = new RequestBudget({ requestsPerHour: 1000 });
    const a = s.client({ budget, pageLimit: 100 });
    const b = s.client({ budget, pageLimit: 100 });
    await drain(a.activities(s.orgId, RANGE));
    await drain(b.members(s.orgId));
    expect(budget.remaining()).toBe(1000 - 4);
    expect(a.remainingBudget()).toBe(b.remainingBudget());
  });
});
