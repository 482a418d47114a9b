import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/core/db/database';
import { MIGRATIONS } from '../../../../src/main/core/db/migrations/index';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('migration 004 keeps accounts and their organizations, and accepts private_app accounts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stint-m004-'));
  dirs.push(dir);
  const file = join(dir, 'stint.db');
  const v3 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 3) }).db;
  v3.prepare(`INSERT INTO accounts (id, provider, user_id, name, auth_kind, refresh_window_days, created_at, updated_at) VALUES ('hubstaff:7', 'hubstaff', '7', 'Ann', 'personal', 5, 't', 't')`).run();
  v3.prepare(`INSERT INTO account_organizations (account_id, organization_id, name, position) VALUES ('hubstaff:7', 42, 'Acme', 0)`).run();
  expect(() => v3.prepare(`INSERT INTO accounts (id, provider, user_id, auth_kind, created_at, updated_at) VALUES ('x', 'hubspot', '1', 'private_app', 't', 't')`).run()).toThrow(/CHECK/);
  v3.close();

  const { db } = openDatabase(file);
  expect(db.prepare('SELECT id, refresh_window_days, lookback_minutes FROM accounts').all()).toEqual([{ id: 'hubstaff:7', refresh_window_days: 5, lookback_minutes: 10 }]);
  expect(db.prepare('SELECT account_id, organization_id, name FROM account_organizations').all()).toEqual([{ account_id: 'hubstaff:7', organization_id: 42, name: 'Acme' }]);
  db.prepare(`INSERT INTO accounts (id, provider, user_id, auth_kind, created_at, updated_at) VALUES ('hubspot:1:2', 'hubspot', '2', 'private_app', 't', 't')`).run();
  // The foreign key still points at accounts: deleting an account removes its organizations.
  db.prepare(`DELETE FROM accounts WHERE id = 'hubstaff:7'`).run();
  expect(db.prepare('SELECT count(*) AS n FROM account_organizations').get()).toEqual({ n: 0 });
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
});
