// The calendar at 1440×900, 1024×700 and 800×600, light and dark, with the integrations open
// and closed: every shown day column is really there to see and drop on (elementFromPoint,
// not only boxes), nothing overflows sideways, the controls at the edges are reachable, and
// axe finds nothing serious. One screenshot per size goes to docs/screenshots.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { ROOT } from './harness/global-setup';
import { seriousViolations } from './helpers/axe';
import { DEMO_NOW, seedDemoWeek } from './helpers/demoWeek';

const OUT = resolve(ROOT, 'docs/screenshots');
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
  { width: 800, height: 600 },
] as const;

/** Per shown column: the date, and what elementFromPoint finds at its middle (grid and header). */
async function columnsSeen(page: Page) {
  return page.evaluate(() => {
    const scroller = document.querySelector('.fc-timegrid-body')?.closest('.fc-scroller');
    const visible = scroller?.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('td.fc-timegrid-col[data-date]')].map((col) => {
      const box = col.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = visible ? visible.top + visible.height / 2 : box.top + 40;
      const hit = document.elementFromPoint(x, y);
      // The grid's slot rows lie under the columns' table, so a hit on an empty spot is a slot
      // row: what counts is that the point is the calendar's grid (not a panel over it) and
      // falls in this column.
      const inGrid = !!hit?.closest('.calendar .fc-timegrid-body');
      const colAt = [...document.querySelectorAll<HTMLElement>('td.fc-timegrid-col[data-date]')].find((c) => {
        const r = c.getBoundingClientRect();
        return x >= r.left && x < r.right;
      });
      const header = document.querySelector<HTMLElement>(`th.fc-col-header-cell[data-date="${col.dataset.date}"]`);
      const hbox = header?.getBoundingClientRect();
      const headerHit = hbox ? document.elementFromPoint(hbox.left + hbox.width / 2, hbox.top + hbox.height / 2) : null;
      return {
        date: col.dataset.date!,
        width: Math.round(box.width),
        gridHit: inGrid ? (colAt?.dataset.date ?? null) : `${hit?.tagName}.${hit?.className}`,
        headerHit: headerHit?.closest<HTMLElement>('th.fc-col-header-cell')?.dataset.date ?? null,
      };
    });
  });
}

/** Elements whose content is wider than their box (a cut-off toolbar), and the page's own overflow. */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const culprits = ['.toolbar', '.status-bar', '.workspace', '.sidebar', '.calendar-pane']
      .map((sel) => document.querySelector<HTMLElement>(sel))
      .filter((el): el is HTMLElement => !!el && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
    return { page: doc.scrollWidth - window.innerWidth, culprits };
  });
}

/** Figures (time, duration, tracked) shown but running past the edge of their row. */
async function cutFigures(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.fc-event[data-entry-id] .entry-meta')].flatMap((row) => {
      const edge = row.getBoundingClientRect().right + 0.5;
      return [...row.children]
        .filter((f) => getComputedStyle(f).visibility !== 'hidden' && (f as HTMLElement).offsetWidth > 0 && f.getBoundingClientRect().right > edge)
        .map((f) => `${row.closest('.fc-event')?.getAttribute('aria-label')}: “${f.textContent}”`);
    }),
  );
}

/** True when the element's centre is the element itself (or inside it): not covered, not cut. */
async function reachable(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector<HTMLElement>(sel);
    if (!el) return false;
    const b = el.getBoundingClientRect();
    if (b.right > window.innerWidth || b.bottom > window.innerHeight || b.left < 0 || b.top < 0) return false;
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    return !!hit && el.contains(hit);
  }, selector);
}

