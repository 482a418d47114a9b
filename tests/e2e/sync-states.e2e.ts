// Sync states with the Hubstaff simulator behind the core: sign in through the page with a
// personal access token and pick the organization; the sidebar fills from sync and the week
// shows tracked time; a revoked grant raises the reconnect banner within a poll, reconnecting
// through the page clears it with the plan intact; with the simulator gone the status bar says
// offline, the week still renders and edits still save.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { localToday } from '../../src/common/dates';
import type { TrackedWeekPayload } from '../../src/common/ipc/tracked-schemas';
import { ROOT } from './harness/global-setup';
import { expect, POLL_MS, test } from './harness/sync-fixtures';
import { seriousViolations } from './helpers/axe';

test.use({ viewport: { width: 1440, height: 900 } });

/** Several polls, for a loaded 2-core machine: the assertion is "soon", not a timing. */
const WITHIN_A_POLL = { timeout: 15 * POLL_MS };

test('sign in, sync, revoke and reconnect, then go offline: the plan survives every state', async ({ page, sync }) => {
  const { app, sim } = sync;
  await sync.open();
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveText('Not connected to Hubstaff');

  // Sign in through Settings with a personal access token, then pick the organization.
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Personal access token').fill(sim.control.issuePersonalAccessToken());
  await dialog.getByRole('button', { name: 'Sign in with personal token' }).click();
  const me = sim.control.me() as { id: number; name: string };
  const card = dialog.getByRole('article', { name: `${me.name} account` });
  await expect(card).toBeVisible();
  const [orgId] = sim.control.myOrganizationIds();
  const orgBox = card.getByRole('checkbox', { name: new RegExp(`#${orgId}\\b`) });
  await orgBox.check();
  await card.getByRole('button', { name: 'Save organizations' }).click();
  await expect.poll(() => app.accounts.list()[0]?.organizations.map((o) => o.id)).toEqual([orgId]);
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The sync fills the sidebar with the organization's to-dos, and the status says so.
  await page.keyboard.press('Alt+i');
  const sidebar = page.getByRole('complementary', { name: 'Integrations' });
  await expect(sidebar.locator('.source-item').first()).toBeVisible({ timeout: 30_000 });
  await expect(status).toHaveText(/^Synced \d+ (s|min) ago$/, { timeout: 30_000 });
  // "Assigned to me" is the signed-in Hubstaff user's.
  const mine = app.sourceItems.list({ assignedTo: String(me.id) });
  await sidebar.getByRole('checkbox', { name: 'Assigned to me' }).check();
  if (mine.length > 0) await expect(sidebar.locator('.source-item').first()).toBeVisible();
  else await expect(sidebar.locator('.source-item')).toHaveCount(0);
  await sidebar.getByRole('checkbox', { name: 'Assigned to me' }).uncheck();

  // Tracked time is the core's figure for the shown week, in minutes per day, summed.
  const trackedWeek = (await app.dispatch('tracked.getWeek', { date: localToday(app.clock.now()) })) as { ok: true; value: TrackedWeekPayload };
  const expectedMinutes = trackedWeek.value.days.reduce((sum, d) => sum + Math.round(d.trackedSeconds / 60), 0);
  await expect(page.getByTestId('week-tracked')).toBeVisible();
  const shown = await page.getByTestId('week-tracked').textContent();
  const parsed = /^(?:(\d+)h)? ?(?:(\d+)m)?$/.exec(shown ?? '');
  expect(parsed).not.toBeNull();
  expect(Number(parsed![1] ?? 0) * 60 + Number(parsed![2] ?? 0)).toBe(expectedMinutes);

  // Plan a Hubstaff item for today: it must survive the disconnect and the reconnect.
  const item = app.sourceItems.list({ limit: 1 })[0]!;
  const dropped = await app.dispatch('planner.dropSourceItem', { provider: 'hubstaff', orgId: item.orgId, externalId: item.externalId, date: localToday(app.clock.now()), startMinute: 600 });
  expect(dropped.ok).toBe(true);
  const entry = page.locator('.fc-event[data-entry-id]');
  await expect(entry).toHaveCount(1);
  const entryId = await entry.getAttribute('data-entry-id');

  // Revoke the grant: the next poll gets a 401 and the banner goes up.
  expect(sim.control.revokeGrant(me.id)).toBeGreaterThan(0);
  const banner = page.getByRole('alert').filter({ hasText: 'Hubstaff disconnected' });
  await expect(banner).toBeVisible(WITHIN_A_POLL);
  await expect(status).toHaveText('Hubstaff disconnected — Reconnect');
  expect(await seriousViolations(page)).toEqual([]);
  mkdirSync(resolve(ROOT, 'docs/screenshots'), { recursive: true });
  await page.screenshot({ path: resolve(ROOT, 'docs/screenshots/reconnect-banner.png') });

  // Reconnect through the page with a fresh token: the banner opens the account's reconnect flow.
  await banner.getByRole('button', { name: 'Reconnect' }).click();
  await expect(dialog).toBeVisible();
  const reconnect = dialog.getByRole('region', { name: 'Reconnect' });
  await expect(reconnect.getByLabel('Personal access token')).toBeFocused();
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  await reconnect.getByLabel('Personal access token').fill(sim.control.issuePersonalAccessToken());
  await reconnect.getByRole('button', { name: 'Reconnect with personal token' }).click();
  await expect(banner).toBeHidden(WITHIN_A_POLL);
  await expect(card.locator('.badge')).toHaveText('Connected');
  await page.keyboard.press('Escape');
  await expect(status).toHaveText(/^Synced \d+ (s|min) ago$/, { timeout: 30_000 });
  // The plan is intact: the same entry, on screen and in SQLite.
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-entry-id', entryId!);
  expect(app.db.prepare('SELECT COUNT(*) FROM entries').pluck().get()).toBe(1);

  // The network goes away: the status bar says offline, the week still renders, edits save.
  await sync.stopSimulator();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.locator('.status-bar')).toHaveAttribute('data-sync-state', 'offline', WITHIN_A_POLL);
  // The time is in the window's time format ('system': the locale's 12 or 24 hour clock).
  await expect(status).toHaveText(/^Offline — showing data from (\d\d:\d\d|1?\d:\d\d [AP]M)$/);
  await expect(entry).toHaveCount(1);
  await page.getByLabel('New task').fill('Offline notes [30m]');
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('list', { name: 'Unscheduled tasks' }).getByRole('listitem').locator('.task-title')).toHaveText('Offline notes');
  expect(app.planner.listTasks().map((t) => t.title)).toContain('Offline notes');
  // And a move saves too: 15 minutes later, from the keyboard.
  await entry.focus();
  await page.keyboard.press('Control+ArrowDown');
  await expect.poll(() => app.db.prepare('SELECT start_minute FROM entries WHERE id = ?').pluck().get(entryId)).toBe(615);
});
