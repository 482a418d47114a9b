// Dragging integration items onto the week with the real mouse: HourStack's drop rules and the
// title syntax, persisted in SQLite (read back through a separate connection).
import { expect, test } from './harness/fixtures';
import { centerOf, drag, readDb, slotPoint } from './helpers/calendar';

// Tuesday 24 November 2026, 09:30 on this machine's clock, whatever its zone: the week shown
// is Mon 23 – Sun 29.
const NOW = new Date(2026, 10, 24, 9, 30);

test('dropping a Hubstaff item: linked task, second entry while open, new task once done', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.seedSourceItems([
    { externalId: 'T-1', title: 'Write report [1h30m]', projectName: 'Client: Acme', url: 'https://app.hubstaff.com/tasks/T-1' },
    { externalId: 'T-2', title: 'Unrelated item', projectName: 'Client: Acme' },
  ]);
  await harness.open();
  await page.getByRole('button', { name: 'Integrations', exact: true }).click();
  const sidebar = page.getByRole('complementary', { name: 'Integrations' });
  const item = sidebar.locator('.source-item', { hasText: 'Write report' });
  await expect(item).toBeVisible();
  await expect(item.locator('.badge')).toHaveText('1h 30m');

  // 1. Onto Tuesday 10:00: a linked task "Write report" with a 90-minute entry.
  await drag(page, await centerOf(item), await slotPoint(page, '2026-11-24', 10 * 60));
  const blocks = page.locator('.fc-event[data-entry-id]');
  await expect(blocks).toHaveCount(1);
  await expect(blocks.first()).toHaveAttribute('aria-label', /^Write report, Tuesday, November 24, 10:00 AM to 11:30 AM, 1h 30m, project Client: Acme$/);
  let db = readDb(harness.dataDir);
  expect(db.tasks).toEqual([
    expect.objectContaining({ title: 'Write report', status: 'open', scheduled_minutes: 90, source_provider: 'hubstaff', source_external_id: 'T-1' }),
  ]);
  expect(db.entries).toEqual([expect.objectContaining({ task_id: db.tasks[0]!.id, date: '2026-11-24', start_minute: 600, duration_minutes: 90 })]);
  await expect(item.locator('.planned-mark')).toBeVisible();
  await expect(sidebar.locator('.source-item', { hasText: 'Unrelated item' }).locator('.planned-mark')).toHaveCount(0);
  await expect(page.locator('.day-header[data-day="2026-11-24"] .day-planned')).toHaveText('Planned 1h 30m');

  // 2. Again, while the task is open: a second entry on the same task.
  await drag(page, await centerOf(item), await slotPoint(page, '2026-11-26', 14 * 60));
  await expect(blocks).toHaveCount(2);
  db = readDb(harness.dataDir);
  expect(db.tasks).toHaveLength(1);
  expect(db.entries.map((e) => [e.task_id, e.date, e.start_minute, e.duration_minutes])).toEqual([
    [db.tasks[0]!.id, '2026-11-24', 600, 90],
    [db.tasks[0]!.id, '2026-11-26', 840, 90],
  ]);

  // 3. Complete the task with an entry's checkbox, drop again: a new task, linked to the same item.
  await page.getByRole('checkbox', { name: 'Complete Write report' }).first().click();
  await expect(page.getByRole('checkbox', { name: 'Reopen Write report' })).toHaveCount(2);
  expect(readDb(harness.dataDir).tasks[0]!.status).toBe('done');
  await drag(page, await centerOf(item), await slotPoint(page, '2026-11-25', 9 * 60));
  await expect(blocks).toHaveCount(3);
  db = readDb(harness.dataDir);
  expect(db.tasks.map((t) => [t.title, t.status, t.source_external_id])).toEqual([
    ['Write report', 'done', 'T-1'],
    ['Write report', 'open', 'T-1'],
  ]);
  const wednesday = db.entries.find((e) => e.date === '2026-11-25');
  expect(wednesday).toMatchObject({ task_id: db.tasks[1]!.id, start_minute: 540, duration_minutes: 90 });
  await expect(page.getByTestId('week-planned')).toHaveText('4h 30m');
});

test('a local task from quick add drags onto the week with its own duration', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  await harness.open();
  await page.getByLabel('New task').fill('Write report [1h30m]');
  await page.getByRole('button', { name: 'Add' }).click();
  const row = page.getByRole('list', { name: 'Unscheduled tasks' }).getByRole('listitem');
  await expect(row).toHaveCount(1);

  await drag(page, await centerOf(row.locator('.task-title')), await slotPoint(page, '2026-11-24', 13 * 60 + 15));
  await expect(page.locator('.fc-event[data-entry-id]')).toHaveCount(1);
  await expect(row).toHaveCount(0); // scheduled now
  const db = readDb(harness.dataDir);
  expect(db.tasks).toEqual([expect.objectContaining({ title: 'Write report', source_provider: null })]);
  expect(db.entries).toEqual([expect.objectContaining({ date: '2026-11-24', start_minute: 795, duration_minutes: 90 })]);
});
