import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../src/main/core/db/database';
import { upsertActivityPage, upsertDailyActivityPage } from '../../../../../src/main/core/sync/store/activities';
import { readCursor } from '../../../../../src/main/core/sync/store/cursors';
import { activity, tempDb } from './helpers';

let env: ReturnType<typeof tempDb>;
afterEach(() => env?.close());

const count = (sql: string, ...args: unknown[]) => (env.db.prepare(sql).get(...args) as { n: number }).n;

describe('upsertActivityPage', () => {
  it('writes every record with its columns, booleans as 0/1', () => {
    env = tempDb();
    const n = upsertActivityPage(env.db, 5001, [activity(1), activity(2, { billable: false, paid: null })]);
    expect(n).toBe(2);
    const rows = env.db.prepare('SELECT * FROM hubstaff_activities ORDER BY id').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ organization_id: 5001, id: 1, user_id: 101, task_id: 9, tracked: 600, billable: 1, paid: 0, time_type: 'normal' });
    expect(rows[1]).toMatchObject({ id: 2, billable: 0, paid: null, task_id: null });
    expect(rows[0]!.synced_at).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
  });

  it('is idempotent by (organization_id, id) and applies updates', () => {
    env = tempDb();
    const page = [activity(1), activity(2), activity(3)];
    upsertActivityPage(env.db, 5001, page);
    upsertActivityPage(env.db, 5001, page);
    expect(count('SELECT count(*) AS n FROM hubstaff_activities')).toBe(3);
    upsertActivityPage(env.db, 5001, [activity(2, { tracked: 42, updated_at: '2024-07-01T00:00:00.000Z' })]);
    expect(env.db.prepare('SELECT tracked, updated_at FROM hubstaff_activities WHERE id = 2').get()).toEqual({ tracked: 42, updated_at: '2024-07-01T00:00:00.000Z' });
    // The same id in another organization is another row.
    upsertActivityPage(env.db, 5002, [activity(2)]);
    expect(count('SELECT count(*) AS n FROM hubstaff_activities')).toBe(4);
  });

  it('moves the stream cursor in the same transaction as the rows', () => {
    env = tempDb();
    upsertActivityPage(env.db, 5001, [activity(1)], { accountId: 'acc-1', stream: 'activities', cursor: { sliceStart: '2024-06-03T00:00:00Z', pageStartId: 2 } });
    expect(readCursor(env.db, 'acc-1', 5001, 'activities')).toMatchObject({ cursor: { sliceStart: '2024-06-03T00:00:00Z', pageStartId: 2 } });
  });

  it('a failing page leaves neither rows nor the cursor behind', () => {
    env = tempDb();
    upsertActivityPage(env.db, 5001, [activity(1)], { accountId: 'acc-1', stream: 'activities', cursor: { pageStartId: 1 } });
    const bad = [activity(2), activity(3, { user_id: null as unknown as number })]; // NOT NULL violation on the 2nd row
    expect(() => upsertActivityPage(env.db, 5001, bad, { accountId: 'acc-1', stream: 'activities', cursor: { pageStartId: 4 } })).toThrow();
    expect(count('SELECT count(*) AS n FROM hubstaff_activities')).toBe(1);
    expect(readCursor(env.db, 'acc-1', 5001, 'activities')!.cursor).toEqual({ pageStartId: 1 });
  });

  it('survives reopening the file (statements are per handle)', () => {
    env = tempDb();
    upsertActivityPage(env.db, 5001, [activity(1)]);
    env.db.close();
    const { db } = openDatabase(env.file);
    try {
      upsertActivityPage(db, 5001, [activity(2)]);
      expect((db.prepare('SELECT count(*) AS n FROM hubstaff_activities').get() as { n: number }).n).toBe(2);
    } finally {
      db.close();
    }
  });

  it('serves the hot queries from the indexes', () => {
    env = tempDb();
    const plan = (sql: string) => (env.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT sum(tracked) FROM hubstaff_activities WHERE user_id = 1 AND starts_at >= '2024-06-03' AND starts_at < '2024-06-10'")).toMatch(/hubstaff_activities_by_user_time/);
    expect(plan('SELECT * FROM hubstaff_activities WHERE task_id = 9')).toMatch(/hubstaff_activities_by_task/);
    expect(plan("SELECT * FROM hubstaff_daily_activities WHERE user_id = 1 AND date BETWEEN '2024-06-01' AND '2024-06-30'")).toMatch(/hubstaff_daily_activities_by_user_date/);
  });
});

describe('upsertDailyActivityPage', () => {
  it('upserts by natural key with the cursor', () => {
    env = tempDb();
    const day = {
      id: 777, date: '2024-06-20', user_id: 1, project_id: 2, task_id: null, keyboard: 5400, mouse: 9000, overall: 12000, tracked: 14400,
      input_tracked: 14400, manual: 0, idle: 300, resumed: 0, billable: 14400, work_break: 0, created_at: null, updated_at: '2024-06-20T17:00:00.000Z',
    };
    upsertDailyActivityPage(env.db, 5001, [day], { accountId: 'a', stream: 'daily_activities', cursor: '2024-06-20' });
    upsertDailyActivityPage(env.db, 5001, [{ ...day, tracked: 15000 }]);
    expect(env.db.prepare('SELECT tracked, billable FROM hubstaff_daily_activities').all()).toEqual([{ tracked: 15000, billable: 14400 }]);
    expect(readCursor(env.db, 'a', 5001, 'daily_activities')!.cursor).toBe('2024-06-20');
  });
});
