import type { ErrorInfo } from '../../../common/errors';
import { isStintError } from '../../../common/errors';
import type { AccountView } from '../auth/types';
import type { Db } from '../db/database';
import type { HubstaffClient } from '../providers/hubstaff/client';
import type { RunOutcome } from './scheduler';
import { failureInfo, type ProviderRun, type ProviderRunFailure } from './syncProvider';
import { recordRun, recordStreamError, recordStreamSuccess } from './store/syncStatus';
import { activitiesStream } from './streams/activities';
import { dailyStream } from './streams/daily';
import { meStream, membersStream, organizationsStream, projectsStream, tasksStream, timeOffStream } from './streams/simple';
import type { Cadence, DataChange, Stream, StreamContext, StreamLog, StreamName } from './streams/types';
import { iso, ORG_STREAMS, STREAMS } from './streams/types';

// One sync run of one account: the account-level streams, then each selected organization's
// streams in order, each only when due. How a failure is handled depends on what it means:
//   401 / revoked grant  → the account needs reconnecting; no further request.
//   network unreachable  → offline; the run stops (the scheduler backs off).
//   403 / 404 of an org  → that org's streams report it; the other orgs go on.
//   429 / 5xx after retries, or a local failure → the stream reports it and the run stops.
//   400 and other upstream refusals → the stream reports it; the next stream goes on.

const ACCOUNT_ORDER: readonly Stream[] = [meStream, organizationsStream];
const ORG_ORDER: readonly Stream[] = [projectsStream, tasksStream, membersStream, timeOffStream, dailyStream, activitiesStream];

export interface StreamFailure extends ProviderRunFailure {
  stream: StreamName | null;
}

/** A Hubstaff run as the provider interface reports it, with its streams by name and its times. */
export interface RunReport extends ProviderRun {
  records: Record<StreamName, number>;
  skipped: Record<StreamName, number>;
  errors: StreamFailure[];
  startedAt: string;
  finishedAt: string;
}

export interface RunDeps {
  db: Db;
  client: HubstaffClient;
  cadence: Cadence;
  now(): number;
  full: boolean;
  signal: AbortSignal;
  log: StreamLog & { error(msg: string, fields?: Record<string, unknown>): void };
  progress(): void;
  changed(what: DataChange): void;
  /** Reports the account's status to the accounts service (`needs_reconnect` is sticky there). */
  setAccountStatus(status: 'connected' | 'offline' | 'error' | 'needs_reconnect', message: string | null): void;
}

type Severity = 'revoked' | 'offline' | 'org' | 'stop' | 'stream';

function severity(e: unknown): Severity {
  if (!isStintError(e)) return 'stop';
  switch (e.code) {
    case 'auth_revoked':
    case 'auth_failed':
      return 'revoked';
    case 'offline':
      return 'offline';
    case 'forbidden_org':
    case 'org_not_found':
      return 'org';
    case 'rate_limited':
    case 'unavailable':
    case 'keychain_unavailable':
    case 'internal':
      return 'stop';
    default:
      return 'stream';
  }
}

export function emptyCounts(): Record<StreamName, number> {
  return Object.fromEntries(STREAMS.map((s) => [s, 0])) as Record<StreamName, number>;
}

