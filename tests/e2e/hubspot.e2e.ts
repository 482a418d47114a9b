// HubSpot end to end: the HubSpot simulator behind the real core, a private app token pasted
// into Settings, the task in the Integrations sidebar after a poll, and a drag onto the week
// that gives a task linked to the HubSpot item (read back from SQLite).
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/main/core/app';
import { MemorySecretStore } from '../../src/main/core/secrets/memorySecretStore';
import { DEFAULT_CLIENT, startHubspotSimulator, type HubspotSimulator } from '../sim-hubspot/index';
import { connectPage, forwardEvents } from './harness/connect';
import { closeServer, serveRenderer } from './harness/renderer-server';
import { seriousViolations } from './helpers/axe';
import { centerOf, drag, readDb, slotPoint } from './helpers/calendar';
import { FlowingClock } from '../../src/common/clock';

const POLL_MS = 1_000;
/** Tuesday 24 November 2026, 09:30 on this machine's clock: the drop target is not under the sidebar. */
const TUESDAY = new Date(2026, 10, 24, 9, 30);

const test = base.extend<{ hs: { app: App; sim: HubspotSimulator; dataDir: string; open(): Promise<Page> } }>({
  hs: async ({ page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stint-e2e-hubspot-'));
    // The core and HubSpot share a clock flowing from the instant the page is pinned to.
    const clock = new FlowingClock(TUESDAY);
    const sim = await startHubspotSimulator({ seed: 12, clock: clock.nowMs });
    sim.control.setIndexLag(0);
    const { url, server } = await serveRenderer();
    const app = createApp({ dataDir, clock, secrets: new MemorySecretStore(), env: { STINT_HUBSPOT_API_URL: sim.baseUrl }, sync: { scheduler: { intervalMs: POLL_MS, maxBackoffMs: 2 * POLL_MS } } });
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
    await closeServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

// The page runs in the machine's zone, like the core: every instant here is local time.
test.use({ viewport: { width: 1440, height: 900 } });

test('sign in to HubSpot in Settings, then drag its task onto the week: a task linked to the HubSpot item', async ({ page, hs }) => {
  const me = String(hs.sim.control.state.me.id);
  const created = hs.sim.control.createTask({ hs_task_subject: 'Call Globex back [45m]', hubspot_owner_id: me });
  await page.clock.setFixedTime(TUESDAY);
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

/** Signed in through the core (the sign-in form has its own test) with the task in the sidebar. */
async function signedInWithTask(page: Page, hs: { app: App; sim: HubspotSimulator; open(): Promise<Page> }, subject: string) {
  const me = String(hs.sim.control.state.me.id);
  hs.sim.control.createTask({ hs_task_subject: subject, hubspot_owner_id: me });
  const { token } = hs.sim.control.createPrivateApp();
  const account = await hs.app.hubspot.signInWithPrivateAppToken(token);
  await hs.open();
  await page.getByRole('button', { name: 'Integrations', exact: true }).click();
  const item = page.getByRole('complementary', { name: 'Integrations' }).locator('.source-item', { hasText: subject });
  await expect(item).toBeVisible({ timeout: 15 * POLL_MS });
  return { account, token, item };
}

test('a revoked HubSpot token: the card says why and reconnects in place with a new token; the task stays in the sidebar', async ({ page, hs }) => {
  const { account, token, item } = await signedInWithTask(page, hs, 'Renew the Initech contract');
  hs.sim.control.revoke(token);
  // The next poll gets HubSpot's 401 and marks the account.
  await expect.poll(() => hs.app.hubspot.get(account.id).status, { timeout: 15 * POLL_MS }).toBe('needs_reconnect');

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const card = dialog.getByRole('article', { name: `HubSpot account ${account.email}` });
  await expect(card).toContainText('Needs reconnecting');
  await expect(card).toContainText('HubSpot rejected the private app token. Update your HubSpot token');
  await card.getByRole('button', { name: 'Reconnect', exact: true }).click();

  const form = card.getByRole('form', { name: 'Reconnect HubSpot' });
  // The private app form (the account's kind), with nothing secret filled in; the email is.
  await expect(form.getByLabel('New HubSpot private app token')).toHaveValue('');
  await expect(form.getByLabel('Your HubSpot email (whose tasks to show)')).toHaveValue(account.email!);
  await expect(form.getByLabel('Client secret')).toHaveCount(0);
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);

  // A token HubSpot refuses: the error shows, nothing changes, and the token leaves the page.
  const refused = hs.sim.control.createPrivateApp().token;
  hs.sim.control.revoke(refused);
  await form.getByLabel('New HubSpot private app token').fill(refused);
  await form.getByRole('button', { name: 'Reconnect HubSpot' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'HubSpot rejected this private app token' })).toBeVisible();
  await expect(form.getByLabel('New HubSpot private app token')).toHaveValue('');
  expect(hs.app.hubspot.get(account.id).status).toBe('needs_reconnect');

  const fresh = hs.sim.control.createPrivateApp().token;
  await form.getByLabel('New HubSpot private app token').fill(fresh);
  await form.getByRole('button', { name: 'Reconnect HubSpot' }).click();
  await expect(card).toContainText('Connected');
  await expect(card).not.toContainText('Update your HubSpot token');
  await expect(card.getByRole('button', { name: 'Reconnect', exact: true })).toHaveCount(0);
  await expect(card.getByRole('form', { name: 'Reconnect HubSpot' })).toHaveCount(0);
  expect(await page.content()).not.toContain(fresh);
  expect(hs.app.hubspot.get(account.id)).toMatchObject({ status: 'connected', statusMessage: null });

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(item).toBeVisible();
  // Syncing goes on with the new token: a task created now shows up too.
  hs.sim.control.createTask({ hs_task_subject: 'Send Initech the invoice', hubspot_owner_id: String(hs.sim.control.state.me.id) });
  await expect(page.getByRole('complementary', { name: 'Integrations' }).locator('.source-item', { hasText: 'Send Initech the invoice' })).toBeVisible({ timeout: 15 * POLL_MS });
  await expect(item).toBeVisible();
});

test('the lookback window field on a HubSpot account refuses a bad value and saves a good one, which a reload shows', async ({ page, hs }) => {
  const { account } = await signedInWithTask(page, hs, 'Call Umbrella');
  const openCard = async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    return page.getByRole('dialog', { name: 'Settings' }).getByRole('article', { name: `HubSpot account ${account.email}` });
  };
  let card = await openCard();
  const field = card.getByLabel('Lookback window (minutes)');
  await expect(field).toHaveValue('10');

  await field.fill('2000');
  await field.blur();
  await expect(card.getByText('The lookback window is a whole number of minutes from 0 to 1440.')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  expect(hs.app.hubspot.get(account.id).lookbackMinutes).toBe(10);

  await field.fill('45');
  await field.blur();
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(card.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect(hs.app.hubspot.get(account.id).lookbackMinutes).toBe(45);

  await page.reload();
  await page.locator('[data-rendered-week]').waitFor({ state: 'attached' });
  card = await openCard();
  await expect(card.getByLabel('Lookback window (minutes)')).toHaveValue('45');

  // The start date: HubSpot's own start until a day is picked; "From the start" goes back to it.
  const start = card.getByLabel('Read tasks changed since');
  await expect(start).toHaveValue('2006-06-01');
  await start.fill('2024-03-01');
  await expect.poll(() => hs.app.hubspot.get(account.id).startDate).toBe('2024-03-01');
  await expect(start).toHaveValue('2024-03-01');
  await card.getByRole('button', { name: 'From the start' }).click();
  await expect.poll(() => hs.app.hubspot.get(account.id).startDate).toBeNull();
  await expect(start).toHaveValue('2006-06-01');
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
});

test('a refused HubSpot OAuth renewal raises the reconnect banner, whose Reconnect opens that account’s OAuth form', async ({ page, hs }) => {
  const me = String(hs.sim.control.state.me.id);
  hs.sim.control.createTask({ hs_task_subject: 'Call Globex back', hubspot_owner_id: me });
  const { refresh_token } = hs.sim.control.issueOAuthTokens();
  const account = await hs.app.hubspot.signInWithOAuth({ clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token });
  await hs.open();
  await page.getByRole('button', { name: 'Integrations', exact: true }).click();
  const item = page.getByRole('complementary', { name: 'Integrations' }).locator('.source-item', { hasText: 'Call Globex back' });
  await expect(item).toBeVisible({ timeout: 15 * POLL_MS });
  // "Assigned to me" on the HubSpot list means the signed-in HubSpot owner.
  const mine = page.getByRole('complementary', { name: 'Integrations' }).getByRole('checkbox', { name: 'Assigned to me' });
  await expect(mine).toBeEnabled();
  await mine.check();
  await expect(item).toBeVisible();
  await mine.uncheck();

  hs.sim.control.revoke(refresh_token);
  hs.sim.control.advanceClock(31 * 60_000); // the access token has expired; its renewal is refused
  const banner = page.locator('.reconnect-banner');
  await expect(banner).toContainText('HubSpot disconnected', { timeout: 15 * POLL_MS });
  await expect(banner).toContainText(account.name);
  await expect(page.getByRole('status').filter({ hasText: 'HubSpot disconnected — Reconnect' }).first()).toBeVisible();
  await expect(item).toBeVisible(); // nothing cached is lost

  await banner.getByRole('button', { name: 'Reconnect' }).click();
  const card = page.getByRole('dialog', { name: 'Settings' }).getByRole('article', { name: `HubSpot account ${account.email}` });
  const form = card.getByRole('form', { name: 'Reconnect HubSpot' });
  await expect(form.getByLabel('Client id')).toBeFocused();
  // The card gives HubSpot's reason, as core recorded it.
  const reason = hs.app.hubspot.get(account.id).statusMessage!;
  expect(reason).toMatch(/HubSpot/);
  await expect(card).toContainText(reason);

  const renewed = hs.sim.control.issueOAuthTokens().refresh_token;
  await form.getByLabel('Client id').fill(DEFAULT_CLIENT.clientId);
  await form.getByLabel('Client secret').fill(DEFAULT_CLIENT.clientSecret);
  await form.getByLabel('New refresh token').fill(renewed);
  await form.getByRole('button', { name: 'Reconnect HubSpot' }).click();
  await expect(card).toContainText('Connected');
  await expect(banner).toHaveCount(0);
  expect(hs.app.hubspot.get(account.id).status).toBe('connected');
});
