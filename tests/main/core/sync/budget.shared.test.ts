import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../../src/main/core/app';
import { setupSync, type SyncHarness } from './harness';

// DESIGN §10: the hourly request budget is per account and persisted, so the app and the CLI
// (two cores on one data directory) spend from one bucket, not 1,000 requests an hour each.

let h: SyncHarness;
let other: App | null = null;
afterEach(async () => {
  if (other) {
    await other.sync.close();
    other.close();
    other = null;
  }
  await h?.close();
});

describe('the request budget across cores', () => {
  it('what one core spends the other sees, and it refills by the shared clock', async () => {
    h = await setupSync({ settings: { pageLimit: 20 } });
    other = createApp({ dataDir: h.dir, clock: h.clock, secrets: h.secrets, env: { STINT_HUBSTAFF_API_URL: h.sim.apiUrl, STINT_HUBSTAFF_ACCOUNT_URL: h.sim.baseUrl } });
    const id = h.account.id;
    expect(other.sync.requestBudget(id)).toEqual({ remaining: 1000, perHour: 1000 });

    const first = await h.app.sync.syncNow();
    expect(first.errors).toEqual([]);
    expect(first.requests).toBeGreaterThan(0);
    expect(other.sync.requestBudget(id)).toEqual({ remaining: 1000 - first.requests, perHour: 1000 });

    const second = await other.sync.syncNow();
    expect(second.errors).toEqual([]);
    expect(second.requests).toBeGreaterThan(0);
    const left = 1000 - first.requests - second.requests;
    expect(h.app.sync.requestBudget(id)?.remaining).toBe(left);
    expect(other.sync.requestBudget(id)?.remaining).toBe(left);

    h.clock.advance(3_600 * 5); // five requests back at 1,000/h
    expect(h.app.sync.requestBudget(id)?.remaining).toBe(left + 5);
    h.clock.advance(3_600_000);
    expect(other.sync.requestBudget(id)?.remaining).toBe(1000); // never above the hourly size
  });
});
