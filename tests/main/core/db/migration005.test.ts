import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/core/db/database';
import { MIGRATIONS } from '../../../../src/main/core/db/migrations/index';
import { RequestBudget } from '../../../../src/main/core/providers/hubstaff/budget';
import { TEST_NOW_MS } from '../../../helpers/clock';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('migration 005 adds the request budgets to a version 4 database, which start full', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stint-m005-'));
  dirs.push(dir);
  const file = join(dir, 'stint.db');
  const v4 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 4) }).db;
  v4.prepare(`INSERT INTO accounts (id, provider, user_id, name, auth_kind, created_at, updated_at) VALUES ('hubstaff:7', 'hubstaff', '7', 'Ann', 'personal', 't', 't')`).run();
  v4.close();

  const { db, fromVersion } = openDatabase(file);
  expect(fromVersion).toBe(4);
  expect(db.prepare('SELECT * FROM request_budgets').all()).toEqual([]);
  const budget = new RequestBudget({ requestsPerHour: 10, now: () => TEST_NOW_MS, shared: { db, accountId: 'hubstaff:7' } });
  expect(budget.remaining()).toBe(10);
  await budget.acquire();
  expect(db.prepare('SELECT account_id, tokens, updated_at_ms FROM request_budgets').all()).toEqual([{ account_id: 'hubstaff:7', tokens: 9, updated_at_ms: TEST_NOW_MS }]);
  expect(() => db.prepare(`INSERT INTO request_budgets VALUES ('hubstaff:8', -1, 0)`).run()).toThrow(/CHECK/);
  db.close();
});
