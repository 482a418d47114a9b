// Renderer benchmark, in Chromium through the e2e harness's approach (the built renderer, the
// real core in this process behind `window.stint`):
//  - initial render of a busy week (300 entries, 5,000 sidebar items, sidebar open) as a ratio
//    to an empty week with an empty sidebar, both measured here (goal ≤ 3). "Rendered" means
//    every entry card and the sidebar rows are on screen, checked once per animation frame;
//  - long tasks (> 50 ms, PerformanceObserver 'longtask') while an entry is dragged through 20
//    pointer moves in the busy week (goal 0), and, for information, during the drop that follows.
// Run alone with `npx tsx bench/renderer-week.ts`, or through `npm run bench`.
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS } from '../playwright.config';
import { localToday, startOfWeek, weekDates } from '../src/common/dates';
import { createApp, type App } from '../src/main/core/app';
import { connectPage } from '../tests/e2e/harness/connect';
import { buildPrivately, type PrivateBuild } from '../tests/e2e/harness/private-build';
import { serveRenderer } from '../tests/e2e/harness/renderer-server';
import { generatedSourceItems, seedSourceItems } from '../tests/e2e/harness/seed';
import type { BenchResult } from './types';
import { systemClock } from '../src/common/clock';

// This week, as the page will show it. The clock is not pinned: Playwright's fake clock wraps
// Intl.DateTimeFormat and would distort what is measured.
const WEEK = weekDates(startOfWeek(localToday(systemClock.now()), 1));
const ENTRIES = 300;
const ITEMS = 5000;
const RUNS = 5;
const DRAG_MOVES = 20;

interface Scenario {
  app: App;
  dir: string;
  entries: number;
}

function scenario(busy: boolean): Scenario {
  const dir = mkdtempSync(join(tmpdir(), 'stint-bench-renderer-'));
  const app = createApp({ dataDir: dir });
  if (busy) {
    seedSourceItems(app.db, generatedSourceItems(ITEMS), app.clock.now());
    const projects = ['Website redesign', 'Mobile app', 'Client: Acme', 'Internal', 'Support', 'Marketing'];
    const tasks = Array.from({ length: 60 }, (_, i) => app.planner.createTask({ title: `Task ${i + 1}`, projectLabel: projects[i % projects.length]! }));
    // 300 entries: ~43 a day between 07:00 and 21:00, 30–90 minutes, overlapping in up to ~4 columns.
    for (let n = 0; n < ENTRIES; n++) {
      const day = WEEK[n % 7]!;
      const slot = Math.floor(n / 7);
      app.planner.addEntry({ taskId: tasks[n % tasks.length]!.id, date: day, startMinute: 7 * 60 + ((slot * 20) % (14 * 60)), durationMinutes: 30 + (n % 3) * 30 });
    }
  }
  return { app, dir, entries: busy ? ENTRIES : 0 };
}

async function openPage(browser: Browser, s: Scenario, built: PrivateBuild): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // The sidebar opens as it was left: open, so its list is part of the first render.
  await page.addInitScript(`window.localStorage.setItem('stint.sidebarOpen', '1')`);
  await connectPage(page, () => s.app, built.bridgeBundle);
  return page;
}

/** Milliseconds from navigation start to the first frame showing every entry and the sidebar. */
async function timeToRendered(page: Page, url: string, entries: number, items: boolean): Promise<number> {
  await page.goto(url);
  // A function (the page's CSP forbids evaluating strings here), typed without DOM types.
  const handle = await page.waitForFunction(
    ([n, withItems]) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown; querySelectorAll(s: string): { length: number } } }).document;
      const ready =
        doc.querySelector(`[data-rendered-week$=":${n}"]`) !== null &&
        doc.querySelectorAll('.fc-event .entry').length === n &&
        doc.querySelector('.sidebar-list') !== null &&
        (!withItems || doc.querySelectorAll('.sidebar-list .source-item').length > 0);
      return ready ? performance.now() : false;
    },
    [entries, items] as const,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// Page-side code is written as strings: this file is typechecked without DOM types (bench/run.ts
// imports it), and tsx would wrap named inner functions in a helper the page lacks.
const nextFrame = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');

