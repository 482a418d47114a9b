import type { Db } from '../db/database';
import type { AuthKind } from './credential';
import type { AccountStatus, SelectedOrganization, SyncSettings } from './types';

export interface AccountRow {
  id: string;
  provider: string;
  userId: string;
  name: string;
  email: string | null;
  authKind: AuthKind;
  status: AccountStatus;
  statusMessage: string | null;
  sync: SyncSettings;
  createdAt: string;
  updatedAt: string;
}

interface RawRow {
  id: string;
  provider: string;
  user_id: string;
  name: string;
  email: string | null;
  auth_kind: AuthKind;
  status: AccountStatus;
  status_message: string | null;
  sync_start_date: string | null;
  sync_end_date: string | null;
  refresh_window_days: number;
  page_limit: number;
  created_at: string;
  updated_at: string;
}

const toRow = (r: RawRow): AccountRow => ({
  id: r.id,
  provider: r.provider,
  userId: r.user_id,
  name: r.name,
  email: r.email,
  authKind: r.auth_kind,
  status: r.status,
  statusMessage: r.status_message,
  sync: { startDate: r.sync_start_date, endDate: r.sync_end_date, refreshWindowDays: r.refresh_window_days, pageLimit: r.page_limit },
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The accounts tables. Plain data only: nothing here ever sees a token. */
export class AccountsRepo {
  constructor(private readonly db: Db) {}

  get(id: string): AccountRow | null {
    const r = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as RawRow | undefined;
    return r ? toRow(r) : null;
  }

  list(): AccountRow[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY created_at, id').all() as RawRow[]).map(toRow);
  }

  status(id: string): AccountStatus | null {
    const r = this.db.prepare('SELECT status FROM accounts WHERE id = ?').get(id) as { status: AccountStatus } | undefined;
    return r?.status ?? null;
  }

  /**
   * Creates the account, or marks an existing one connected again; keeps its selection and
   * settings. `authKind` is the provider's own (Hubstaff's AuthKind, HubSpot's private_app/oauth).
   */
  upsertConnected(a: { id: string; provider: string; userId: string; name: string; email: string | null; authKind: string }, now: string): void {
    this.db
      .prepare(
        `INSERT INTO accounts (id, provider, user_id, name, email, auth_kind, status, status_message, created_at, updated_at)
         VALUES (@id, @provider, @userId, @name, @email, @authKind, 'connected', NULL, @now, @now)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, auth_kind = excluded.auth_kind,
           status = 'connected', status_message = NULL, updated_at = excluded.updated_at`,
      )
      .run({ ...a, now });
  }

  /** Returns true when the status or message changed. */
  setStatus(id: string, status: AccountStatus, message: string | null, now: string): boolean {
    const res = this.db
      .prepare(
        `UPDATE accounts SET status = ?, status_message = ?, updated_at = ?
         WHERE id = ? AND (status IS NOT ? OR status_message IS NOT ?)`,
      )
      .run(status, message, now, id, status, message);
    return res.changes > 0;
  }

  organizations(id: string): SelectedOrganization[] {
    return this.db
      .prepare('SELECT organization_id AS id, name FROM account_organizations WHERE account_id = ? ORDER BY position')
      .all(id) as SelectedOrganization[];
  }

  setOrganizations(id: string, orgs: readonly SelectedOrganization[], now: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM account_organizations WHERE account_id = ?').run(id);
      const insert = this.db.prepare('INSERT INTO account_organizations (account_id, organization_id, name, position) VALUES (?, ?, ?, ?)');
      orgs.forEach((o, i) => insert.run(id, o.id, o.name, i));
      this.db.prepare('UPDATE accounts SET updated_at = ? WHERE id = ?').run(now, id);
    })();
  }

  setSyncSettings(id: string, s: SyncSettings, now: string): void {
    this.db
      .prepare(
        `UPDATE accounts SET sync_start_date = ?, sync_end_date = ?, refresh_window_days = ?, page_limit = ?, updated_at = ?
         WHERE id = ?`,
      )
      .run(s.startDate, s.endDate, s.refreshWindowDays, s.pageLimit, now, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
  }

  /**
   * Deletes the account's cached provider data, in one transaction:
   * - rows of every table with an `account_id` column (e.g. sync cursors);
   * - rows of the provider's cache tables (`<provider>_*`, keyed by `organization_id`, or `id`
   *   for `<provider>_organizations`) and its sidebar `source_items`, for the organizations
   *   only this account selected; organizations another account still syncs keep their rows.
   * The planner's own tasks and entries are the user's data and always stay.
   */
  purgeCachedData(id: string): number {
    const row = this.get(id);
    if (!row) return 0;
    const exclusiveOrgs = (
      this.db
        .prepare(
          `SELECT organization_id AS org FROM account_organizations mine
           WHERE mine.account_id = ? AND NOT EXISTS (
             SELECT 1 FROM account_organizations other JOIN accounts a ON a.id = other.account_id
             WHERE other.organization_id = mine.organization_id AND other.account_id <> mine.account_id AND a.provider = ?)`,
        )
        .all(id, row.provider) as { org: number }[]
    ).map((r) => r.org);
    const columnsByTable = new Map<string, Set<string>>();
    for (const c of this.db
      .prepare(`SELECT m.name AS t, c.name AS c FROM sqlite_schema m, pragma_table_info(m.name) c WHERE m.type = 'table'`)
      .all() as { t: string; c: string }[]) {
      if (!columnsByTable.has(c.t)) columnsByTable.set(c.t, new Set());
      columnsByTable.get(c.t)!.add(c.c);
    }
    const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
    const orgList = JSON.stringify(exclusiveOrgs);
    let removed = 0;
    this.db.transaction(() => {
      for (const [table, columns] of columnsByTable) {
        if (table === 'accounts' || table === 'account_organizations') continue;
        if (columns.has('account_id')) {
          removed += this.db.prepare(`DELETE FROM ${quote(table)} WHERE account_id = ?`).run(id).changes;
        } else if (exclusiveOrgs.length && table.startsWith(`${row.provider}_`)) {
          const orgColumn = columns.has('organization_id') ? 'organization_id' : table === `${row.provider}_organizations` ? 'id' : null;
          if (orgColumn) {
            removed += this.db.prepare(`DELETE FROM ${quote(table)} WHERE ${orgColumn} IN (SELECT value FROM json_each(?))`).run(orgList).changes;
          }
        }
      }
      if (exclusiveOrgs.length && columnsByTable.get('source_items')?.has('org_id')) {
        removed += this.db
          .prepare(`DELETE FROM source_items WHERE provider = ? AND org_id IN (SELECT CAST(value AS TEXT) FROM json_each(?))`)
          .run(row.provider, orgList).changes;
      }
    })();
    return removed;
  }
}
