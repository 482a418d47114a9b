// Scale benchmark: does the cache's size leak into what the user waits for? Two data
// directories that differ only in history — 1,000,000 activities vs 10,000 — with the same
// 10,000 planned entries, 2,000 sidebar items and the same current week. Reports, each as the
// big directory's time over the small one's, measured in this one run (goal ≤ 2):
//  - the week query (planned vs tracked, time off, per-task tracked: what `stint week` and the
//    calendar load);
//  - the sidebar query (its cached items);
//  - core start-up: open the database (migration check), wire the core, load the current week.
// Rows are inserted with plain SQL for setup speed; the ingest path has its own benchmark.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, localToday, startOfWeek } from '../src/common/dates';
import { createApp, DATABASE_FILE } from '../src/main/core/app';
import { openDatabase } from '../src/main/core/db/database';
import { MemorySecretStore } from '../src/main/core/secrets/memorySecretStore';
import { buildWeekReport } from '../src/main/core/sync/weekReport';
import type { BenchResult } from './types';
import { systemClock } from '../src/common/clock';

const ORG = 5001;
const ME = 100001;
const ACCOUNT = `hubstaff:${ME}`;
const ENTRIES = 10_000;
const TASKS = 2_000;
const ITEMS = 2_000;
const SLOT_MS = 600_000;
const DAY_MS = 86_400_000;

function localMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime();
}

/** Fills a fresh data directory; `activities` in total, the current week's for "me" the same in every size. */
export function build(dir: string, activities: number): void {
  mkdirSync(dir, { recursive: true });
  const { db } = openDatabase(join(dir, DATABASE_FILE));
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const today = localToday(systemClock.now());
  const weekStart = startOfWeek(today, 1);
  const weekFrom = localMidnight(weekStart);
  const created = iso(now);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO accounts (id, provider, user_id, name, auth_kind, status, created_at, updated_at) VALUES (?, 'hubstaff', ?, 'Me', 'personal', 'connected', ?, ?)`,
    ).run(ACCOUNT, String(ME), created, created);
    db.prepare('INSERT INTO account_organizations (account_id, organization_id, name, position) VALUES (?, ?, ?, 0)').run(ACCOUNT, ORG, 'Acme');

    // Sidebar items and planner tasks (a quarter linked to an item), entries over 100 weeks.
    const item = db.prepare(
      `INSERT INTO source_items (provider, org_id, external_id, title, status, project_id, project_name, assignee_ids, updated_at)
       VALUES ('hubstaff', ?, ?, ?, ?, '7', ?, ?, ?)`,
    );
    for (let i = 0; i < ITEMS; i++) item.run(String(ORG), String(9_000_000 + i), `To-do ${i}`, i % 4 ? 'active' : 'completed', `Project ${i % 10}`, JSON.stringify([ME + (i % 5)]), created);
    const task = db.prepare(
      `INSERT INTO tasks (id, title, scheduled_minutes, status, source_provider, source_org_id, source_external_id, created_at, updated_at)
       VALUES (?, ?, 60, 'open', ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < TASKS; i++) {
      const linked = i % 4 === 0;
      task.run(`t${i}`, `Task ${i}`, linked ? 'hubstaff' : null, linked ? String(ORG) : null, linked ? String(9_000_000 + i) : null, created, created);
    }
    const entry = db.prepare('INSERT INTO entries (id, task_id, date, start_minute, duration_minutes, created_at, updated_at) VALUES (?, ?, ?, ?, 60, ?, ?)');
    for (let i = 0; i < ENTRIES; i++) {
      const date = addDays(weekStart, -7 * Math.floor(i / 100) + (i % 7));
      entry.run(`e${i}`, `t${i % TASKS}`, date, 480 + ((i * 37) % 8) * 60, created, created);
    }

    // Activities: "me" on every slot of this week so far (9–17 local), identical in both sizes;
    // the rest is history and colleagues, going back as far as needed to reach the total.
    const act = db.prepare(
      `INSERT INTO hubstaff_activities (organization_id, id, date, time_slot, starts_at, user_id, project_id, task_id, tracked, keyboard, mouse, overall, billable, updated_at, synced_at)
       VALUES (${ORG}, ?, ?, ?, ?, ?, 7, ?, 600, 100, 200, 300, 1, ?, ?)`,
    );
    let id = 3_000_000_001;
    const mine: number[] = [];
    for (let d = 0; d < 7; d++) {
      const day = weekFrom + d * DAY_MS;
      for (let s = 9 * 6; s < 17 * 6; s++) if (day + s * SLOT_MS < now) mine.push(day + s * SLOT_MS);
    }
    for (const slot of mine) {
      act.run(id, iso(slot).slice(0, 10), iso(slot), iso(slot), ME, 9_000_000 + (id % 40) * 4, iso(slot), created);
      id++;
    }
    // 200 people per slot, backwards from this week; one row in 50 is "me" (past weeks).
    const users = 200;
    for (let n = 0, slot = weekFrom - SLOT_MS; n < activities - mine.length; slot -= SLOT_MS) {
      for (let u = 1; u <= users && n < activities - mine.length; u++, n++) {
        act.run(id, iso(slot).slice(0, 10), iso(slot), iso(slot), n % 50 === 0 ? ME : ME + u, n % 3 ? 9_000_000 + (n % ITEMS) : null, iso(slot), created);
        id++;
      }
    }
    const daily = db.prepare(
      `INSERT INTO hubstaff_daily_activities (organization_id, id, date, user_id, project_id, task_id, tracked, keyboard, mouse, overall, synced_at)
       VALUES (${ORG}, ?, ?, ?, 7, NULL, 28800, 1, 1, 1, ?)`,
    );
    const dailyRows = Math.ceil(activities / 48);
    for (let i = 0; i < dailyRows; i++) daily.run(400_000_001 + i, addDays(weekStart, -Math.floor(i / users) - 1), ME + (i % users), created);

    db.prepare(`INSERT INTO sync_cursors (account_id, org_id, stream, cursor, updated_at) VALUES (?, ?, 'activities', ?, ?)`).run(
      ACCOUNT,
      ORG,
      JSON.stringify({ v: 1, from: iso(weekFrom - 400 * DAY_MS), until: iso(now), updatesSince: iso(now), refreshedAt: iso(now), read: null }),
      created,
    );
  })();
  db.pragma('wal_checkpoint(TRUNCATE)'); // no ANALYZE: the app never runs it, so neither does the bench
  db.close();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Median ms of `fn` on the small and on the large directory, alternating between them run by
 * run so JIT warm-up, GC and the machine's load fall on both alike.
 */
