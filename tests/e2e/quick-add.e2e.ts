import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './harness/fixtures';

test('a task created through the page persists across reload and restart', async ({ page, harness }) => {
  await harness.open();
  await page.getByLabel('New task').fill('Write report [1h30m]');
  await page.getByRole('button', { name: 'Add' }).click();

  const item = page.getByRole('list', { name: 'Unscheduled tasks' }).getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item.locator('.task-title')).toHaveText('Write report');
  await expect(item.locator('.task-duration')).toHaveText('1h 30m');

  await page.reload();
  await expect(page.getByRole('list', { name: 'Unscheduled tasks' }).getByRole('listitem').locator('.task-title')).toHaveText('Write report');

  // It is in SQLite itself, read by an independent connection.
  const db = new Database(join(harness.dataDir, 'stint.db'), { readonly: true });
  const rows = db.prepare('SELECT title, scheduled_minutes FROM tasks').all();
  db.close();
  expect(rows).toEqual([{ title: 'Write report', scheduled_minutes: 90 }]);

  // And a restarted core serves it to a fresh page.
  await harness.restart();
  await harness.open();
  await expect(page.getByRole('list', { name: 'Unscheduled tasks' }).getByRole('listitem').locator('.task-title')).toHaveText('Write report');
});

test('invalid input from the page is refused with a typed error and nothing is stored', async ({ page, harness }) => {
  await harness.open();
  // The page says what is missing before asking main; main refuses it on its own as well.
  await page.getByLabel('New task').fill('[1h]');
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page.locator('.quick-add-hints')).toContainText('Add a title before the duration');
  expect(harness.app.planner.listTasks()).toEqual([]);

  const results = await page.evaluate(async () => [
    await window.stint.invoke('planner.createTask', { title: 42 } as never),
    await window.stint.invoke('planner.createTask', { title: '[1h]' }),
    await window.stint.invoke('planner.createTask', { title: '\u0000\u202e' }),
    await window.stint.invoke('planner.moveEntry', { entryId: 'nope', date: '2026-02-30', startMinute: 10 }),
    await window.stint.invoke('nope' as never),
  ]);
  expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['invalid_argument', 'invalid_argument', 'invalid_argument', 'invalid_argument', 'invalid_argument']);
  expect(harness.app.planner.listTasks()).toEqual([]);
});

test('a bracket that is not a duration gets a hint while typing and stays title text only when chosen', async ({ page, harness }) => {
  await harness.open();
  const box = page.getByLabel('New task');
  const hints = page.locator('.quick-add-hints');
  for (const [typed, hint] of [
    ['Plan offsite [99h]', "[99h] can't be planned: up to [24h]"],
    ['Plan offsite [0m]', '[0m] is too short: at least [1m]'],
    ['Plan offsite [1h 30]', "[1h 30] isn't a duration: write it like [1h30m]"],
    ['Plan offsite []', '[] is empty'],
  ] as const) {
    await box.fill(typed);
    await expect(hints).toContainText(hint);
    await expect(box).toHaveAttribute('aria-invalid', 'true');
  }
  // Enter does not add it as it is…
  await box.press('Enter');
  await expect(hints).toContainText('[] is empty');
  expect(harness.app.planner.listTasks()).toEqual([]);
  // …until the person keeps the brackets as text.
  await box.fill('Plan offsite [99h]');
  await page.getByRole('button', { name: 'Keep [99h] as title text' }).click();
  await box.press('Enter');
  await expect.poll(() => harness.app.planner.listTasks().map((t) => [t.title, t.scheduledMinutes])).toEqual([['Plan offsite [99h]', null]]);
  // [WIP] is not a duration attempt: no hint. A 24-hour block says where it can go.
  await box.fill('Migration [WIP] [24h]');
  await expect(hints).not.toContainText("isn't");
  await expect(hints).toContainText('A 24h block fills the day: it can only start at 12:00 AM.');
  await expect(hints).toContainText('Adds “Migration [WIP]”, 24h');
});
