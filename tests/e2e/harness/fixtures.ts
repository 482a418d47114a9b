// The e2e harness of DESIGN §3: the built renderer in real Chromium, with the real core
// (temp data dir, real SQLite) behind `window.stint`. Only Electron's IPC transport is swapped.
import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../../src/main/core/app';
import { connectPage, forwardEvents } from './connect';
import { closeServer, serveRenderer } from './renderer-server';
import { seedSourceItems, type SeedSourceItem } from './seed';
import { flowingTestClock } from '../../helpers/clock';
import { type FlowingClock } from '../../../src/common/clock';

export interface Harness {
  app: App;
  /** The core's clock: it flows from the test instant (tests/helpers/clock.ts) until pinned. */
  clock: FlowingClock;
  /**
   * Puts the core and the page at the same instant: the page's Date stands there (its timers
   * still run), the core's clock flows on from it. Call before `open`.
   */
  pinClock(page: Page, at: Date): Promise<void>;
  dataDir: string;
  url: string;
  /**
   * Opens the app in the page with `window.stint` wired to the core; `query` is added to the
   * address (e.g. `user=42`). Resolves once the first week is on screen, so keyboard shortcuts
   * are live (`waitForWeek: false` to skip).
   */
  open(page?: Page, opts?: { query?: string; waitForWeek?: boolean }): Promise<Page>;
  /** Writes integration items into the core's cache, as sync would. */
  seedSourceItems(items: readonly SeedSourceItem[]): void;
  /** What the app asked the system browser to open (the shell's `openUrl`, after its allow-list). */
  openedUrls: string[];
  /** Closes the core and opens a new one on the same data dir (an app restart). */
  restart(): Promise<void>;
}

export const test = base.extend<{ harness: Harness }>({
  harness: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stint-e2e-'));
    const { url, server } = await serveRenderer();
    const clock = flowingTestClock();
    const openedUrls: string[] = [];
    const shellHost = { openUrl: async (u: string) => void openedUrls.push(u) };
    let app = createApp({ dataDir, clock, shellHost });
    const pages = new Set<Page>();
    let unsubscribe = () => {};
    const wireEvents = () => {
      unsubscribe();
      unsubscribe = forwardEvents(app, pages);
    };
    wireEvents();

    const harness: Harness = {
      get app() {
        return app;
      },
      dataDir,
      url,
      clock,
      openedUrls,
      async pinClock(p, at) {
        clock.set(at);
        await p.clock.setFixedTime(at);
      },
      async open(p = page, opts = {}) {
        if (!pages.has(p)) {
          pages.add(p);
          await connectPage(p, () => app);
        }
        await p.goto(opts.query ? `${url}?${opts.query}` : url);
        if (opts.waitForWeek !== false) await p.locator('[data-rendered-week]').waitFor({ state: 'attached' });
        return p;
      },
      seedSourceItems(items) {
        seedSourceItems(app.db, items, clock.now());
      },
      async restart() {
        app.close();
        app = createApp({ dataDir, clock, shellHost });
        wireEvents();
      },
    };
    await use(harness);
    unsubscribe();
    app.close();
    await closeServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
