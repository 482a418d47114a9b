// Editing entries on the week with the real mouse and the keyboard: move and resize snap to
// 15 minutes, undo/redo restore, Delete removes, F2 and the details panel edit the title.
import { expect, test, type Harness } from './harness/fixtures';
import { drag, entryBlock, readDb, slotPoint, snapHeight } from './helpers/calendar';

// Tuesday 24 November 2026, 09:30 on this machine's clock, whatever its zone.
const NOW = new Date(2026, 10, 24, 9, 30);

function seedEntry(harness: Harness, minutes = 60) {
  const task = harness.app.planner.createTask({ title: 'Design review', projectLabel: 'Website' });
  const entry = harness.app.planner.addEntry({ taskId: task.id, date: '2026-11-24', startMinute: 600, durationMinutes: minutes });
  return { task, entry };
}

const entryRow = (dataDir: string, id: string) => readDb(dataDir).entries.find((e) => e.id === id);

test('move and resize snap to 15 minutes; undo and redo restore each step', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const { entry } = seedEntry(harness);
  await harness.open();
  const block = entryBlock(page, entry.id);
  await expect(block).toBeVisible();
  const step = await snapHeight(page);

  // Move: grab the first 15-minute cell, drop 2.4 cells lower and one day right. The fraction
  // must vanish: Wednesday 10:30, not 10:36.
  const grab = await slotPoint(page, '2026-11-24', 600);
  const wednesday = await slotPoint(page, '2026-11-25', 600);
  await drag(page, grab, { x: wednesday.x, y: grab.y + 2.4 * step });
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ date: '2026-11-25', start_minute: 630, duration_minutes: 60 });
  await expect(entryBlock(page, entry.id)).toHaveAttribute('aria-label', /Wednesday, November 25, 10:30 AM to 11:30 AM, 1h, project Website$/);

  // Resize: pull the bottom edge 1.7 cells down: +30 minutes, not +25.
  const moved = entryBlock(page, entry.id);
  const box = (await moved.boundingBox())!;
  await moved.hover();
  const handle = moved.locator('.fc-event-resizer-end');
  await expect(handle).toBeVisible();
  const h = (await handle.boundingBox())!;
  const from = { x: h.x + h.width / 2, y: h.y + h.height / 2 };
  expect(from.y).toBeGreaterThan(box.y + box.height - 12);
  await drag(page, from, { x: from.x, y: from.y + 1.7 * step });
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ date: '2026-11-25', start_minute: 630, duration_minutes: 90 });

  // Undo the resize, then the move; redo the move.
  await page.keyboard.press('Control+z');
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ date: '2026-11-25', start_minute: 630, duration_minutes: 60 });
  await page.keyboard.press('Control+z');
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ date: '2026-11-24', start_minute: 600, duration_minutes: 60 });
  await expect(entryBlock(page, entry.id)).toHaveAttribute('aria-label', /Tuesday, November 24, 10:00 AM to 11:00 AM, 1h, project Website$/);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ date: '2026-11-25', start_minute: 630 });
  await page.keyboard.press('Control+y');
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ duration_minutes: 90 });
  // The toolbar buttons do the same.
  await page.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ duration_minutes: 60 });
  await expect(page.locator('.toolbar').getByRole('button', { name: 'Redo', exact: true })).toBeEnabled();
});

test('a drop that would run past midnight is refused and nothing changes', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const { entry } = seedEntry(harness, 120);
  await harness.open();
  await expect(entryBlock(page, entry.id)).toBeVisible();
  const grab = await slotPoint(page, '2026-11-24', 600);
  const late = await slotPoint(page, '2026-11-24', 23 * 60 + 15);
  await drag(page, grab, late);
  await page.waitForTimeout(300);
  expect(entryRow(harness.dataDir, entry.id)).toMatchObject({ date: '2026-11-24', start_minute: 600, duration_minutes: 120 });
  // The calendar refused it while dragging: the core was never asked, so no error either.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(entryBlock(page, entry.id)).toHaveAttribute('aria-label', /10:00 AM to 12:00 PM/);
});

