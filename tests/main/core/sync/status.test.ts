import { afterEach, describe, expect, it } from 'vitest';
import { SyncStatus } from '../../../../src/common/ipc/sync-schemas';
import { backfillPercent, describeSyncStatus } from '../../../../src/common/sync-status-text';
import { setupSync, type SyncHarness } from './harness';

let h: SyncHarness;
afterEach(async () => h?.close());

describe('sync status', () => {
  it('reports backfill progress in slices while it runs, resumes it at the next poll, and ends idle', async () => {
    // Every run yields after one page, so the backfill spans several polls.
    h = await setupSync({ settings: { pageLimit: 100 }, app: { sync: { cadence: { maxReadMsPerRun: 0 } } } });
    const seen: SyncStatus[] = [];
    h.app.sync.onStatus((s) => seen.push(SyncStatus.parse(s)));
    expect(h.app.sync.status().state).toBe('idle');

    await h.app.sync.syncNow();
    expect(seen.some((s) => s.state === 'syncing')).toBe(true);
    const progress = () => h.app.sync.status().streams.find((s) => s.stream === 'activities')!.progress;
    const first = progress();
    expect(first).toMatchObject({ total: 2 });
    expect(first!.done).toBeLessThan(first!.total);

    let polls = 1;
    while (progress() !== null && polls < 50) {
      h.clock.advance(30_000);
      await h.app.sync.syncNow();
      polls++;
    }
    expect(polls).toBeGreaterThan(2);
    expect(progress()).toBeNull();
    const [org] = h.myOrgs;
    expect(h.rows('SELECT count(*) AS n FROM hubstaff_activities')).toEqual([{ n: h.sim.control.countActivities({ orgId: org! }) }]);
    // Somewhere along the way the status line showed the backfill's percentage.
    const pcts = seen.filter((s) => s.state === 'syncing').map(backfillPercent).filter((p) => p !== null);
    expect(pcts.length).toBeGreaterThan(0);
    expect(seen.some((s) => /^Syncing… loading history \d+%$/.test(describeSyncStatus(s, h.clock.now())))).toBe(true);
    expect(h.app.sync.status()).toMatchObject({ state: 'idle', lastSyncedAt: expect.any(String) });
  });

  it('says paused while paused, signed out without accounts, and the status survives a restart (shared with the CLI)', async () => {
    h = await setupSync({ data: { activities: false } });
    await h.app.sync.syncNow();
    h.app.sync.pause();
    expect(h.app.sync.status().state).toBe('paused');
    h.app.sync.resume();
    const before = h.app.sync.status();
    // A second core on the same data directory (like the CLI) reads the same status.
    const { createApp } = await import('../../../../src/main/core/app');
    const other = createApp({ dataDir: h.dir, clock: h.clock, secrets: h.secrets });
    try {
      expect(other.sync.status()).toEqual(before);
    } finally {
      await other.sync.close();
      other.close();
    }
    await h.app.accounts.signOut(h.account.id, { purgeCache: true });
    expect(h.app.sync.status()).toEqual({ state: 'signed_out', lastSyncedAt: null, accounts: [], streams: [] });
    expect(h.rows('SELECT count(*) AS n FROM sync_stream_status')).toEqual([{ n: 0 }]);
  });
});
