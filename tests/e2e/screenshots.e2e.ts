// Screenshots of a realistic week for the README (docs/screenshots/), light and dark, and with
// the integrations sidebar open. The clock is pinned so they are the same on every run.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './harness/fixtures';
import { ROOT } from './harness/global-setup';
import { DEMO_NOW, seedDemoWeek } from './helpers/demoWeek';

const OUT = resolve(ROOT, 'docs/screenshots');
// The page runs in the machine's zone, like the core: every instant here is local time.
test.use({ viewport: { width: 1440, height: 900 } });

test('screenshots: the week (light, dark) and the integrations sidebar', async ({ page, harness }) => {
  mkdirSync(OUT, { recursive: true });
  await harness.pinClock(page, DEMO_NOW());
  seedDemoWeek(harness);

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
