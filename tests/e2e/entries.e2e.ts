// What an entry shows and offers: a one-line short card that ends in an ellipsis, the whole of
// it in the tooltip and the accessible name, the details (with "Open in Hubstaff" through the
// shell's allow-list), the right-click menu, and the opening scroll with its hints.
import { expect, test } from './harness/fixtures';
import { centerOf, drag, entryBlock, readDb, slotPoint } from './helpers/calendar';

// Tuesday 24 November 2026, 09:30 on this machine's clock, whatever its zone.
const NOW = new Date(2026, 10, 24, 9, 30);

test('short entries are one line with an ellipsis; the tooltip and the name hold everything', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const task = harness.app.planner.createTask({ title: 'Documentation for the onboarding checklist', projectLabel: 'Website' });
  const entry = harness.app.planner.addEntry({ taskId: task.id, date: '2026-11-24', startMinute: 600, durationMinutes: 30 });
  await harness.open();
  const block = entryBlock(page, entry.id);
  await expect(block).toHaveAttribute('title', 'Documentation for the onboarding checklist\n10:00 AM – 10:30 AM (30m)\nWebsite');
  await expect(block).toHaveAttribute('aria-label', 'Documentation for the onboarding checklist, Tuesday, November 24, 10:00 AM to 10:30 AM, 30m, project Website');
  const title = block.locator('.entry-title');
  const cut = await title.evaluate((el) => ({
    lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    overflow: getComputedStyle(el).textOverflow,
    clipped: el.scrollWidth > el.clientWidth,
  }));
  expect(cut).toEqual({ lines: 1, overflow: 'ellipsis', clipped: true });
});

test('a click opens the details of a linked entry; Open in Hubstaff goes through the allow-list', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.seedSourceItems([{ externalId: 'T-7', title: 'Fix login bug [45m]', projectName: 'Support', url: 'https://app.hubstaff.com/tasks/T-7' }]);
  const { entry } = harness.app.planner.dropSourceItem({
    item: { provider: 'hubstaff', orgId: '1001', externalId: 'T-7', title: 'Fix login bug [45m]', projectName: 'Support', url: 'https://app.hubstaff.com/tasks/T-7' },
    date: '2026-11-24',
    startMinute: 600,
  });
  await harness.open();
  await entryBlock(page, entry.id).click();
  const details = page.getByRole('dialog', { name: 'Entry details' });
  await expect(details).toContainText('Fix login bug');
  await expect(details).toContainText('Tuesday, November 24, 10:00 AM – 10:45 AM (45m)');
  await expect(details).toContainText('Hubstaff item');
  await expect(details).toContainText('does not change Hubstaff yet');
  await details.getByRole('button', { name: 'Open in Hubstaff' }).click();
  await expect.poll(() => harness.openedUrls).toEqual(['https://app.hubstaff.com/tasks/T-7']);
  await details.getByRole('button', { name: 'Mark done' }).click();
  await expect(details).toHaveCount(0);
  await expect.poll(() => readDb(harness.dataDir).tasks[0]!.status).toBe('done');
  await expect(page.locator('.undo-notice')).toContainText('Completed “Fix login bug”');
  await page.locator('.undo-notice').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => readDb(harness.dataDir).tasks[0]!.status).toBe('open');
});

test('right-click: the menu completes, duplicates and deletes', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const task = harness.app.planner.createTask({ title: 'Design review' });
  const entry = harness.app.planner.addEntry({ taskId: task.id, date: '2026-11-24', startMinute: 600, durationMinutes: 60 });
  await harness.open();
  await entryBlock(page, entry.id).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for Design review' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Done', 'Details', 'Rename', 'Duplicate', 'Delete']);
  await menu.getByRole('menuitem', { name: 'Done' }).click();
  await expect.poll(() => readDb(harness.dataDir).tasks[0]!.status).toBe('done');
  await entryBlock(page, entry.id).click({ button: 'right' });
  await expect(menu.getByRole('menuitem').first()).toHaveText('Mark not done');
  // A click elsewhere closes it.
  await page.locator('.toolbar').click({ position: { x: 400, y: 10 } });
  await expect(menu).toHaveCount(0);
  await entryBlock(page, entry.id).click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect.poll(() => readDb(harness.dataDir).entries).toEqual([]);
  await expect(page.locator('.undo-notice')).toContainText('Removed “Design review” from the calendar');
});

