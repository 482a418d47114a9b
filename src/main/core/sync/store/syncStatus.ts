import type { ErrorInfo } from '../../../../common/errors';
import type { Db } from '../../db/database';
import { redactor } from '../../log/redact';
import { perDb } from './statements';

// Sync status that outlives a process: per stream the last success and last error, per account
// the last finished run. The app and the CLI read the same rows.

export interface StreamStatusRow {
  accountId: string;
  orgId: number;
  stream: string;
  lastSuccessAt: string | null;
  lastError: ErrorInfo | null;
  lastErrorAt: string | null;
}

export type RunOutcomeName = 'ok' | 'offline' | 'error' | 'needs_reconnect';

export interface AccountSyncState {
  accountId: string;
  lastSyncedAt: string | null;
  lastOutcome: RunOutcomeName | null;
  lastError: ErrorInfo | null;
}

const statements = perDb((db) => ({
  success: db.prepare(
    `INSERT INTO sync_stream_status (account_id, org_id, stream, last_success_at, last_error, last_error_at) VALUES (?, ?, ?, ?, NULL, NULL)
     ON CONFLICT (account_id, org_id, stream) DO UPDATE SET last_success_at = excluded.last_success_at, last_error = NULL, last_error_at = NULL`,
  ),
  failure: db.prepare(
    `INSERT INTO sync_stream_status (account_id, org_id, stream, last_success_at, last_error, last_error_at) VALUES (?, ?, ?, NULL, ?, ?)
     ON CONFLICT (account_id, org_id, stream) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
  ),
  list: db.prepare('SELECT * FROM sync_stream_status WHERE account_id = ? ORDER BY org_id, stream'),
  run: db.prepare(
    `INSERT INTO sync_account_state (account_id, last_synced_at, last_outcome, last_error, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET last_synced_at = coalesce(excluded.last_synced_at, sync_account_state.last_synced_at),
       last_outcome = excluded.last_outcome, last_error = excluded.last_error, updated_at = excluded.updated_at`,
  ),
  account: db.prepare('SELECT * FROM sync_account_state WHERE account_id = ?'),
}));

function parseError(json: string | null): ErrorInfo | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as ErrorInfo;
  } catch {
    return null;
  }
}

/**
 * Only what the UI may show: code, message, correlation id (details can be long). The message
 * can quote a server's error body, so it passes through the redactor before it is stored.
 */
function compact(e: ErrorInfo): string {
  const message = redactor.redact(e.message);
  return JSON.stringify(e.correlationId ? { code: e.code, message, correlationId: e.correlationId } : { code: e.code, message });
}

export function recordStreamSuccess(db: Db, accountId: string, orgId: number, stream: string, at: string): void {
  statements(db).success.run(accountId, orgId, stream, at);
}

export function recordStreamError(db: Db, accountId: string, orgId: number, stream: string, error: ErrorInfo, at: string): void {
  statements(db).failure.run(accountId, orgId, stream, compact(error), at);
}

export function listStreamStatus(db: Db, accountId: string): StreamStatusRow[] {
  const rows = statements(db).list.all(accountId) as {
    account_id: string;
    org_id: number;
    stream: string;
    last_success_at: string | null;
    last_error: string | null;
    last_error_at: string | null;
  }[];
  return rows.map((r) => ({
    accountId: r.account_id,
    orgId: r.org_id,
    stream: r.stream,
    lastSuccessAt: r.last_success_at,
    lastError: parseError(r.last_error),
    lastErrorAt: r.last_error_at,
  }));
}

/** Records a finished run; `syncedAt` is null when the run never reached Hubstaff (keeps the previous time). */
export function recordRun(db: Db, accountId: string, outcome: RunOutcomeName, syncedAt: string | null, error: ErrorInfo | null, now: string): void {
  statements(db).run.run(accountId, syncedAt, outcome, error ? compact(error) : null, now);
}

export function readAccountSyncState(db: Db, accountId: string): AccountSyncState | null {
  const r = statements(db).account.get(accountId) as
    | { account_id: string; last_synced_at: string | null; last_outcome: RunOutcomeName | null; last_error: string | null }
    | undefined;
  return r ? { accountId: r.account_id, lastSyncedAt: r.last_synced_at, lastOutcome: r.last_outcome, lastError: parseError(r.last_error) } : null;
}
