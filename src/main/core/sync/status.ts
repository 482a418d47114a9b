import type { AccountStatus, OverallSyncState, StreamStatus, SyncStatus } from '../../../common/ipc/sync-schemas';
import type { HubspotAccountView } from '../auth/hubspotAccounts';
import type { AccountView } from '../auth/types';
import type { Db } from '../db/database';
import { listStreamStatus, readAccountSyncState } from './store/syncStatus';
import { LONG_READS, loadActivitiesCursor } from './streams/activities';
import { loadDailyCursor } from './streams/daily';
import { HUBSPOT_PROVIDER } from '../providers/hubspot/adapter';
import { ORG_STREAMS } from './streams/types';

// The sync status views show (DESIGN §6): per account its state, last-synced time and run-level
// error; per organization stream the last success, last error and backfill progress; and one
// overall state. Built from what is stored, so the app and the CLI report the same thing.

export interface StatusInputs {
  db: Db;
  accounts: readonly AccountView[];
  /** HubSpot accounts: one organization (the portal) and HubSpot's streams each. */
  hubspot?: readonly HubspotAccountView[];
  /** Accounts with a run in progress in this process. */
  running: ReadonlySet<string>;
  paused: boolean;
}

function progressOf(db: Db, accountId: string, orgId: number, stream: string): StreamStatus['progress'] {
  const at = { db, accountId, orgId };
  if (stream === 'activities') {
    const read = loadActivitiesCursor(at).read;
    return read && LONG_READS.has(read.kind) ? { done: Math.min(read.slice, read.slices), total: read.slices } : null;
  }
  if (stream === 'daily_activities') {
    const read = loadDailyCursor(at).read;
    return read && LONG_READS.has(read.kind) ? { done: Math.min(read.slice, read.slices), total: read.slices } : null;
  }
  return null;
}

/** An account of either provider, as the status view needs it. */
interface StatusSource {
  account: Omit<AccountStatus, 'lastSyncedAt' | 'lastError' | 'organizations'>;
  organizations: { id: string; name: string | null }[];
  streams: readonly string[];
  /** Backfill progress of a stream of an organization (null: caught up, or not a backfilling stream). */
  progress(orgId: string, stream: string): StreamStatus['progress'];
}

function hubstaffSource(db: Db, a: AccountView): StatusSource {
  return {
    account: { accountId: a.id, provider: a.provider, userId: a.userId, name: a.name || null, email: a.email, status: a.status, sessionOnly: a.sessionOnly },
    organizations: a.organizations.map((o) => ({ id: String(o.id), name: o.name })),
    streams: ORG_STREAMS,
    progress: (orgId, stream) => progressOf(db, a.id, Number(orgId), stream),
  };
}

function hubspotSource(a: HubspotAccountView): StatusSource {
  return {
    account: { accountId: a.id, provider: a.provider, userId: a.ownerId, name: a.name || null, email: a.email, status: a.status, sessionOnly: false },
    organizations: a.portalId ? [{ id: a.portalId, name: a.portalName }] : [],
    streams: HUBSPOT_PROVIDER.streams,
    progress: () => null,
  };
}

export function buildSyncStatus(input: StatusInputs): SyncStatus {
  const { db } = input;
  const accounts: AccountStatus[] = [];
  const streams: StreamStatus[] = [];
  let anyError = false;
  let anyOffline = false;
  let lastSyncedAt: string | null = null;

  const sources = [...input.accounts.map((a) => hubstaffSource(db, a)), ...(input.hubspot ?? []).map(hubspotSource)];
  for (const src of sources) {
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

  const all = [...input.accounts, ...(input.hubspot ?? [])];
  let state: OverallSyncState;
  if (all.length === 0) state = 'signed_out';
  else if (all.some((a) => a.status === 'needs_reconnect')) state = 'needs_reconnect';
  else if (input.running.size > 0) state = 'syncing';
  else if (input.paused) state = 'paused';
  else if (anyOffline) state = 'offline';
  else if (anyError) state = 'error';
  else state = 'idle';
  return { state, lastSyncedAt, accounts, streams };
}