test('the week opens at its earliest entry, and hints point at entries out of sight', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const early = harness.app.planner.createTask({ title: 'Gym' });
  const late = harness.app.planner.createTask({ title: 'Release window' });
  const gym = harness.app.planner.addEntry({ taskId: early.id, date: '2026-11-25', startMinute: 6 * 60, durationMinutes: 60 });
  harness.app.planner.addEntry({ taskId: late.id, date: '2026-11-26', startMinute: 22 * 60, durationMinutes: 60 });
  await harness.open();
  // 06:00 comes before the working day (09:00): the grid opens above it.
  await expect(entryBlock(page, gym.id)).toBeInViewport();
  const later = page.getByRole('button', { name: '↓ 1 later entry' });
  await expect(later).toBeVisible();
  await later.click();
  await expect(page.locator('.fc-event', { hasText: 'Release window' })).toBeInViewport();
  await expect(later).toHaveCount(0);
  await expect(page.getByRole('button', { name: '↑ 1 earlier entry' })).toBeVisible();
});

test('a block that cannot end by midnight: the drag preview stays drawn, the drop is refused and says why', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  harness.app.planner.createTask({ title: 'Offsite [24h]' });
  const task = harness.app.planner.createTask({ title: 'Deploy' });
  const entry = harness.app.planner.addEntry({ taskId: task.id, date: '2026-11-24', startMinute: 20 * 60, durationMinutes: 120 });
  await harness.open();

  // From the task list over 10:00 (and every slot on the way): refused, and the app lives on.
  const row = page.locator('.unscheduled-task', { hasText: 'Offsite' });
  await drag(page, await centerOf(row), await slotPoint(page, '2026-11-25', 10 * 60));
  await expect(page.locator('.undo-notice')).toContainText('“Offsite” (24h) must end by midnight: start it by 12:00 AM.');
  await expect(page.locator('.undo-notice').getByRole('button', { name: /^Undo/ })).toHaveCount(0);
  expect(readDb(harness.dataDir).entries).toHaveLength(1);

  // An entry dragged to 23:00: back where it was, with the reason.
  // (the later slot first: finding it may scroll the grid, which would move the earlier point)
  const late = await slotPoint(page, '2026-11-24', 23 * 60);
  const grab = await slotPoint(page, '2026-11-24', 20 * 60);
  await drag(page, grab, { x: late.x, y: grab.y + (late.y - grab.y) });
  await expect(page.locator('.undo-notice')).toContainText('“Deploy” (2h) must end by midnight: start it by 10:00 PM.');
  expect(readDb(harness.dataDir).entries[0]).toMatchObject({ id: entry.id, start_minute: 20 * 60 });

  // From the keyboard: a block already ending at midnight cannot go later, and says so.
  await expect(entryBlock(page, entry.id)).toHaveCount(1); // the drag's mirror has gone
  await entryBlock(page, entry.id).focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('Control+ArrowDown'); // 20:00 → 22:00
  await expect.poll(() => readDb(harness.dataDir).entries[0]!.start_minute).toBe(22 * 60);
  await page.keyboard.press('Control+ArrowDown');
  await expect(page.locator('.undo-notice')).toContainText('must end by midnight: start it by 10:00 PM');
  await expect(page.locator('.toolbar')).toBeVisible();
  expect(errors).toEqual([]);
});

test('the Undo message always matches what its Undo does', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const a = harness.app.planner.createTask({ title: 'Lunch with Sam' });
  const b = harness.app.planner.createTask({ title: 'Sprint planning' });
  const ea = harness.app.planner.addEntry({ taskId: a.id, date: '2026-11-24', startMinute: 12 * 60, durationMinutes: 60 });
  harness.app.planner.addEntry({ taskId: b.id, date: '2026-11-25', startMinute: 10 * 60, durationMinutes: 60 });
  await harness.open();
  await entryBlock(page, ea.id).focus();
  await page.keyboard.press('Control+ArrowDown');
  await expect(page.locator('.undo-notice')).toContainText('Moved “Lunch with Sam”');
  // A completion with the mouse replaces it (with its own Undo).
  await page.getByRole('checkbox', { name: 'Complete Sprint planning' }).click();
  await expect(page.locator('.undo-notice')).toContainText('Completed “Sprint planning”');
  await expect(page.locator('.undo-notice')).not.toContainText('Moved');
  // Ctrl+Z undoes the completion: the message about it goes.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.undo-notice')).toHaveCount(0);
  await expect.poll(() => harness.app.planner.getTask({ taskId: b.id }).status).toBe('open');
  expect(readDb(harness.dataDir).entries.find((e) => e.id === ea.id)!.start_minute).toBe(12 * 60 + 15);
});