test('keyboard: Ctrl+arrows move by 15 minutes and a day, Shift resizes, F2 edits, Delete removes', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const { task, entry } = seedEntry(harness);
  await harness.open();
  const block = entryBlock(page, entry.id);
  await block.focus();

  await page.keyboard.press('Control+ArrowDown');
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ start_minute: 615 });
  await expect(entryBlock(page, entry.id)).toBeFocused();
  await page.keyboard.press('Control+ArrowRight');
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ date: '2026-11-25', start_minute: 615 });
  await expect(entryBlock(page, entry.id)).toBeFocused();
  await page.keyboard.press('Control+ArrowUp');
  await page.keyboard.press('Control+ArrowUp');
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ start_minute: 585 });
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => entryRow(harness.dataDir, entry.id)).toMatchObject({ duration_minutes: 75 });
  await expect(entryBlock(page, entry.id)).toBeFocused();

  // F2 edits the title; the duration syntax is re-parsed by the core for this entry.
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Task title' });
  await expect(editor).toBeFocused();
  await editor.fill('Design review v2 [2h]');
  await editor.press('Enter');
  await expect.poll(() => readDb(harness.dataDir).tasks[0]).toMatchObject({ id: task.id, title: 'Design review v2', scheduled_minutes: 120 });
  expect(entryRow(harness.dataDir, entry.id)).toMatchObject({ duration_minutes: 120 });
  await expect(entryBlock(page, entry.id).locator('.entry-title')).toHaveText('Design review v2');
  await expect(entryBlock(page, entry.id)).toBeFocused();

  // Escape leaves the editor without saving.
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'Task title' }).fill('Not saved');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('textbox', { name: 'Task title' })).toHaveCount(0);
  expect(readDb(harness.dataDir).tasks[0]!.title).toBe('Design review v2');

  // Delete removes the entry (and undo brings it back).
  await entryBlock(page, entry.id).focus();
  await page.keyboard.press('Delete');
  await expect(entryBlock(page, entry.id)).toHaveCount(0);
  expect(readDb(harness.dataDir).entries).toEqual([]);
  await page.keyboard.press('Control+z');
  await expect(entryBlock(page, entry.id)).toHaveCount(1);
});

test('a click opens the details, Rename there edits the title inline; Backspace deletes a clicked entry', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const { entry } = seedEntry(harness);
  await harness.open();
  await entryBlock(page, entry.id).locator('.entry-title').click();
  const details = page.getByRole('dialog', { name: 'Entry details' });
  await expect(details).toBeVisible();
  await details.getByRole('button', { name: 'Rename' }).click();
  await expect(details).toHaveCount(0);
  const editor = page.getByRole('textbox', { name: 'Task title' });
  await expect(editor).toBeFocused();
  await editor.fill('Review [45m]');
  await editor.press('Enter');
  await expect(entryBlock(page, entry.id).locator('.entry-title')).toHaveText('Review');
  expect(entryRow(harness.dataDir, entry.id)).toMatchObject({ duration_minutes: 45 });

  await entryBlock(page, entry.id).click();
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(entryBlock(page, entry.id)).toBeFocused();
  await page.keyboard.press('Backspace');
  await expect(entryBlock(page, entry.id)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Removed “Review” from the calendar' })).toBeVisible();
});

test('renaming: an odd bracket gets a hint, Enter twice keeps it as text, leaving the field keeps the old title', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const { task, entry } = seedEntry(harness);
  await harness.open();
  await entryBlock(page, entry.id).focus();
  await page.keyboard.press('F2');
  const editor = page.getByRole('textbox', { name: 'Task title' });
  await editor.fill('Design review [1h 30]');
  await expect(page.locator('.title-hint')).toContainText("[1h 30] isn't a duration: write it like [1h30m]");
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await editor.press('Enter');
  await expect(editor).toBeVisible();
  await expect(page.locator('.title-hint')).toContainText('Press Enter again to keep it as text.');
  expect(harness.app.planner.getTask({ taskId: task.id }).title).toBe('Design review');
  await editor.press('Enter');
  await expect.poll(() => harness.app.planner.getTask({ taskId: task.id }).title).toBe('Design review [1h 30]');
  expect(entryRow(harness.dataDir, entry.id)).toMatchObject({ duration_minutes: 60 });

  // Tabbing away with an unconfirmed odd bracket saves nothing.
  await entryBlock(page, entry.id).focus();
  await page.keyboard.press('F2');
  await page.getByRole('textbox', { name: 'Task title' }).fill('Review [99h]');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'Task title' })).toHaveCount(0);
  expect(harness.app.planner.getTask({ taskId: task.id }).title).toBe('Design review [1h 30]');
});
