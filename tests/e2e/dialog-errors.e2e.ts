// Errors show where the person is looking: a refused sign-in says why inside the open Settings
// dialog, beside the field that was used (not in a toast behind the modal), in plain words, with
// the reference code behind "Details"; other failures in a dialog show at its top.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlowingClock } from '../../src/common/clock';
import { createApp, type App } from '../../src/main/core/app';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { startHubspotSimulator, type HubspotSimulator } from '../sim-hubspot/index';
import { connectPage, forwardEvents } from './harness/connect';
import { closeServer, serveRenderer } from './harness/renderer-server';
import { test as hubstaffTest } from './harness/sync-fixtures';
import { seriousViolations } from './helpers/axe';

/** Where the alert's centre is, what the page shows there: inside the alert, inside the open dialog. */
async function hitAtCentre(alert: Locator): Promise<{ inAlert: boolean; inOpenDialog: boolean }> {
  return alert.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return { inAlert: hit !== null && el.contains(hit), inOpenDialog: Boolean(hit?.closest('dialog[open]')) };
  });
}

/** The error is on screen, on top, inside the open dialog, and no page toast hides behind it. */
async function expectShownInDialog(page: Page, alert: Locator): Promise<void> {
  await expect(alert).toBeVisible();
  await expect(alert).toBeInViewport();
  expect(await hitAtCentre(alert)).toEqual({ inAlert: true, inOpenDialog: true });
  await expect(page.locator('.toast')).toHaveCount(0);
}

hubstaffTest('a wrong Hubstaff token: the sign-in form says so in the Settings dialog, beside the field', async ({ page, sync }) => {
  await sync.open();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const field = dialog.getByLabel('Personal access token');
  await field.fill('not-a-token-hubstaff-issued');
  await dialog.getByRole('button', { name: 'Sign in with personal token' }).click();

  const form = dialog.locator('form', { has: page.getByLabel('Personal access token') });
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('Hubstaff rejected this personal access token');
  await expect(alert).toContainText('nothing was saved');
  await expectShownInDialog(page, alert);
  // The field says it is the one in question, and points at the reason.
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  expect(describedBy).toBe(await alert.getAttribute('id'));
  expect(sync.app.accounts.list()).toEqual([]);
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);

  // A good token signs in, and the old error goes.
  await field.fill(sync.sim.control.issuePersonalAccessToken());
  await dialog.getByRole('button', { name: 'Sign in with personal token' }).click();
  const me = sync.sim.control.me() as { name: string };
  const card = dialog.getByRole('article', { name: `${me.name} account` });
  await expect(card).toBeVisible();
  await expect(dialog.getByText('Hubstaff rejected this personal access token')).toHaveCount(0);

  // A failure that is not a sign-in's shows at the dialog's top, on screen though the dialog is scrolled.
  await card.getByLabel('Organization IDs').fill('acme');
  await card.getByRole('button', { name: 'Save organizations' }).click();
  const top = dialog.locator('.dialog-error');
  await expect(top).toHaveRole('alert');
  await expect(top).toContainText('"acme" is not an organization ID');
  await expectShownInDialog(page, top);
  // Closing the dialog takes its error with it: nothing pops up behind it afterwards.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('alert').filter({ hasText: 'is not an organization ID' })).toHaveCount(0);
});

const POLL_MS = 1_000;
/** Tuesday 24 November 2026, 09:30 on this machine's clock. */
const TUESDAY = new Date(2026, 10, 24, 9, 30);

const test = base.extend<{ hs: { app: App; sim: HubspotSimulator; open(): Promise<Page> } }>({
  hs: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stint-e2e-errors-'));
    const clock = new FlowingClock(TUESDAY);
    const sim = await startHubspotSimulator({ seed: 12, clock: clock.nowMs });
    const { url, server } = await serveRenderer();
    const app = createApp({ dataDir, clock, secrets: new MemorySecretStore(), env: { STINT_HUBSPOT_API_URL: sim.baseUrl }, sync: { scheduler: { intervalMs: POLL_MS, maxBackoffMs: 2 * POLL_MS } } });
    const unsubscribe = forwardEvents(app, new Set([page]));
    await connectPage(page, () => app);
    await use({
      app,
      sim,
      async open() {
        await page.clock.setFixedTime(TUESDAY);
        await page.goto(url);
        await page.locator('[data-rendered-week]').waitFor({ state: 'attached' });
        return page;
      },
    });
    unsubscribe();
    await app.sync.close();
    app.close();
    await sim.close();
    await closeServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

test('a HubSpot token HubSpot refuses: the error shows in the Settings dialog, its reference behind Details', async ({ page, hs }) => {
  const { token } = hs.sim.control.createPrivateApp();
  hs.sim.control.revoke(token);
  await hs.open();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const field = dialog.getByLabel('HubSpot private app token');
  await field.fill(token);
  await dialog.getByRole('button', { name: 'Connect HubSpot', exact: true }).click();

  const alert = dialog.getByRole('group', { name: 'HubSpot' }).getByRole('alert');
  await expect(alert).toContainText('HubSpot rejected this private app token; nothing was saved. Check it and try again.');
  await expectShownInDialog(page, alert);
  // The secret leaves the page whatever the answer.
  await expect(field).toHaveValue('');
  expect(await page.content()).not.toContain(token);
  expect(hs.app.hubspot.list()).toEqual([]);

  // The reference is there for support, folded away until asked for.
  const ref = alert.locator('code');
  await expect(ref).toBeHidden();
  await expect(alert).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/, { useInnerText: true });
  await alert.getByText('Details', { exact: true }).click();
  await expect(ref).toBeVisible();
  await expect(ref).toHaveText(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const id = await ref.textContent();
  await expect(alert.getByRole('button', { name: `Copy reference ${id}` })).toBeVisible();
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
});
