import { afterEach, describe, expect, it } from 'vitest';
import { SyncStatus } from '../../../../src/common/ipc/sync-schemas';
import { describeSyncStatus } from '../../../../src/common/sync-status-text';
import type { FinishedRun } from '../../../../src/main/core/sync/engine';
import { buildWeekReport } from '../../../../src/main/core/sync/weekReport';
import { ORG_STREAMS } from '../../../../src/main/core/sync/streams/types';
import { startProxy, type Proxy } from './proxy';
import { setupSync, type SyncHarness } from './harness';

let h: SyncHarness;
let proxy: Proxy | null = null;
afterEach(async () => {
  await h?.close();
  await proxy?.close();
  proxy = null;
});

describe('errors', () => {
  it('a 403 or 404 for one organization does not stop the others; each of its streams says why, with a correlation id', async () => {
    const UNKNOWN = 999_999;
    h = await setupSync({ orgs: (mine, sim) => [sim.control.organizations().map((o) => o.id as number).find((id) => !mine.includes(id))!, UNKNOWN, ...mine] });
    const [foreign] = h.account.organizations.map((o) => o.id);
    const [mine] = h.myOrgs;
    const report = await h.app.sync.syncNow();
    expect(report.outcomes[h.account.id]).toBe('ok');
    expect(report.errors.map((e) => [e.orgId, e.error.code, e.error.message])).toEqual([
      [foreign, 'forbidden_org', 'No access to this organization'],
      [UNKNOWN, 'org_not_found', 'Organization ID not found'],
    ]);
    // The org after them synced fully.
    expect(h.rows('SELECT count(*) AS n FROM hubstaff_activities WHERE organization_id = ?', mine)).toEqual([{ n: h.sim.control.countActivities({ orgId: mine! }) }]);

    const status = SyncStatus.parse(h.app.sync.status());
    expect(status.state).toBe('error');
    for (const s of status.streams) {
      if (s.orgId === String(mine)) expect(s).toMatchObject({ lastError: null, lastSuccessAt: expect.any(String) });
      else {
        expect(s.lastError).toMatchObject({ code: s.orgId === String(foreign) ? 'forbidden_org' : 'org_not_found', correlationId: expect.any(String) });
        expect(s.lastSuccessAt).toBeNull();
      }
    }
    expect(status.streams.filter((s) => s.orgId === String(foreign)).map((s) => s.stream)).toEqual([...ORG_STREAMS]);
    // The correlation id is the one Hubstaff (the simulator) logged for the refused request.
    const refused = h.sim.requests.find((r) => r.path.startsWith(`/v2/organizations/${foreign}/`))!;
    expect(status.streams.find((s) => s.orgId === String(foreign))!.lastError!.correlationId).toBe(refused.correlationId);
    expect(describeSyncStatus(status, h.clock.now())).toBe('Sync problem: No access to this organization');
  });

  it('a revoked grant makes the account need reconnecting, and no request is sent after that', async () => {
    h = await setupSync();
    await h.app.sync.syncNow();
    h.sim.control.revokeGrant(h.sim.control.me().id as number);
    h.clock.advance(30_000);
    const report = await h.app.sync.syncNow();
    expect(report.outcomes[h.account.id]).toBe('needs_reconnect');
    expect(h.app.accounts.get(h.account.id).status).toBe('needs_reconnect');
    expect(h.app.sync.status().state).toBe('needs_reconnect');
    expect(describeSyncStatus(h.app.sync.status(), h.clock.now())).toBe('Hubstaff disconnected — Reconnect');

    const seen = h.sim.requests.length;
    for (let i = 0; i < 3; i++) {
      h.clock.advance(30_000);
      const again = await h.app.sync.syncNow();
      expect(again.requests).toBe(0);
    }
    h.app.sync.start(); // the scheduler keeps the account parked as well
    await new Promise((r) => setTimeout(r, 100));
    expect(h.sim.requests.length).toBe(seen); // neither the API nor the token endpoint
    // Cached data stays.
    expect(h.rows<{ n: number }>('SELECT count(*) AS n FROM hubstaff_activities')[0]!.n).toBeGreaterThan(0);
  });

  it('offline: status says so, the cached week is still served, attempts back off (no busy loop), and sync recovers when the network returns', async () => {
    h = await setupSync({
      network: async (sim) => {
        // The API goes through the proxy; the account server (the OIDC issuer, which must match its own URL) does not.
        proxy = await startProxy(sim.baseUrl);
        return { apiUrl: `${proxy.url}/v2`, accountUrl: sim.baseUrl };
      },
      app: { sync: { scheduler: { intervalMs: 100, maxBackoffMs: 800, hourlyBudget: 1_000_000 } } },
    });
    await h.app.sync.syncNow();
    const week = buildWeekReport(h.app, h.day(-7));
    expect(week.report.days.some((d) => d.trackedMinutes > 0)).toBe(true);

    const runs: FinishedRun[] = [];
    h.app.sync.onRun((r) => runs.push(r));
    await proxy!.down();
    h.app.sync.start();
    await new Promise((r) => setTimeout(r, 2_500));

    const status = h.app.sync.status();
    expect(status.state).toBe('offline');
    expect(h.app.accounts.get(h.account.id).status).toBe('offline');
    expect(describeSyncStatus(status, h.clock.now())).toMatch(/^Offline — showing data from \d\d:\d\d$/);
    // Backoff from 100 ms doubling to 800 ms: about 5 attempts in 2.5 s.
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(7);
    // A refused connection is not retried; only the first run may retry once, on the pooled
    // connection the network drop closed under it.
    expect(runs.every((r) => r.outcome === 'offline' && r.requests <= 2)).toBe(true);
    expect(runs.slice(1).every((r) => r.requests === 1)).toBe(true);
    // The cached week is served unchanged while offline.
    expect(buildWeekReport(h.app, h.day(-7))).toEqual(week);

    await proxy!.up();
    h.app.sync.networkChanged(true);
    await expect.poll(() => h.app.sync.status().state, { timeout: 5_000 }).toBe('idle');
    expect(h.app.accounts.get(h.account.id).status).toBe('connected');
    expect(runs.at(-1)!.outcome).toBe('ok');
  });
});
