import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../../src/main/core/app';
import { setupSync, type SyncHarness } from './harness';

// Never two runs of one account at once, also across processes: the app and the CLI share a
// lock file per account next to the database.

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

describe('one run per account', () => {
  it('a second core on the same data directory waits for the first run, or says another process is syncing', async () => {
    h = await setupSync({ settings: { pageLimit: 20 } });
    other = createApp({ dataDir: h.dir, clock: h.clock, secrets: h.secrets, env: { STINT_HUBSTAFF_API_URL: h.sim.apiUrl, STINT_HUBSTAFF_ACCOUNT_URL: h.sim.baseUrl }, sync: { lockTimeoutMs: 50 } });

    // The third API request is slow, so the first run is certainly still holding the lock
    // when the second core asks for it, however fast or loaded the machine is.
    h.sim.control.injectFaults({ kind: 'slow', path: '^/v2/', nth: 3, delayMs: 1500 });
    const first = h.app.sync.syncNow();
    await expect.poll(() => h.api().length, { timeout: 10_000 }).toBeGreaterThan(0);
    const refused = await other.sync.syncNow();
    expect(refused.requests).toBe(0);
    expect(refused.errors.map((e) => e.error)).toEqual([
      { code: 'unavailable', message: 'Another Stint process is syncing this account; try again when it has finished.', correlationId: expect.any(String) },
    ]);
    const done = await first;
    expect(done.errors).toEqual([]);
    expect(h.api().length).toBe(done.requests); // every request came from the first core

    // Once the first run let go, the second core syncs (incrementally: the cursors are shared).
    h.sim.control.clearRequestLog();
    const second = await other.sync.syncNow();
    expect(second.errors).toEqual([]);
    expect(h.api().map((r) => r.path.split('/').pop())).toEqual(['tasks', 'updates']);
  });

  it('a lock that fails for another reason than a live holder says which file and errno, not "another process is syncing"', async () => {
    h = await setupSync({ settings: { pageLimit: 20 } });
    const lockDir = join(h.dir, 'locks');
    writeFileSync(lockDir, 'a file where the lock folder should be');
    other = createApp({ dataDir: h.dir, clock: h.clock, secrets: h.secrets, env: { STINT_HUBSTAFF_API_URL: h.sim.apiUrl, STINT_HUBSTAFF_ACCOUNT_URL: h.sim.baseUrl }, sync: { lockDir, lockTimeoutMs: 50 } });
    const report = await other.sync.syncNow();
    expect(report.requests).toBe(0);
    const [err] = report.errors.map((e) => e.error);
    expect(err!.code).toBe('unavailable');
    expect(err!.message).toContain(join(lockDir, 'sync-'));
    expect(err!.message).toMatch(/ENOTDIR|EEXIST/);
    expect(err!.message).not.toMatch(/Another Stint process/);
  });
});
