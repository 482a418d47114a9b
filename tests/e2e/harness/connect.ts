// Wires a Playwright page to a core in this process, as the preload wires a window to main:
// `window.stint` calls `app.dispatch`, and the core's events reach the page.
import type { Page } from '@playwright/test';
import type { App } from '../../../src/main/core/app';
import { BRIDGE_BUNDLE } from './global-setup';

/** Before the first navigation: installs `window.stint` in the page, talking to `getApp()`. */
export async function connectPage(page: Page, getApp: () => App, bridgeBundle = BRIDGE_BUNDLE): Promise<void> {
  // Answers travel as JSON text (see page-bridge.ts).
  await page.exposeBinding('__stintInvoke', async (_source, command: unknown, input: unknown) => JSON.stringify(await getApp().dispatch(command, input)));
  await page.addInitScript({ path: bridgeBundle });
}

/** Forwards every event of `app` to the pages; returns the unsubscribe function. */
export function forwardEvents(app: App, pages: Iterable<Page>): () => void {
  return app.events.onAny((name, payload) => {
    // globalThis, not window: the benchmark shares this file and is typechecked without DOM types.
    for (const p of pages) {
      void p
        .evaluate(([n, pl]) => (globalThis as unknown as { __stintEmit?: (e: string, p: unknown) => void }).__stintEmit?.(n, pl), [name, payload] as const)
        .catch(() => {});
    }
  });
}
