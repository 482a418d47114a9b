// The integrations sidebar: Alt+I and the button, grouping, search and filters over 5,000
// items (virtualised: only what is on screen is in the DOM), the "planned" mark, and placing an
// item from the keyboard.
import { expect, test } from './harness/fixtures';
import { generatedSourceItems } from './harness/seed';
import { readDb } from './helpers/calendar';

// Tuesday 24 November 2026, 09:30 on this machine's clock, whatever its zone.
const NOW = new Date(2026, 10, 24, 9, 30);
const ITEMS = generatedSourceItems(5000);

test('5,000 items: virtualised, grouped by project, searchable and filterable', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.seedSourceItems(ITEMS);
  await harness.open(page, { query: 'user=42' });

  const toggle = page.getByRole('button', { name: 'Integrations', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Alt+i');
  const sidebar = page.getByRole('complementary', { name: 'Integrations' });
  await expect(sidebar).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(sidebar.locator('.sidebar-count')).toHaveText('5000 Hubstaff items');
  // Only a screenful of rows exists, not 5,000.
  const rendered = await sidebar.getByRole('listitem').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  // Grouped by project, alphabetically: "Client: Acme" comes first.
  await expect(sidebar.locator('.project-header').first()).toContainText('Client: Acme');

  // Search narrows the list (title or project, case-insensitive).
  const search = sidebar.getByRole('searchbox', { name: 'Search items' });
  await search.fill('PRICING page #12');
  const expected = ITEMS.filter((i) => i.title.toLowerCase().includes('pricing page #12'));
  await expect(sidebar.locator('.sidebar-count')).toHaveText(`${expected.length} Hubstaff items`);
  await expect(sidebar.locator('.source-item')).toHaveCount(expected.length);

  // Assigned to me (user 42 from the address, until accounts provide it).
  await sidebar.getByRole('checkbox', { name: 'Assigned to me' }).check();
  const mine = expected.filter((i) => i.assigneeIds!.includes('42'));
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.length).toBeLessThan(expected.length);
  await expect(sidebar.locator('.sidebar-count')).toHaveText(`${mine.length} Hubstaff item${mine.length === 1 ? '' : 's'}`);

  // Status.
  await sidebar.getByRole('checkbox', { name: 'Assigned to me' }).uncheck();
  await search.fill('');
  await sidebar.getByRole('combobox', { name: 'Status' }).selectOption('completed');
  const completed = ITEMS.filter((i) => i.status === 'completed').length;
  await expect(sidebar.locator('.sidebar-count')).toHaveText(`${completed} Hubstaff items`);
  await expect(sidebar.locator('.source-item .badge.is-muted').first()).toHaveText('completed');

  // Scrolling deep into the list renders the rows there.
  await sidebar.getByRole('combobox', { name: 'Status' }).selectOption('');
  await sidebar.locator('.sidebar-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
  const lastGroup = ITEMS.filter((i) => i.projectName === 'Website redesign').map((i) => i.title.replace(/ \[\dh\]$/, ''));
  const lastTitle = lastGroup.sort((a, b) => a.localeCompare(b)).at(-1)!;
  await expect(sidebar.locator('.source-title').last()).toHaveText(lastTitle);
  await expect(sidebar.locator('.source-title').last()).toBeInViewport();

  // The button closes it again.
  await toggle.click();
  await expect(sidebar).toHaveCount(0);
});

test('more items than the sidebar loads: it says how many it shows of how many', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.seedSourceItems(generatedSourceItems(20_050));
  await harness.open(page, { query: 'user=42' });
  await page.keyboard.press('Alt+i');
  const sidebar = page.getByRole('complementary', { name: 'Integrations' });
  // Digits grouped as the page's locale groups them.
  await expect(sidebar.getByRole('note')).toHaveText(/^Showing the first 20\D?000 of 20\D?050 items; search and filters look in these only\.$/);
});

test('without a signed-in user, "Assigned to me" is disabled', async ({ page, harness }) => {
  harness.seedSourceItems(ITEMS.slice(0, 10));
  await harness.open();
  await page.getByRole('button', { name: 'Integrations', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Assigned to me' })).toBeDisabled();
});

test('keyboard only: place a sidebar item and an unscheduled task through the Place dialog', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.seedSourceItems([{ externalId: 'T-9', title: 'Write report [1h30m]', projectName: 'Client: Acme' }]);
  await harness.open();
  await page.keyboard.press('Alt+i');
  const place = page.getByRole('button', { name: 'Place “Write report” on the calendar' });
  await place.focus();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Place on the calendar' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Day' })).toBeFocused();
  await expect(dialog.getByRole('combobox', { name: 'Day' })).toHaveValue('2026-11-24'); // today
  await dialog.getByRole('combobox', { name: 'Day' }).selectOption('2026-11-26');
  await dialog.getByLabel('Start').selectOption(String(14 * 60 + 30));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.fc-event[data-entry-id]')).toHaveCount(1);
  let db = readDb(harness.dataDir);
  expect(db.tasks).toEqual([expect.objectContaining({ title: 'Write report', source_external_id: 'T-9' })]);
  expect(db.entries).toEqual([expect.objectContaining({ date: '2026-11-26', start_minute: 870, duration_minutes: 90 })]);
  // The placed entry has the focus: the next keys (move, Space, Enter) act on it.
  await expect(page.locator(`.fc-event[data-entry-id="${db.entries[0]!.id}"]`)).toBeFocused();

  // Escape closes the dialog without placing anything.
  await place.focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(readDb(harness.dataDir).entries).toHaveLength(1);

  // An unscheduled task, the same way.
  await page.getByLabel('New task').fill('Call Sam [45m]');
  await page.keyboard.press('Enter');
  const placeTask = page.getByRole('button', { name: 'Place “Call Sam” on the calendar' });
  await placeTask.focus();
  await page.keyboard.press('Enter');
  await dialog.getByLabel('Start').selectOption(String(8 * 60));
  await dialog.getByRole('button', { name: 'Place' }).press('Enter');
  await expect(page.locator('.fc-event[data-entry-id]')).toHaveCount(2);
  db = readDb(harness.dataDir);
  expect(db.entries.find((e) => e.start_minute === 480)).toMatchObject({ date: '2026-11-24', duration_minutes: 45 });
});