function timePair(runs: number, fn: (which: 'small' | 'large') => void): { small: number; large: number } {
  fn('small');
  fn('large');
  const t = { small: [] as number[], large: [] as number[] };
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 ? (['large', 'small'] as const) : (['small', 'large'] as const)) {
      const start = process.hrtime.bigint();
      fn(which);
      t[which].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return { small: median(t.small), large: median(t.large) };
}

function open(dir: string) {
  return createApp({ dataDir: dir, secrets: new MemorySecretStore() });
}

export async function run(): Promise<BenchResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'stint-bench-scale-'));
  try {
    const small = join(root, 'small');
    const large = join(root, 'large');
    build(small, 10_000);
    build(large, 1_000_000);
    // The same week must be served from both, or the ratios compare different work.
    const weekOf = (dir: string) => {
      const app = open(dir);
      try {
        return JSON.stringify(buildWeekReport(app, localToday(systemClock.now())).report.days);
      } finally {
        app.close();
      }
    };
    if (weekOf(small) !== weekOf(large)) throw new Error('the two directories disagree on the current week');
    const dirs = { small, large };
    const apps = { small: open(small), large: open(large) };
    let week: { small: number; large: number };
    let sidebar: { small: number; large: number };
    try {
      for (const [which, n] of [['small', 10_000], ['large', 1_000_000]] as const) {
        const rows = apps[which].db.prepare('SELECT count(*) FROM hubstaff_activities').pluck().get();
        if (rows !== n) throw new Error(`the ${which} directory holds ${String(rows)} activities, not ${n}`);
      }
      const today = localToday(systemClock.now());
      week = timePair(60, (w) => {
        if (buildWeekReport(apps[w], today).report.entries.length === 0) throw new Error('the current week has no entries: nothing would be measured');
      });
      sidebar = timePair(60, (w) => apps[w].sourceItems.list());
    } finally {
      apps.small.close();
      apps.large.close();
    }
    // Start-up: open the database (migration check), wire the core, load the current week.
    const startup = timePair(20, (w) => {
      const app = open(dirs[w]);
      try {
        buildWeekReport(app, localToday(systemClock.now()));
      } finally {
        app.close();
      }
    });
    const s = { week: week.small, sidebar: sidebar.small, startup: startup.small };
    const l = { week: week.large, sidebar: sidebar.large, startup: startup.large };
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const results: [string, number, number][] = [
      ['week_query', l.week, s.week],
      ['sidebar_query', l.sidebar, s.sidebar],
      ['core_startup', l.startup, s.startup],
    ];
    return [
      ...results.map(([name, big, base]) => {
        const value = ratio(big, base);
        return { name: `sync-scale.${name}_1m_vs_10k`, value, unit: 'ratio', goal: '<= 2', ok: value <= 2 };
      }),
      ...results.map(([name, big]) => ({ name: `sync-scale.${name}_1m_ms`, value: Math.round(big * 100) / 100, unit: 'ms', goal: 'info', ok: true })),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
