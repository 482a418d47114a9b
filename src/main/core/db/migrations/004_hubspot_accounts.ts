import type { Migration } from './types';

// HubSpot accounts in the accounts table: a new auth kind (`private_app`, a static bearer that
// cannot be refreshed) and the tasks stream's lookback window. SQLite cannot change a CHECK in
// place, so both tables are rebuilt; the child table is copied first and dropped before its
// parent, so ON DELETE CASCADE never fires, and RENAME rewrites the foreign key to `accounts`.
export const hubspotAccounts: Migration = {
  version: 4,
  name: 'hubspot_accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts_new (
        id                  TEXT PRIMARY KEY,
        provider            TEXT NOT NULL CHECK (length(provider) > 0),
        user_id             TEXT NOT NULL,
        name                TEXT NOT NULL DEFAULT '',
        email               TEXT,
        auth_kind           TEXT NOT NULL CHECK (auth_kind IN ('oauth', 'personal', 'organization', 'private_app')),
        status              TEXT NOT NULL DEFAULT 'connected'
                            CHECK (status IN ('connected', 'needs_reconnect', 'offline', 'error')),
        status_message      TEXT,
        sync_start_date     TEXT CHECK (sync_start_date IS NULL OR sync_start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        sync_end_date       TEXT CHECK (sync_end_date IS NULL OR sync_end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        refresh_window_days INTEGER NOT NULL DEFAULT 3 CHECK (refresh_window_days BETWEEN 0 AND 31),
        page_limit          INTEGER NOT NULL DEFAULT 500 CHECK (page_limit BETWEEN 1 AND 500),
        -- Minutes of changes re-read before the last cursor (HubSpot search indexes late).
        lookback_minutes    INTEGER NOT NULL DEFAULT 10 CHECK (lookback_minutes BETWEEN 0 AND 1440),
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        UNIQUE (provider, user_id),
        CHECK (sync_end_date IS NULL OR sync_start_date IS NULL OR sync_end_date >= sync_start_date)
      );
      INSERT INTO accounts_new (id, provider, user_id, name, email, auth_kind, status, status_message, sync_start_date,
                                sync_end_date, refresh_window_days, page_limit, created_at, updated_at)
        SELECT id, provider, user_id, name, email, auth_kind, status, status_message, sync_start_date,
               sync_end_date, refresh_window_days, page_limit, created_at, updated_at FROM accounts;

      CREATE TABLE account_organizations_new (
        account_id      TEXT NOT NULL REFERENCES accounts_new (id) ON DELETE CASCADE,
        organization_id INTEGER NOT NULL CHECK (organization_id > 0),
        name            TEXT,
        position        INTEGER NOT NULL,
        PRIMARY KEY (account_id, organization_id)
      ) WITHOUT ROWID;
      INSERT INTO account_organizations_new SELECT account_id, organization_id, name, position FROM account_organizations;

      DROP TABLE account_organizations;
      DROP TABLE accounts;
      ALTER TABLE accounts_new RENAME TO accounts;
      ALTER TABLE account_organizations_new RENAME TO account_organizations;
    `);
  },
};