/** Waits until the page has gone 500 ms without a long task (at most 5 s): the first render's tail is over. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    let last = performance.now();
    const started = last;
    const obs = new PerformanceObserver(() => { last = performance.now(); });
    obs.observe({ type: 'longtask' });
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - last >= 500 || now - started > 5000) { clearInterval(timer); obs.disconnect(); resolve(); }
    }, 100);
  })`);
}

async function countLongTasks(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(`(() => {
    window.__long = [];
    window.__obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(Math.round(e.duration)); });
    window.__obs.observe({ type: 'longtask' });
  })()`);
  await action();
  await nextFrame(page);
  await page.waitForTimeout(100); // let the observer deliver
  return page.evaluate<number[]>('(() => { window.__obs.disconnect(); return window.__long; })()');
}

export async function run(): Promise<BenchResult[]> {
  // The renderer built from the current sources into a directory of its own: out/ is shared
  // with builds and e2e runs that may happen at the same time.
  const buildDir = mkdtempSync(join(tmpdir(), 'stint-bench-build-'));
  const built = await buildPrivately(buildDir);
  const server = await serveRenderer(built.rendererDir);
  const browser = await chromium.launch({ executablePath: process.env.STINT_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const empty = scenario(false);
  const busy = scenario(true);
  try {
    const times = { empty: [] as number[], busy: [] as number[] };
    // A warm-up load of each, then alternate so drift hits both alike.
    for (let i = 0; i <= RUNS; i++) {
      for (const [name, s] of [['empty', empty], ['busy', busy]] as const) {
        const page = await openPage(browser, s, built);
        const t = await timeToRendered(page, server.url, s.entries, s === busy);
        if (i > 0) times[name].push(t);
        await page.context().close();
      }
    }
    const emptyMs = median(times.empty);
    const busyMs = median(times.busy);

    // Drag an entry through 20 moves in the busy week.
    const page = await openPage(browser, busy, built);
    await timeToRendered(page, server.url, busy.entries, true);
    const target = page.locator(`.fc-timegrid-col[data-date="${WEEK[1]}"] .fc-event`).first();
    await target.scrollIntoViewIfNeeded();
    await settle(page);
    const entryId = await target.getAttribute('data-entry-id');
    const before = busy.app.planner.getWeek({ date: WEEK[0]! }).entries.find((e) => e.id === entryId);
    const box = (await target.boundingBox())!;
    const start = { x: box.x + box.width / 2, y: box.y + 6 };
    const colWidth = (await page.locator(`td.fc-timegrid-col[data-date="${WEEK[1]}"]`).boundingBox())!.width;
    const step = (await page.locator('td.fc-timegrid-slot-lane').first().boundingBox())!.height; // 15 minutes
    await page.mouse.move(start.x, start.y);
    const dragLong = await countLongTasks(page, async () => {
      await page.mouse.down();
      for (let i = 1; i <= DRAG_MOVES; i++) {
        // Down by a quarter hour each move, and one day right every fifth move.
        await page.mouse.move(start.x + Math.floor(i / 5) * colWidth, start.y + i * step);
        await nextFrame(page);
      }
    });
    const dropLong = await countLongTasks(page, async () => {
      await page.mouse.up();
      await page.waitForTimeout(300);
    });
    // The drag really moved the entry (three days right, five hours later).
    const after = busy.app.planner.getWeek({ date: WEEK[0]! }).entries.find((e) => e.id === entryId);
    const moved = !!before && !!after && after.date !== before.date && after.startMinute === before.startMinute + DRAG_MOVES * 15;
    await page.context().close();

    const ratio = busyMs / emptyMs;
    return [
      { name: 'renderer.week_initial_render_ratio', value: Number(ratio.toFixed(2)), unit: `x (${Math.round(busyMs)} ms / ${Math.round(emptyMs)} ms)`, goal: '<= 3', ok: ratio <= 3 },
      { name: 'renderer.drag_long_tasks', value: dragLong.length, unit: `tasks > 50 ms in ${DRAG_MOVES} moves${dragLong.length ? ` (${dragLong.join(", ")} ms)` : ""}`, goal: '0', ok: dragLong.length === 0 },
      {
        name: 'renderer.drop_long_tasks',
        value: dropLong.length,
        unit: `tasks > 50 ms (longest ${Math.max(0, ...dropLong)} ms; info)`,
        goal: 'info',
        ok: moved,
      },
      // Long tasks count wall time: on a machine busy with other work they grow with the load.
      { name: 'renderer.load_average', value: Number(loadavg()[0]!.toFixed(1)), unit: `1-min load average at the end (${cpus().length} CPUs; info)`, goal: 'info', ok: true },
    ];
  } finally {
    await browser.close();
    await server.close();
    for (const s of [empty, busy]) {
      s.app.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
    rmSync(buildDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
