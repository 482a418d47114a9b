import type { Migration } from './types';

// The Hubstaff cache: rows as Hubstaff last sent them, keyed by their natural key so a re-read
// page upserts instead of duplicating (DESIGN §4, §6). IDs are Hubstaff's integers; date-times
// are ms-precision ISO-8601 UTC strings; dates are `YYYY-MM-DD`; booleans are 0/1; durations
// are seconds. Hubstaff tasks live in the provider-agnostic `source_items` (001), not here.
// `synced_at` is when Stint last wrote the row. No foreign keys between cache tables: pages of
// different streams arrive in any order, and a cache must accept them all.
export const hubstaffCache: Migration = {
  version: 2,
  name: 'hubstaff_cache',
  up(db) {
    db.exec(`
      CREATE TABLE hubstaff_organizations (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        status      TEXT,
        invite_url  TEXT,
        created_at  TEXT,
        updated_at  TEXT,
        synced_at   TEXT NOT NULL
      );

      -- Users as seen in an organization (side-loaded with its members).
      CREATE TABLE hubstaff_users (
        organization_id INTEGER NOT NULL,
        id              INTEGER NOT NULL,
        name            TEXT NOT NULL,
        first_name      TEXT,
        last_name       TEXT,
        email           TEXT,
        time_zone       TEXT,
        status          TEXT,
        created_at      TEXT,
        updated_at      TEXT,
        synced_at       TEXT NOT NULL,
        PRIMARY KEY (organization_id, id)
      ) WITHOUT ROWID;

      CREATE TABLE hubstaff_members (
        organization_id      INTEGER NOT NULL,
        user_id              INTEGER NOT NULL,
        membership_role      TEXT,
        membership_status    TEXT,
        effective_role       TEXT,
        trackable            TEXT,
        removed_at           TEXT,
        last_client_activity TEXT,
        created_at           TEXT,
        updated_at           TEXT,
        synced_at            TEXT NOT NULL,
        PRIMARY KEY (organization_id, user_id)
      ) WITHOUT ROWID;

      CREATE TABLE hubstaff_projects (
        organization_id INTEGER NOT NULL,
        id              INTEGER NOT NULL,
        name            TEXT NOT NULL,
        description     TEXT,
        status          TEXT,
        type            TEXT,
        client_id       INTEGER,
        billable        INTEGER,
        created_at      TEXT,
        updated_at      TEXT,
        synced_at       TEXT NOT NULL,
        PRIMARY KEY (organization_id, id)
      ) WITHOUT ROWID;

      -- 10-minute slots: the largest table and the ingest hot path.
      CREATE TABLE hubstaff_activities (
        organization_id INTEGER NOT NULL,
        id              INTEGER NOT NULL,
        date            TEXT NOT NULL,
        time_slot       TEXT NOT NULL,
        starts_at       TEXT NOT NULL,
        user_id         INTEGER NOT NULL,
        project_id      INTEGER,
        task_id         INTEGER,
        tracked         INTEGER NOT NULL,
        keyboard        INTEGER NOT NULL,
        mouse           INTEGER NOT NULL,
        overall         INTEGER NOT NULL,
        input_tracked   INTEGER,
        billable        INTEGER NOT NULL,
        paid            INTEGER,
        immutable       INTEGER,
        time_type       TEXT,
        client          TEXT,
        timesheet_id    INTEGER,
        created_at      TEXT,
        updated_at      TEXT NOT NULL,
        synced_at       TEXT NOT NULL,
        PRIMARY KEY (organization_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX hubstaff_activities_by_user_time ON hubstaff_activities (user_id, starts_at);
      CREATE INDEX hubstaff_activities_by_task ON hubstaff_activities (task_id);
      -- A re-read window replaces its rows: the sweep finds an org's rows by time slot.
      CREATE INDEX hubstaff_activities_by_org_slot ON hubstaff_activities (organization_id, time_slot);

      CREATE TABLE hubstaff_daily_activities (
        organization_id INTEGER NOT NULL,
        id              INTEGER NOT NULL,
        date            TEXT NOT NULL,
        user_id         INTEGER NOT NULL,
        project_id      INTEGER,
        task_id         INTEGER,
        tracked         INTEGER NOT NULL,
        keyboard        INTEGER NOT NULL,
        mouse           INTEGER NOT NULL,
        overall         INTEGER NOT NULL,
        input_tracked   INTEGER,
        manual          INTEGER,
        idle            INTEGER,
        resumed         INTEGER,
        billable        INTEGER, -- seconds here, unlike hubstaff_activities.billable (0/1)
        work_break      INTEGER,
        created_at      TEXT,
        updated_at      TEXT,
        synced_at       TEXT NOT NULL,
        PRIMARY KEY (organization_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX hubstaff_daily_activities_by_user_date ON hubstaff_daily_activities (user_id, date);

      CREATE TABLE hubstaff_time_off_requests (
        organization_id    INTEGER NOT NULL,
        id                 INTEGER NOT NULL,
        user_id            INTEGER NOT NULL,
        time_off_policy_id INTEGER,
        status             TEXT NOT NULL,
        all_day            INTEGER,
        starts_at          TEXT NOT NULL,
        stops_at           TEXT NOT NULL,
        submitted_at       TEXT,
        approved_at        TEXT,
        denied_at          TEXT,
        paid               INTEGER,
        amount_used        INTEGER,
        message            TEXT,
        response           TEXT,
        days               TEXT NOT NULL DEFAULT '[]', -- JSON: [{date, amount_used, starts_at, stops_at, holiday, paid}]
        created_at         TEXT,
        updated_at         TEXT,
        synced_at          TEXT NOT NULL,
        PRIMARY KEY (organization_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX hubstaff_time_off_requests_by_user ON hubstaff_time_off_requests (user_id, starts_at);

      -- Policy names label time off in the calendar ("Vacation").
      CREATE TABLE hubstaff_time_off_policies (
        organization_id INTEGER NOT NULL,
        id              INTEGER NOT NULL,
        name            TEXT NOT NULL,
        status          TEXT,
        paid            INTEGER,
        created_at      TEXT,
        updated_at      TEXT,
        synced_at       TEXT NOT NULL,
        PRIMARY KEY (organization_id, id)
      ) WITHOUT ROWID;

      -- Where each stream of each account stopped. org_id 0 = account-level streams
      -- (organizations, me). account_id is the accounts table's id (003); no foreign key so the
      -- order of migrations does not matter. The cursor advances in the same transaction as
      -- the rows it covers.
      CREATE TABLE sync_cursors (
        account_id TEXT NOT NULL,
        org_id     INTEGER NOT NULL,
        stream     TEXT NOT NULL,
        cursor     TEXT NOT NULL CHECK (json_valid(cursor)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (account_id, org_id, stream)
      ) WITHOUT ROWID;

      -- What the status bar, tray and "stint status" show per stream: last success, last error
      -- (JSON {code, message, correlationId}), kept across restarts and shared with the CLI.
      CREATE TABLE sync_stream_status (
        account_id      TEXT NOT NULL,
        org_id          INTEGER NOT NULL,
        stream          TEXT NOT NULL,
        last_success_at TEXT,
        last_error      TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        last_error_at   TEXT,
        PRIMARY KEY (account_id, org_id, stream)
      ) WITHOUT ROWID;

      -- Per account: when a sync run last finished, and the run-level error (offline, revoked…).
      CREATE TABLE sync_account_state (
        account_id     TEXT PRIMARY KEY,
        last_synced_at TEXT,
        last_outcome   TEXT,
        last_error     TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        updated_at     TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