for (const size of SIZES) {
  test.describe(`${size.width}×${size.height}`, () => {
    test.use({ viewport: size });

    for (const theme of ['light', 'dark'] as const) {
      test(`every shown day is visible and nothing overflows (${theme}, sidebar closed and open)`, async ({ page, harness }) => {
        await harness.pinClock(page, DEMO_NOW());
        seedDemoWeek(harness);
        await page.emulateMedia({ colorScheme: theme });
        await harness.open(page, { query: 'user=42' });
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);

        for (const sidebar of [false, true]) {
          if (sidebar) {
            await page.getByRole('button', { name: 'Integrations' }).click();
            await expect(page.getByRole('complementary', { name: 'Integrations' })).toBeVisible();
          }
          // The calendar re-lays out to its new box: the columns fill it, each one readable.
          await expect
            .poll(async () => {
              const cols = await columnsSeen(page);
              return cols.length > 0 && cols.every((c) => c.gridHit === c.date && c.headerHit === c.date);
            })
            .toBe(true);
          const cols = await columnsSeen(page);
          for (const c of cols) expect(c.width, `${c.date} column width`).toBeGreaterThanOrEqual(80);
          const shown = await page.locator('.view-switch [aria-pressed="true"]').innerText();
          expect(cols.length).toBe(shown === 'Week' ? 7 : shown === '3 days' ? 3 : 1);
          // the full week where there is room for it
          if (size.width >= 1024) expect(cols.length, `${size.width} px, sidebar ${sidebar}`).toBe(7);

          expect(await horizontalOverflow(page)).toEqual({ page: 0, culprits: [] });
          // No figure on an entry is cut part-way ("1h 3"): each is shown whole inside its row, or hidden.
          expect(await cutFigures(page)).toEqual([]);
          for (const sel of ['.integrations-toggle', '.toolbar-actions [aria-label="Settings"]', '.week-nav [aria-label^="Next"]']) {
            expect(await reachable(page, sel), sel).toBe(true);
          }
          if (sidebar) {
            expect(await reachable(page, '.sidebar .panel-header .icon-button'), 'sidebar close button').toBe(true);
            expect(await reachable(page, '.sidebar input[type="search"]'), 'sidebar search').toBe(true);
          }
          expect(await seriousViolations(page)).toEqual([]);

          if (theme === 'light' && sidebar) {
            mkdirSync(OUT, { recursive: true });
            await page.screenshot({ path: resolve(OUT, `calendar-${size.width}x${size.height}.png`) });
          }
          if (theme === 'dark' && !sidebar) {
            mkdirSync(OUT, { recursive: true });
            await page.screenshot({ path: resolve(OUT, `calendar-${size.width}x${size.height}-dark.png`) });
          }
        }
      });
    }
  });
}

test.describe('a narrow window', () => {
  test.use({ viewport: { width: 800, height: 600 } });

  test('offers three days or one, and a dropped item lands on a day the narrow view shows', async ({ page, harness }) => {
    await harness.pinClock(page, DEMO_NOW());
    seedDemoWeek(harness);
    await harness.open(page, { query: 'user=42' });
    await page.getByRole('button', { name: 'Integrations' }).click();
    const view = page.getByRole('group', { name: 'View' });
    // With the sidebar open, seven days would be squeezed: the week is offered as unavailable.
    await expect(view.getByRole('button', { name: 'Week' })).toBeDisabled();
    await expect(view.getByRole('button', { name: '3 days', pressed: true })).toBeVisible();
    await view.getByRole('button', { name: 'Day', exact: true }).click();
    await expect(page.locator('td.fc-timegrid-col[data-date]')).toHaveCount(1);
    await expect(page.locator('td.fc-timegrid-col[data-date]')).toHaveAttribute('data-date', '2026-11-24');
    await page.keyboard.press('Alt+ArrowRight');
    await expect(page.locator('td.fc-timegrid-col[data-date]')).toHaveAttribute('data-date', '2026-11-25');
    await expect(page.locator('.week-range')).toHaveText('Wednesday, November 25');
    // Closing the sidebar gives the week its room back; the choice (Day) is kept.
    await page.keyboard.press('Alt+i');
    await expect(page.locator('td.fc-timegrid-col[data-date]')).toHaveCount(1);
    await view.getByRole('button', { name: 'Week' }).click();
    await expect(page.locator('td.fc-timegrid-col[data-date]')).toHaveCount(7);
  });

  test('hide weekends gives five wider days', async ({ page, harness }) => {
    await harness.pinClock(page, DEMO_NOW());
    seedDemoWeek(harness);
    harness.app.settings.update({ hideWeekends: true });
    await harness.open(page);
    const dates = await page.locator('td.fc-timegrid-col[data-date]').evaluateAll((cols) => cols.map((c) => (c as HTMLElement).dataset.date));
    expect(dates).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
  });
});
