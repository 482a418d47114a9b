import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsRepo } from '../../../../src/main/core/auth/accountsRepo';
import { openDatabase, type Db } from '../../../../src/main/core/db/database';

let dir: string;
let db: Db;
let repo: AccountsRepo;
const NOW = '2026-11-22T10:00:00.000Z';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-accounts-'));
  db = openDatabase(join(dir, 'stint.db')).db;
  repo = new AccountsRepo(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const add = (id = 'hubstaff:1', userId = '1'): void =>
  repo.upsertConnected({ id, provider: 'hubstaff', userId, name: 'Alex', email: 'alex@example.com', authKind: 'personal' }, NOW);

describe('accounts schema (migration 003)', () => {
  it('has no column that could hold a token', () => {
    const columns = db
      .prepare("SELECT m.name AS t, c.name AS c FROM sqlite_schema m, pragma_table_info(m.name) c WHERE m.name IN ('accounts', 'account_organizations')")
      .all() as { t: string; c: string }[];
    expect(columns.length).toBeGreaterThan(10);
    expect(columns.filter((x) => /token|secret|password|credential/i.test(x.c))).toEqual([]);
  });

  it('defaults the sync settings of DESIGN §6 and enforces their ranges and the status set', () => {
    add();
    expect(repo.get('hubstaff:1')).toMatchObject({ status: 'connected', sync: { startDate: null, endDate: null, refreshWindowDays: 3, pageLimit: 500 } });
    const bad = [
      "UPDATE accounts SET status = 'signed_out'",
      'UPDATE accounts SET page_limit = 501',
      'UPDATE accounts SET page_limit = 0',
      "UPDATE accounts SET sync_start_date = '2024/01/01'",
      "UPDATE accounts SET sync_start_date = '2024-02-01', sync_end_date = '2024-01-01'",
      "UPDATE accounts SET auth_kind = 'password'",
    ];
    for (const sql of bad) expect(() => db.exec(sql)).toThrow(/CHECK constraint failed/);
    expect(() => add('hubstaff:2', '1')).toThrow(/UNIQUE constraint failed/);
  });

  it('keeps selection and settings when an account signs in again, and cascades on delete', () => {
    add();
    repo.setOrganizations('hubstaff:1', [{ id: 5, name: 'Five' }, { id: 3, name: null }], NOW);
    repo.setSyncSettings('hubstaff:1', { startDate: '2024-01-01', endDate: null, refreshWindowDays: 7, pageLimit: 100 }, NOW);
    repo.setStatus('hubstaff:1', 'needs_reconnect', 'gone', NOW);
    add();
    expect(repo.get('hubstaff:1')).toMatchObject({ status: 'connected', statusMessage: null, sync: { startDate: '2024-01-01', refreshWindowDays: 7, pageLimit: 100 } });
    expect(repo.organizations('hubstaff:1')).toEqual([{ id: 5, name: 'Five' }, { id: 3, name: null }]);
    repo.delete('hubstaff:1');
    expect(db.prepare('SELECT count(*) AS n FROM account_organizations').get()).toEqual({ n: 0 });
  });

  it('reports whether a status update changed anything', () => {
    add();
    expect(repo.setStatus('hubstaff:1', 'offline', null, NOW)).toBe(true);
    expect(repo.setStatus('hubstaff:1', 'offline', null, NOW)).toBe(false);
    expect(repo.setStatus('hubstaff:1', 'offline', 'no network', NOW)).toBe(true);
    expect(repo.setStatus('hubstaff:404', 'offline', null, NOW)).toBe(false);
  });

  it('purges the cached rows of organizations only this account syncs, its cursors, and nothing of the plan', () => {
    add('hubstaff:1', '1');
    add('hubstaff:2', '2');
    repo.setOrganizations('hubstaff:1', [{ id: 10, name: null }, { id: 20, name: null }], NOW);
    repo.setOrganizations('hubstaff:2', [{ id: 20, name: null }], NOW);
    const project = db.prepare('INSERT INTO hubstaff_projects (organization_id, id, name, synced_at) VALUES (?, ?, ?, ?)');
    project.run(10, 1, 'only mine', NOW);
    project.run(20, 2, 'shared', NOW);
    db.prepare('INSERT INTO hubstaff_organizations (id, name, synced_at) VALUES (10, ?, ?), (20, ?, ?)').run('Ten', NOW, 'Twenty', NOW);
    const cursor = db.prepare("INSERT INTO sync_cursors (account_id, org_id, stream, cursor, updated_at) VALUES (?, ?, 'projects', '{}', ?)");
    cursor.run('hubstaff:1', 10, NOW);
    cursor.run('hubstaff:2', 20, NOW);
    const item = db.prepare("INSERT INTO source_items (provider, org_id, external_id, title, status) VALUES ('hubstaff', ?, ?, ?, 'active')");
    item.run('10', '100', 'mine');
    item.run('20', '200', 'shared');
    db.prepare(
      "INSERT INTO tasks (id, title, source_provider, source_org_id, source_external_id, created_at, updated_at) VALUES ('t1', 'planned', 'hubstaff', '10', '100', ?, ?)",
    ).run(NOW, NOW);

    expect(repo.purgeCachedData('hubstaff:1')).toBe(4);
    expect(db.prepare('SELECT name FROM hubstaff_projects').all()).toEqual([{ name: 'shared' }]);
    expect(db.prepare('SELECT id FROM hubstaff_organizations').all()).toEqual([{ id: 20 }]);
    expect(db.prepare('SELECT account_id FROM sync_cursors').all()).toEqual([{ account_id: 'hubstaff:2' }]);
    expect(db.prepare('SELECT title FROM source_items').all()).toEqual([{ title: 'shared' }]);
    expect(db.prepare('SELECT title FROM tasks').all()).toEqual([{ title: 'planned' }]);
  });
});
