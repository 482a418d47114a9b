// Settings (week start, working hours, default duration, theme), week navigation, and an
// axe-core audit of every screen: no serious or critical violations.
import { expect, test } from './harness/fixtures';
import { seriousViolations } from './helpers/axe';
import { generatedSourceItems } from './harness/seed';

// Tuesday 24 November 2026, 09:30 on this machine's clock, whatever its zone.
const NOW = new Date(2026, 10, 24, 9, 30);

test('settings change the week start, working hours, default duration and theme', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  await harness.open();
  await expect(page.locator('.fc-col-header-cell').first()).toHaveAttribute('data-date', '2026-11-23');

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Week starts on').selectOption('0');
  await dialog.getByLabel('Default duration (minutes)').fill('45');
  // A working day that ends before it starts cannot be saved.
  // Working hours are picked from 15-minute steps (values in minutes after midnight).
  await dialog.getByLabel('Working day starts').selectOption(String(18 * 60));
  await expect(dialog.getByText('The working day must end after it starts.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();
  await dialog.getByLabel('Working day starts').selectOption(String(8 * 60));
  await dialog.getByLabel('Ends', { exact: true }).selectOption(String(16 * 60));
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  expect(harness.app.settings.get()).toMatchObject({ weekStartsOn: 0, defaultDurationMinutes: 45, workdayStartMinute: 480, workdayEndMinute: 960, theme: 'dark' });
  await expect(page.locator('.fc-col-header-cell').first()).toHaveAttribute('data-date', '2026-11-22');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nov 22 – 28, 2026');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Working hours: 08:00 on a weekday is inside business hours now.
  await expect(page.locator('.fc-non-business').first()).toBeAttached();

  // "Match system" follows the OS.
  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog.getByRole('radio', { name: 'Match system' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('week navigation and Today', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  const task = harness.app.planner.createTask({ title: 'Next week thing' });
  harness.app.planner.addEntry({ taskId: task.id, date: '2026-12-02', startMinute: 600, durationMinutes: 30 });
  await harness.open();
  const range = page.getByRole('heading', { level: 1 });
  await expect(range).toHaveText('Nov 23 – 29, 2026');
  await expect(page.locator('.fc-event[data-entry-id]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(range).toHaveText('Nov 30 – Dec 6, 2026');
  await expect(page.locator('.fc-event[data-entry-id]')).toHaveCount(1);
  await expect(page.getByTestId('week-planned')).toHaveText('30m');
  await page.getByRole('button', { name: 'Previous week' }).click();
  await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(range).toHaveText('Nov 16 – 22, 2026');
  await page.getByRole('button', { name: 'Today' }).click();
  await expect(range).toHaveText('Nov 23 – 29, 2026');
  // The now line is on Tuesday, and the grid opened on the working day (09:00 in view).
  await expect(page.locator('.fc-timegrid-col[data-date="2026-11-24"] .fc-timegrid-now-indicator-line')).toHaveCount(1);
  await expect(page.locator('td.fc-timegrid-slot-lane[data-time="09:00:00"]')).toBeInViewport();
});

test('axe: no serious or critical violations on the week, the sidebar and the dialogs', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.seedSourceItems(generatedSourceItems(300));
  const p = harness.app.planner;
  const a = p.createTask({ title: 'Design review', projectLabel: 'Website redesign' });
  p.addEntry({ taskId: a.id, date: '2026-11-24', startMinute: 600, durationMinutes: 90 });
  const b = p.createTask({ title: 'Standup', projectLabel: 'Internal' });
  p.addEntry({ taskId: b.id, date: '2026-11-24', startMinute: 540, durationMinutes: 15 });
  p.addEntry({ taskId: b.id, date: '2026-11-25', startMinute: 540, durationMinutes: 15 });
  p.completeTask({ taskId: b.id });
  p.createTask({ title: 'Unscheduled one [1h]' });
  await harness.open();
  await expect(page.locator('.fc-event[data-entry-id]')).toHaveCount(3);

  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press('Alt+i');
  await expect(page.getByRole('complementary', { name: 'Integrations' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: /^Place “/ }).first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Place on the calendar' })).toBeVisible();
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Escape');

  // An entry's details, its menu, the shortcuts list and the palette.
  await page.locator('.fc-event[data-entry-id]').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Entry details' })).toBeVisible();
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu')).toBeVisible();
  expect(await seriousViolations(page, '.menu')).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Commands' })).toBeVisible();
  expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Escape');

  // Inline title editing.
  await page.locator('.fc-event[data-entry-id]').first().focus();
  await page.keyboard.press('F2');
  await expect(page.getByRole('textbox', { name: 'Task title' })).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);
});
