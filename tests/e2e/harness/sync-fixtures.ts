// The e2e harness with Hubstaff behind it: the Hubstaff simulator on 127.0.0.1, the real core
// (temp dir, real SQLite, tokens in a MemorySecretStore) pointed at it, and a sync engine that
// polls every second, so "within one poll" takes a second or two. Nobody is signed in at start:
// the test signs in through the page.
import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../../src/common/dates';
import { createApp, type App } from '../../../src/main/core/app';
import { MemorySecretStore } from '../../../src/main/core/secrets/memorySecretStore';
import { startSimulator, type Simulator } from '../../sim/index';
import { connectPage, forwardEvents } from './connect';
import { closeServer, serveRenderer } from './renderer-server';
import { flowingTestClock } from '../../helpers/clock';

export const POLL_MS = 1_000;

export interface SyncE2e {
  app: App;
  sim: Simulator;
  dataDir: string;
  /** Opens the app in the page; resolves once the week is on screen. */
  open(page?: Page): Promise<Page>;
  /** Stops the simulator (the network "goes away"); idempotent. */
  stopSimulator(): Promise<void>;
}

export const test = base.extend<{ sync: SyncE2e }>({
  sync: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stint-e2e-sync-'));
    // The simulator, the core and the page share one clock, flowing from the test instant.
    const clock = flowingTestClock();
    const today = clock.now().toISOString().slice(0, 10);
    const sim = await startSimulator({
      seed: 11,
      clock: clock.nowMs,
      accessTokenLifetimeSec: 30 * 86_400,
      data: {
        membersPerOrg: 2,
        foreignOrganizations: 1,
        activities: { from: addDays(today, -13), to: today, density: 0.4, notAfter: new Date(clock.nowMs() - 3_600_000).toISOString() },
      },
    });
    const { url, server } = await serveRenderer();
    const app = createApp({
      dataDir,
      clock,
      secrets: new MemorySecretStore(),
      env: { STINT_HUBSTAFF_ACCOUNT_URL: sim.baseUrl, STINT_HUBSTAFF_API_URL: sim.apiUrl },
      sync: {
        scheduler: { intervalMs: POLL_MS, maxBackoffMs: 2 * POLL_MS, hourlyBudget: 1_000_000 },
        // A refused connection is "offline" after a short retry, not after a minute of backoff.
        client: { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 50 } },
      },
    });
    app.sync.start();
    const pages = new Set<Page>();
    const unsubscribe = forwardEvents(app, pages);
    let simRunning = true;

    const harness: SyncE2e = {
      app,
      sim,
      dataDir,
      async open(p = page) {
        if (!pages.has(p)) {
          pages.add(p);
          await connectPage(p, () => app);
          // The page's clock flows too (from the core's now), so "synced 2 min ago" reads true.
          await p.clock.install({ time: clock.now() });
        }
        await p.goto(url);
        await p.locator('[data-rendered-week]').waitFor({ state: 'attached' });
        return p;
      },
      async stopSimulator() {
        if (!simRunning) return;
        simRunning = false;
        await sim.close();
      },
    };
    await use(harness);
    unsubscribe();
    await app.sync.close();
    app.close();
    await harness.stopSimulator();
    await closeServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
