// Screenshots of a realistic week for the README (docs/screenshots/), light and dark, and with
// the integrations sidebar open. The clock is pinned so they are the same on every run.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Planner } from '../../src/main/core/planner/planner';
import { expect, test } from './harness/fixtures';
import { ROOT } from './harness/global-setup';

const OUT = resolve(ROOT, 'docs/screenshots');
// The page runs in the machine's zone, like the core: every instant here is local time.
test.use({ viewport: { width: 1440, height: 900 } });

function seedWeek(p: Planner) {
  const plan = (title: string, project: string, slots: [string, string, number][], done = false) => {
    const t = p.createTask({ title, projectLabel: project });
    for (const [date, at, minutes] of slots) {
      const [h, m] = at.split(':').map(Number) as [number, number];
      p.addEntry({ taskId: t.id, date, startMinute: h * 60 + m, durationMinutes: minutes });
    }
    if (done) p.completeTask({ taskId: t.id });
  };
  const weekdays = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
  plan('Standup', 'Internal', weekdays.map((d) => [d, '09:00', 15]));
  plan('Homepage hero redesign', 'Website redesign', [['2026-11-23', '09:30', 120], ['2026-11-25', '13:00', 150]]);
  plan('Acme quarterly report', 'Client: Acme', [['2026-11-23', '13:00', 90]], true);
  plan('Invoice export bug', 'Support', [['2026-11-23', '15:00', 60]], true);
  plan('Review pull requests', 'Mobile app', [['2026-11-24', '09:30', 60], ['2026-11-26', '09:30', 60]]);
  plan('Write report', 'Client: Acme', [['2026-11-24', '10:00', 90]]);
  plan('Lunch with Sam', 'Personal', [['2026-11-24', '12:30', 60]]);
  plan('Pricing page copy', 'Marketing', [['2026-11-24', '14:00', 120], ['2026-11-27', '10:00', 90]]);
  plan('Interview: frontend engineer', 'Hiring', [['2026-11-25', '10:00', 60]]);
  plan('Support rotation', 'Support', [['2026-11-25', '16:00', 60], ['2026-11-26', '14:00', 120]]);
  plan('Sprint planning', 'Internal', [['2026-11-26', '11:00', 60]]);
  plan('Weekly review', 'Internal', [['2026-11-27', '15:30', 45]]);
  p.createTask({ title: 'Draft Q1 roadmap [2h]' });
  p.createTask({ title: 'Reply to Acme feedback [30m]', projectLabel: 'Client: Acme' });
}

test('screenshots: the week (light, dark) and the integrations sidebar', async ({ page, harness }) => {
  mkdirSync(OUT, { recursive: true });
  await harness.pinClock(page, new Date(2026, 10, 24, 11, 20));
  const item = (externalId: string, title: string, projectName: string, status = 'active') => ({ externalId, title, projectName, status, assigneeIds: ['42'] });
  harness.seedSourceItems([
    item('A-1', 'Write report [1h30m]', 'Client: Acme'),
    item('A-2', 'Prepare kickoff deck [2h]', 'Client: Acme'),
    item('A-3', 'Update SLA document', 'Client: Acme', 'completed'),
    item('A-4', 'Quarterly usage export [45m]', 'Client: Acme'),
    item('M-1', 'Push notification settings', 'Mobile app'),
    item('M-2', 'Fix crash on Android 15 [1h]', 'Mobile app'),
    item('M-3', 'App Store screenshots', 'Mobile app'),
    item('K-1', 'Newsletter: December issue [2h]', 'Marketing'),
    item('K-2', 'Case study with Acme', 'Marketing'),
    item('S-1', 'Refund request backlog [1h]', 'Support'),
    item('S-2', 'Macro for login issues [30m]', 'Support'),
    item('W-1', 'Accessibility audit fixes [3h]', 'Website redesign'),
    item('W-2', 'Footer navigation', 'Website redesign'),
    item('W-3', 'Blog index page', 'Website redesign', 'completed'),
  ]);
  seedWeek(harness.app.planner);
  harness.app.planner.dropSourceItem({
    item: { provider: 'hubstaff', orgId: '1001', externalId: 'A-1', title: 'Write report [1h30m]', projectName: 'Client: Acme' },
    date: '2026-11-26',
    startMinute: 15 * 60 + 30,
  });

  await page.emulateMedia({ colorScheme: 'light' });
  await harness.open(page, { query: 'user=42' });
  await expect(page.locator('.fc-event[data-entry-id]')).toHaveCount(21);
  await expect(page.locator('[data-rendered-week]')).toHaveAttribute('data-rendered-week', '2026-11-23:21');
  await page.screenshot({ path: resolve(OUT, 'week-light.png') });

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: resolve(OUT, 'week-dark.png') });

  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Alt+i');
  const sidebar = page.getByRole('complementary', { name: 'Integrations' });
  await expect(sidebar.locator('.source-item').first()).toBeVisible();
  await page.screenshot({ path: resolve(OUT, 'sidebar.png') });
});
