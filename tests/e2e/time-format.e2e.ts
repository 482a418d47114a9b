// One time format across the window: the Settings choice (12-hour, 24-hour, or the OS locale's)
// words the working hours in Settings and the start times of the Place dialog; the Place dialog
// only offers starts where the block ends by midnight, and says so. And a load of the app logs
// no console error (the CSP lets FullCalendar's own stylesheet load).
import { expect, test } from './harness/fixtures';

// Tuesday 24 November 2026, 09:30 on this machine's clock, whatever its zone.
const NOW = new Date(2026, 10, 24, 9, 30);

test.use({ viewport: { width: 1440, height: 900 } });

test('loading the app logs no console error and no CSP violation', async ({ page, harness }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text().slice(0, 200));
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // zod asks once whether eval is allowed (new Function in a try) and, told no, validates
      // without it: the policy doing its job, and nothing the console shows.
      if (e.blockedURI === 'eval') return;
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI.slice(0, 40)}`);
    });
  });
  await harness.pinClock(page, NOW);
  await harness.open();
  await expect(page.locator('.fc-timegrid-slot-label').first()).toBeVisible();
  // FullCalendar's own stylesheet, icon font and all, is in the page: the fix did not drop it.
  expect(await page.evaluate(() => [...(document.querySelector<HTMLStyleElement>('style[data-fullcalendar]')?.sheet?.cssRules ?? [])].some((r) => r.cssText.startsWith('@font-face')))).toBe(true);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  expect(problems).toEqual([]);
});

test('the time format in Settings words the working hours there and the Place dialog’s start times', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.app.planner.createTask({ title: 'Write the report [1h]' });
  await harness.open();

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const format = dialog.getByLabel('Time format');
  const starts = dialog.getByLabel('Working day starts');
  const ends = dialog.getByLabel('Ends', { exact: true });
  const picked = (select: typeof starts) => select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent);

  // Picking a format words the working hours in it at once, before saving.
  await format.selectOption('24h');
  expect(await picked(starts)).toBe('09:00');
  expect(await picked(ends)).toBe('17:00');
  await expect(starts.locator('option').nth(64)).toHaveText('16:00');
  await format.selectOption('12h');
  expect(await picked(starts)).toBe('9:00 AM');
  expect(await picked(ends)).toBe('5:00 PM');
  await expect(starts.locator('option').nth(64)).toHaveText('4:00 PM');
  // The working hours are picked by label, in 15-minute steps.
  await starts.selectOption({ label: '8:30 AM' });
  await ends.selectOption({ label: '4:45 PM' });
  await dialog.getByRole('checkbox', { name: 'Hide weekends' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  expect(harness.app.settings.get()).toMatchObject({ timeFormat: '12h', hideWeekends: true, workdayStartMinute: 510, workdayEndMinute: 1005 });

  // The Place dialog words its start times the same way, starting at the working day.
  const unscheduled = page.getByRole('list', { name: 'Unscheduled tasks' });
  const openPlace = async () => {
    await unscheduled.getByRole('button', { name: /^Place “Write the report/ }).click();
    const place = page.getByRole('dialog', { name: 'Place on the calendar' });
    await expect(place).toBeVisible();
    return place;
  };
  let place = await openPlace();
  let start = place.getByLabel('Start');
  expect(await picked(start)).toBe('8:30 AM');
  // A 1h block ends by midnight: 11:00 PM is the last start offered, and the dialog says why.
  await expect(start.locator('option').last()).toHaveText('11:00 PM');
  await expect(place.getByText('A 1h block must start by 11:00 PM: entries end by midnight.')).toBeVisible();
  await page.keyboard.press('Escape');

  // 24-hour, saved, rewords both.
  await page.getByRole('button', { name: 'Settings' }).click();
  await format.selectOption('24h');
  expect(await picked(starts)).toBe('08:30');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  place = await openPlace();
  start = place.getByLabel('Start');
  expect(await picked(start)).toBe('08:30');
  await expect(start.locator('option').last()).toHaveText('23:00');
  await expect(place.getByText('A 1h block must start by 23:00: entries end by midnight.')).toBeVisible();
  // Placing at a time picked by its label puts the entry there.
  await start.selectOption({ label: '14:15' });
  await place.getByRole('button', { name: 'Place' }).click();
  await expect(place).toBeHidden();
  const entries = harness.app.db.prepare('SELECT start_minute, duration_minutes FROM entries').all();
  expect(entries).toEqual([{ start_minute: 14 * 60 + 15, duration_minutes: 60 }]);
});

test('a 24h block can only start at midnight, and the Place dialog says so', async ({ page, harness }) => {
  await harness.pinClock(page, NOW);
  harness.app.settings.update({ timeFormat: '24h' });
  harness.app.planner.createTask({ title: 'Offsite [24h]' });
  await harness.open();
  await page.getByRole('list', { name: 'Unscheduled tasks' }).getByRole('button', { name: /^Place “Offsite/ }).click();
  const place = page.getByRole('dialog', { name: 'Place on the calendar' });
  const start = place.getByLabel('Start');
  await expect(start.locator('option')).toHaveText(['00:00']);
  const note = place.getByText('A 24h block must start at 00:00: entries end by midnight.');
  await expect(note).toBeVisible();
  await expect(start).toHaveAttribute('aria-describedby', (await note.getAttribute('id'))!);
  await place.getByRole('button', { name: 'Place' }).click();
  await expect(place).toBeHidden();
  expect(harness.app.db.prepare('SELECT start_minute, duration_minutes FROM entries').all()).toEqual([{ start_minute: 0, duration_minutes: 1440 }]);
  // No error came back: the block fits its day.
  await expect(page.getByRole('alert')).toHaveCount(0);
});
