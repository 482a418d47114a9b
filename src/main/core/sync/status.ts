import type { AccountStatus, OverallSyncState, StreamStatus, SyncStatus } from '../../../common/ipc/sync-schemas';
import type { Db } from '../db/database';
import { listStreamStatus, readAccountSyncState } from './store/syncStatus';
import type { StatusSource } from './syncProvider';

// The sync status views show (DESIGN §6): per account its state, last-synced time and run-level
// error; per organization stream the last success, last error and backfill progress; and one
// overall state. Built from what is stored, so the app and the CLI report the same thing.

export interface StatusInputs {
  db: Db;
  /** Every account of every provider, as the status shows it. */
  sources: readonly StatusSource[];
  /** Accounts with a run in progress in this process. */
  running: ReadonlySet<string>;
  paused: boolean;
}

export function buildSyncStatus(input: StatusInputs): SyncStatus {
  const { db } = input;
  const accounts: AccountStatus[] = [];
  const streams: StreamStatus[] = [];
  let anyError = false;
  let anyOffline = false;
  let lastSyncedAt: string | null = null;

  for (const src of input.sources) {
    const a = src.account;
    const state = readAccountSyncState(db, a.accountId);
    const stored = new Map(listStreamStatus(db, a.accountId).map((s) => [`${s.orgId}/${s.stream}`, s]));
    if (state?.lastSyncedAt && (!lastSyncedAt || state.lastSyncedAt > lastSyncedAt)) lastSyncedAt = state.lastSyncedAt;
    if (a.status === 'offline' || state?.lastOutcome === 'offline') anyOffline = true;
    if (a.status === 'error' || state?.lastOutcome === 'error') anyError = true;
    accounts.push({
      ...a,
      organizations: src.organizations,
      lastSyncedAt: state?.lastSyncedAt ?? null,
      lastError: a.status === 'connected' && state?.lastOutcome === 'ok' ? null : (state?.lastError ?? null),
    });
    for (const org of src.organizations) {
      for (const stream of src.streams) {
        const s = stored.get(`${org.id}/${stream}`);
        // A stream's error (e.g. a missing scope) shows beside the stream; the account stays usable.
        if (s?.lastError) anyError = true;
        streams.push({
          accountId: a.accountId,
          orgId: org.id,
          stream,
          lastSuccessAt: s?.lastSuccessAt ?? null,
          lastError: s?.lastError ?? null,
          progress: src.progress(org.id, stream),
        });
      }
    }
  }

  let state: OverallSyncState;
  if (accounts.length === 0) state = 'signed_out';
  else if (accounts.some((a) => a.status === 'needs_reconnect')) state = 'needs_reconnect';
  else if (input.running.size > 0) state = 'syncing';
  else if (input.paused) state = 'paused';
  else if (anyOffline) state = 'offline';
  else if (anyError) state = 'error';
  else state = 'idle';
  return { state, lastSyncedAt, accounts, streams };
}