export async function runAccount(account: AccountView, deps: RunDeps): Promise<RunReport> {
  const startedMs = deps.now();
  const startedAt = iso(startedMs);
  const requestsBefore = deps.client.requestCount;
  const records = emptyCounts();
  const skipped = emptyCounts();
  const errors: StreamFailure[] = [];
  const report = (outcome: RunOutcome): RunReport => ({
    accountId: account.id,
    outcome,
    requests: deps.client.requestCount - requestsBefore,
    records,
    skipped,
    errors,
    startedAt,
    finishedAt: iso(deps.now()),
  });

  if (account.status === 'needs_reconnect') return report('needs_reconnect');

  const context = (orgId: number): StreamContext => ({
    db: deps.db,
    client: deps.client,
    accountId: account.id,
    userId: Number(account.userId),
    orgId,
    settings: account.sync,
    cadence: deps.cadence,
    now: deps.now,
    runStartedAt: startedMs,
    full: deps.full,
    signal: deps.signal,
    count(stream, n, bad) {
      records[stream] += n;
      skipped[stream] += bad;
    },
    progress: deps.progress,
    changed: deps.changed,
    log: deps.log,
  });

  const fail = (orgId: number | null, stream: StreamName | null, e: unknown): ErrorInfo => {
    const info = failureInfo(e);
    errors.push({ orgId, stream, error: info });
    if (stream) recordStreamError(deps.db, account.id, orgId ?? 0, stream, info, iso(deps.now()));
    const fields = { account: account.id, orgId, stream, code: info.code, correlationId: info.correlationId, message: info.message };
    if (isStintError(e)) deps.log.warn('stream failed', fields);
    else deps.log.error('stream failed unexpectedly', { ...fields, error: e });
    return info;
  };

  /** Runs one stream; returns what the run does next. */
  const runStream = async (stream: Stream, orgId: number): Promise<Severity | null> => {
    const ctx = context(orgId);
    if (!stream.due(ctx)) return null;
    try {
      await stream.run(ctx);
      recordStreamSuccess(deps.db, account.id, orgId, stream.name, iso(deps.now()));
      deps.progress();
      return null;
    } catch (e) {
      if (deps.signal.aborted) throw e;
      const s = severity(e);
      if (s === 'org') {
        const info = fail(orgId, stream.name, e);
        for (const other of ORG_STREAMS) if (other !== stream.name) recordStreamError(deps.db, account.id, orgId, other, info, iso(deps.now()));
      } else if (s === 'stream' || s === 'stop') {
        fail(orgId === 0 ? null : orgId, stream.name, e);
      }
      if (s === 'revoked' || s === 'offline') {
        const info = failureInfo(e);
        errors.push({ orgId: null, stream: null, error: info });
        deps.log.warn(s === 'offline' ? 'offline' : 'sign-in no longer accepted', { account: account.id, orgId, stream: stream.name, code: info.code, correlationId: info.correlationId });
      }
      return s;
    }
  };

  let outcome: RunOutcome = 'ok';
  let runError: ErrorInfo | null = null;
  try {
    outer: for (const [orgId, order] of [[0, ACCOUNT_ORDER] as const, ...account.organizations.map((o) => [o.id, ORG_ORDER] as const)]) {
      for (const stream of order) {
        const s = await runStream(stream, orgId);
        if (s === null || s === 'stream') {
          if (s === 'stream' && orgId === 0) runError = errors.at(-1)!.error;
          continue;
        }
        if (s === 'org') continue outer;
        runError = errors.at(-1)!.error;
        outcome = s === 'revoked' ? 'needs_reconnect' : s === 'offline' ? 'offline' : 'error';
        break outer;
      }
    }
  } catch (e) {
    if (deps.signal.aborted) return report('ok');
    throw e;
  }

  const finished = iso(deps.now());
  if (outcome === 'needs_reconnect') deps.setAccountStatus('needs_reconnect', runError?.message ?? 'Reconnect the account.');
  else if (outcome === 'offline') deps.setAccountStatus('offline', runError?.message ?? null);
  else if (outcome === 'error') deps.setAccountStatus('error', runError?.message ?? null);
  else deps.setAccountStatus('connected', null);
  // "Last synced" moves when the run reached Hubstaff and finished its work.
  recordRun(deps.db, account.id, outcome, outcome === 'ok' ? finished : null, runError, finished);
  const r = report(outcome);
  // A poll that found nothing new is logged at debug level, so the log keeps days of history.
  const busy = outcome !== 'ok' || errors.length > 0 || STREAMS.some((s) => s !== 'tasks' && records[s] > 0);
  (busy ? deps.log.info : deps.log.debug).call(deps.log, 'sync run', { account: account.id, outcome, requests: r.requests, records: r.records, errors: errors.length, ms: deps.now() - startedMs });
  return r;
}
