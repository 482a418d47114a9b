// Pointer geometry on the week grid and real mouse drags (page.mouse), plus an independent
// SQLite reader to check what was persisted.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { DATABASE_FILE } from '../../../src/main/core/app';

export const SNAP = 15;
const SLOT = 15; // minutes per grid row (slotDuration)

export interface Point {
  x: number;
  y: number;
}

/** Pixel height of one 15-minute snap step. */
export async function snapHeight(page: Page): Promise<number> {
  const row = await page.locator('td.fc-timegrid-slot-lane[data-time="10:00:00"]').boundingBox();
  if (!row) throw new Error('no grid row');
  return row.height / (SLOT / SNAP);
}

/** The centre of the 15-minute cell starting at `minute` in the column of `date`. */
export async function slotPoint(page: Page, date: string, minute: number): Promise<Point> {
  const col = page.locator(`td.fc-timegrid-col[data-date="${date}"]`);
  const slotStart = Math.floor(minute / SLOT) * SLOT;
  const hh = String(Math.floor(slotStart / 60)).padStart(2, '0');
  const mm = String(slotStart % 60).padStart(2, '0');
  const row = page.locator(`td.fc-timegrid-slot-lane[data-time="${hh}:${mm}:00"]`);
  await row.scrollIntoViewIfNeeded();
  const [c, r] = [await col.boundingBox(), await row.boundingBox()];
  if (!c || !r) throw new Error(`no cell for ${date} ${minute}`);
  const step = r.height / (SLOT / SNAP);
  return { x: c.x + c.width / 2, y: r.y + ((minute - slotStart) / SNAP) * step + step / 2 };
}

/** Presses at `from`, moves in small steps (real pointer events), releases at `to`. */
export async function drag(page: Page, from: Point, to: Point, steps = 12): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // A first small move passes FullCalendar's minimum drag distance.
  await page.mouse.move(from.x + 3, from.y + 8, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

export async function centerOf(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The calendar block of an entry. */
export const entryBlock = (page: Page, entryId: string) => page.locator(`.fc-event[data-entry-id="${entryId}"]`);

export interface DbTask {
  id: string;
  title: string;
  status: string;
  scheduled_minutes: number | null;
  source_provider: string | null;
  source_external_id: string | null;
}
export interface DbEntry {
  id: string;
  task_id: string;
  date: string;
  start_minute: number;
  duration_minutes: number;
}

/** Reads tasks and entries through a separate, read-only connection to the data file. */
export function readDb(dataDir: string): { tasks: DbTask[]; entries: DbEntry[] } {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return {
      tasks: db.prepare('SELECT id, title, status, scheduled_minutes, source_provider, source_external_id FROM tasks ORDER BY created_at, id').all() as DbTask[],
      entries: db.prepare('SELECT id, task_id, date, start_minute, duration_minutes FROM entries ORDER BY date, start_minute, id').all() as DbEntry[],
    };
  } finally {
    db.close();
  }
}
