// The e2e harness of DESIGN §3: the built renderer in real Chromium, with the real core
// (temp data dir, real SQLite) behind `window.stint`. Only Electron's IPC transport is swapped.
import { test as base, type Page } from '@playwright/test';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createApp, type App } from '../../../src/main/core/app';
import { BRIDGE_BUNDLE, RENDERER_DIR } from './global-setup';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Serves the built renderer on 127.0.0.1 (module scripts cannot load from file://). */
async function serveRenderer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(RENDERER_DIR, path || 'index.html');
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${addr.port}/index.html`, server };
}

export interface Harness {
  app: App;
  dataDir: string;
  url: string;
  /** Opens the app in the page with `window.stint` wired to the core. */
  open(page?: Page): Promise<Page>;
  /** Closes the core and opens a new one on the same data dir (an app restart). */
  restart(): Promise<void>;
}

export const test = base.extend<{ harness: Harness }>({
  harness: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stint-e2e-'));
    const { url, server } = await serveRenderer();
    let app = createApp({ dataDir });
    const pages = new Set<Page>();
    let unsubscribe = () => {};
    const wireEvents = () => {
      unsubscribe();
      unsubscribe = app.events.onAny((name, payload) => {
        for (const p of pages) void p.evaluate(([n, pl]) => window.__stintEmit?.(n as never, pl), [name, payload] as const).catch(() => {});
      });
    };
    wireEvents();

    const harness: Harness = {
      get app() {
        return app;
      },
      dataDir,
      url,
      async open(p = page) {
        if (!pages.has(p)) {
          pages.add(p);
          await p.exposeBinding('__stintInvoke', (_source, command: unknown, input: unknown) => app.dispatch(command, input));
          await p.addInitScript({ path: BRIDGE_BUNDLE });
        }
        await p.goto(url);
        return p;
      },
      async restart() {
        app.close();
        app = createApp({ dataDir });
        wireEvents();
      },
    };
    await use(harness);
    unsubscribe();
    app.close();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
