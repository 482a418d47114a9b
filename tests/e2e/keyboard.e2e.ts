// The keyboard alone, as someone who never touches the mouse uses Stint: open the
// integrations, find an item, place it, move it, complete it, undo; go between entries; the
// details, the actions menu, the shortcuts list and the command palette.
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { readDb } from './helpers/calendar';

// Tuesday 24 November 2026, 09:30 on this machine's clock, whatever its zone.
const NOW = new Date(2026, 10, 24, 9, 30);

/** Presses Tab until the focus is on the element named `name` (at most `max` times). */
async function tabTo(page: Page, name: string, max = 15): Promise<void> {
  for (let i = 0; i < max; i++) {
    const label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    if (label === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

const focusedEntryId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.entryId ?? null);

test('keyboard only: find an item, place it, move it, complete it, undo', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.seedSourceItems([
    { externalId: 'T-1', title: 'Write report [1h30m]', projectName: 'Client: Acme' },
    { externalId: 'T-2', title: 'Fix login bug', projectName: 'Support' },
  ]);
  const other = harness.app.planner.createTask({ title: 'Standup' });
  const standup = harness.app.planner.addEntry({ taskId: other.id, date: '2026-11-24', startMinute: 9 * 60, durationMinutes: 15 });
  await harness.open();

  // Alt+I opens the integrations with the focus in their search.
  await page.keyboard.press('Alt+i');
  const search = page.getByRole('searchbox', { name: 'Search items' });
  await expect(search).toBeFocused();
  await page.keyboard.type('report');
  await expect(page.locator('.source-item')).toHaveCount(1);
  await tabTo(page, 'Place “Write report” on the calendar');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Place on the calendar' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('ArrowDown'); // the day after today: Wednesday
  await expect(dialog.getByRole('combobox', { name: 'Day' })).toHaveValue('2026-11-25');
  await tabTo(page, 'Place');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // The placed entry has the focus.
  await expect.poll(() => readDb(harness.dataDir).entries.length).toBe(2);
  const placed = readDb(harness.dataDir).entries.find((e) => e.date === '2026-11-25')!;
  expect(placed).toMatchObject({ start_minute: 9 * 60, duration_minutes: 90 });
  await expect.poll(() => focusedEntryId(page)).toBe(placed.id);

  // Ctrl+↓ moves it 15 minutes; the message says so, with Undo.
  await page.keyboard.press('Control+ArrowDown');
  await expect.poll(() => readDb(harness.dataDir).entries.find((e) => e.id === placed.id)?.start_minute).toBe(9 * 60 + 15);
  await expect(page.locator('.undo-notice')).toContainText('Moved “Write report” to Wed 9:15 AM');
  expect(await focusedEntryId(page)).toBe(placed.id);

  // Space completes it.
  await page.keyboard.press('Space');
  await expect.poll(() => readDb(harness.dataDir).tasks.find((t) => t.source_external_id === 'T-1')?.status).toBe('done');
  await expect(page.locator('.undo-notice')).toContainText('Completed “Write report”');
  await expect.poll(() => focusedEntryId(page)).toBe(placed.id);

  // Undo brings it back to open, then the move back too.
  await page.keyboard.press('Control+z');
  await expect.poll(() => readDb(harness.dataDir).tasks.find((t) => t.source_external_id === 'T-1')?.status).toBe('open');
  await page.keyboard.press('Control+z');
  await expect.poll(() => readDb(harness.dataDir).entries.find((e) => e.id === placed.id)?.start_minute).toBe(9 * 60);

  // Escape closes the integrations.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Integrations' })).toHaveCount(0);

  // Arrows go between entries: ← to Tuesday's standup, → back.
  await page.locator(`.fc-event[data-entry-id="${placed.id}"]`).waitFor();
  await page.evaluate((id) => document.querySelector<HTMLElement>(`.fc-event[data-entry-id="${id}"]`)?.focus(), placed.id);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => focusedEntryId(page)).toBe(standup.id);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => focusedEntryId(page)).toBe(placed.id);
});

test('keyboard only: details, the actions menu, delete with Undo, the shortcuts list, the palette, changing weeks', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const task = harness.app.planner.createTask({ title: 'Design review', projectLabel: 'Website' });
  const entry = harness.app.planner.addEntry({ taskId: task.id, date: '2026-11-24', startMinute: 600, durationMinutes: 60 });
  await harness.open();
  const block = page.locator(`.fc-event[data-entry-id="${entry.id}"]`);
  // Tab reaches the entry.
  await tabTo(page, await block.getAttribute('aria-label').then((l) => l!), 40);

  // Enter: the details; Escape: back on the entry.
  await page.keyboard.press('Enter');
  const details = page.getByRole('dialog', { name: 'Entry details' });
  await expect(details).toContainText('Design review');
  await expect(details).toContainText('Website');
  await expect(details).toContainText('Made in Stint');
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(block).toBeFocused();

  // Shift+F10: the menu; Duplicate makes a second entry right after.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for Design review' });
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await expect(menu.getByRole('menuitem')).toHaveText(['Done', 'Details', 'Rename', 'Duplicate', 'Delete']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect.poll(() => readDb(harness.dataDir).entries.map((e) => [e.start_minute, e.duration_minutes])).toEqual([
    [600, 60],
    [660, 60],
  ]);
  const copy = readDb(harness.dataDir).entries[1]!;
  await expect.poll(() => focusedEntryId(page)).toBe(copy.id);

  // Delete: gone, the message offers Undo, the focus moves to the entry above.
  await page.keyboard.press('Delete');
  await expect(page.locator(`.fc-event[data-entry-id="${copy.id}"]`)).toHaveCount(0);
  await expect(page.locator('.undo-notice')).toContainText('Removed “Design review” from the calendar');
  await expect.poll(() => focusedEntryId(page)).toBe(entry.id);
  await page.keyboard.press('Control+z');
  await expect(page.locator(`.fc-event[data-entry-id="${copy.id}"]`)).toHaveCount(1);

  // ?: every shortcut.
  await page.keyboard.press('?');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toContainText('Command palette');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);

  // Alt+→ the next week, T today.
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page.locator('.week-range')).toHaveText('Nov 30 – Dec 6, 2026');
  await page.keyboard.press('t');
  await expect(page.locator('.week-range')).toHaveText('Nov 23 – 29, 2026');

  // Ctrl+K: the palette runs any action by name.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Commands' });
  await expect(palette.getByRole('combobox', { name: 'Search commands' })).toBeFocused();
  await page.keyboard.type('show one day');
  await expect(palette.getByRole('option')).toHaveText(['Show one dayD']);
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.locator('td.fc-timegrid-col[data-date]')).toHaveCount(1);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('week');
  await expect(palette.getByRole('option').nth(0)).toContainText('Previous week');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(palette.getByRole('option', { selected: true })).toContainText('Show the week');
  await page.keyboard.press('Enter');
  await expect(page.locator('td.fc-timegrid-col[data-date]')).toHaveCount(7);
});
