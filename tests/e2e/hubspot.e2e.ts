// HubSpot end to end: the HubSpot simulator behind the real core, a private app token pasted
// into Settings, the task in the Integrations sidebar after a poll, and a drag onto the week
// that gives a task linked to the HubSpot item (read back from SQLite).
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/main/core/app';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { startHubspotSimulator, type HubspotSimulator } from '../sim-hubspot/index';
import { connectPage, forwardEvents } from './harness/connect';
import { serveRenderer } from './harness/renderer-server';
import { centerOf, drag, readDb, slotPoint } from './helpers/calendar';

const POLL_MS = 1_000;

const test = base.extend<{ hs: { app: App; sim: HubspotSimulator; dataDir: string; open(): Promise<Page> } }>({
  hs: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stint-e2e-hubspot-'));
    const sim = await startHubspotSimulator({ seed: 12 });
    sim.control.setIndexLag(0);
    const { url, server } = await serveRenderer();
    const app = createApp({ dataDir, secrets: new MemorySecretStore(), env: { STINT_HUBSPOT_API_URL: sim.baseUrl }, sync: { scheduler: { intervalMs: POLL_MS, maxBackoffMs: 2 * POLL_MS } } });
    app.sync.start();
    const unsubscribe = forwardEvents(app, new Set([page]));
    await connectPage(page, () => app);
    await use({
      app,
      sim,
      dataDir,
      async open() {
        await page.goto(url);
        await page.locator('[data-rendered-week]').waitFor({ state: 'attached' });
        return page;
      },
    });
    unsubscribe();
    await app.sync.close();
    app.close();
    await sim.close();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dataDir, { recursive: true, force: true });
  },
});

test.use({ timezoneId: 'UTC', viewport: { width: 1440, height: 900 } });

test('sign in to HubSpot in Settings, then drag its task onto the week: a task linked to the HubSpot item', async ({ page, hs }) => {
  const me = String(hs.sim.control.state.me.id);
  const created = hs.sim.control.createTask({ hs_task_subject: 'Call Globex back [45m]', hubspot_owner_id: me });
  // The page's clock only: Tuesday, so the drop target is not under the sidebar.
  await page.clock.setFixedTime(new Date('2026-11-24T09:30:00Z'));
  await hs.open();

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const { token } = hs.sim.control.createPrivateApp();
  await dialog.getByLabel('HubSpot private app token').fill(token);
  await dialog.getByRole('button', { name: 'Connect HubSpot', exact: true }).click();
  await expect(dialog.getByRole('group', { name: 'HubSpot' })).toContainText('Connected');
  // The form makes way for the account (the token is not kept in the page).
  await expect(dialog.getByLabel('HubSpot private app token')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Add a HubSpot account' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Integrations', exact: true }).click();
  const sidebar = page.getByRole('complementary', { name: 'Integrations' });
  const item = sidebar.locator('.source-item', { hasText: 'Call Globex back' });
  await expect(item).toBeVisible({ timeout: 15 * POLL_MS });

  const today = '2026-11-24';
  await drag(page, await centerOf(item), await slotPoint(page, today, 10 * 60));
  await expect(page.locator('.fc-event[data-entry-id]')).toHaveCount(1);
  const db = readDb(hs.dataDir);
  expect(db.tasks).toEqual([expect.objectContaining({ title: 'Call Globex back', status: 'open', scheduled_minutes: 45, source_provider: 'hubspot', source_external_id: String(created.id) })]);
  expect(db.entries).toEqual([expect.objectContaining({ task_id: db.tasks[0]!.id, date: today, start_minute: 600, duration_minutes: 45 })]);
  // The status bar shows the HubSpot account like any other.
  await expect(page.getByTestId('sync-status')).toHaveText(/^Synced |^Syncing…$/);
});
