import type { Migration } from './types';

// Connected accounts and their sync configuration (DESIGN §5, §6). Never a token: token sets
// live only in the OS keychain, under a key derived from the account id.
export const accounts: Migration = {
  version: 3,
  name: 'accounts',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id                  TEXT PRIMARY KEY,
        provider            TEXT NOT NULL CHECK (length(provider) > 0),
        user_id             TEXT NOT NULL,
        name                TEXT NOT NULL DEFAULT '',
        email               TEXT,
        auth_kind           TEXT NOT NULL CHECK (auth_kind IN ('oauth', 'personal', 'organization')),
        status              TEXT NOT NULL DEFAULT 'connected'
                            CHECK (status IN ('connected', 'needs_reconnect', 'offline', 'error')),
        status_message      TEXT,
        sync_start_date     TEXT CHECK (sync_start_date IS NULL OR sync_start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        sync_end_date       TEXT CHECK (sync_end_date IS NULL OR sync_end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        refresh_window_days INTEGER NOT NULL DEFAULT 3 CHECK (refresh_window_days BETWEEN 0 AND 31),
        page_limit          INTEGER NOT NULL DEFAULT 500 CHECK (page_limit BETWEEN 1 AND 500),
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL,
        UNIQUE (provider, user_id),
        CHECK (sync_end_date IS NULL OR sync_start_date IS NULL OR sync_end_date >= sync_start_date)
      );

      -- The organizations picked for sync, in the order chosen. The name is a display hint
      -- from the picker (null for IDs typed by hand until the first sync names them).
      CREATE TABLE account_organizations (
        account_id      TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        organization_id INTEGER NOT NULL CHECK (organization_id > 0),
        name            TEXT,
        position        INTEGER NOT NULL,
        PRIMARY KEY (account_id, organization_id)
      ) WITHOUT ROWID;
    `);
  },
};
