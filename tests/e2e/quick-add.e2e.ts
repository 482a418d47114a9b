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
  await page.getByLabel('New task').fill('[1h]');
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('alert')).toContainText('needs a title');

  const results = await page.evaluate(async () => [
    await window.stint.invoke('planner.createTask', { title: 42 } as never),
    await window.stint.invoke('planner.moveEntry', { entryId: 'nope', date: '2026-02-30', startMinute: 10 }),
    await window.stint.invoke('nope' as never),
  ]);
  expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['invalid_argument', 'invalid_argument', 'invalid_argument']);
  expect(harness.app.planner.listTasks()).toEqual([]);
});
