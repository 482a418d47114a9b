import type { Migration } from './types';

// The planner's own data (tasks, entries), the provider-agnostic sidebar items they link to,
// and settings. Times are ISO-8601 UTC strings; entry dates are floating `YYYY-MM-DD`.
export const planner: Migration = {
  version: 1,
  name: 'planner',
  up(db) {
    db.exec(`
      CREATE TABLE tasks (
        id                 TEXT PRIMARY KEY,
        title              TEXT NOT NULL CHECK (length(title) > 0),
        scheduled_minutes  INTEGER CHECK (scheduled_minutes IS NULL OR scheduled_minutes BETWEEN 1 AND 1440),
        status             TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        project_label      TEXT,
        project_color      TEXT,
        notes              TEXT NOT NULL DEFAULT '',
        source_provider    TEXT,
        source_org_id      TEXT,
        source_external_id TEXT,
        source_url         TEXT,
        source_removed     INTEGER NOT NULL DEFAULT 0,
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        completed_at       TEXT,
        CHECK ((source_provider IS NULL) = (source_external_id IS NULL))
      );
      CREATE INDEX tasks_by_source ON tasks (source_provider, source_org_id, source_external_id, status);
      CREATE INDEX tasks_by_status ON tasks (status, created_at);

      CREATE TABLE entries (
        id               TEXT PRIMARY KEY,
        task_id          TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        date             TEXT NOT NULL,
        start_minute     INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        CHECK (start_minute + duration_minutes <= 1440)
      );
      CREATE INDEX entries_by_date ON entries (date, start_minute);
      CREATE INDEX entries_by_task ON entries (task_id);

      -- Items from integrations, cached read-only for the sidebar (Hubstaff tasks, later HubSpot).
      CREATE TABLE source_items (
        provider      TEXT NOT NULL,
        org_id        TEXT NOT NULL,
        external_id   TEXT NOT NULL,
        title         TEXT NOT NULL,
        status        TEXT NOT NULL,
        project_id    TEXT,
        project_name  TEXT,
        assignee_ids  TEXT NOT NULL DEFAULT '[]',
        url           TEXT,
        updated_at    TEXT,
        removed       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (provider, org_id, external_id)
      ) WITHOUT ROWID;
      CREATE INDEX source_items_by_status ON source_items (provider, org_id, removed, status);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
