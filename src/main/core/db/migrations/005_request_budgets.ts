import type { Migration } from './types';

// The hourly Hubstaff request budget of each account (DESIGN §10: per account, persisted,
// shared by the app and the CLI). A token bucket: `tokens` as of `updated_at_ms` (the
// injected clock's milliseconds); refill since then is computed on read. Every take runs in a
// `BEGIN IMMEDIATE` transaction, so two processes on one database file never spend the same
// token twice.
export const requestBudgets: Migration = {
  version: 5,
  name: 'request_budgets',
  up(db) {
    db.exec(`
      CREATE TABLE request_budgets (
        account_id    TEXT PRIMARY KEY,
        tokens        REAL NOT NULL CHECK (tokens >= 0),
        updated_at_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
