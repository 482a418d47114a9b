import { randomUUID } from 'node:crypto';
import type { ErrorInfo } from '../../../common/errors';
import { isStintError } from '../../../common/errors';
import type { AccountStatus, StreamStatus } from '../../../common/ipc/sync-schemas';
import type { ScopedLogger } from '../log/logger';
import { redactor } from '../log/redact';
import type { ProviderDescriptor } from '../providers/provider';
import type { RunOutcome } from './scheduler';
import type { DataChange } from './streams/types';

// What the sync engine asks of an integration. The engine owns scheduling, the per-account
// cross-process lock, status events and "sync now" reports; a provider owns its accounts, how
// one run of an account goes, and what its status rows show. Hubstaff and HubSpot implement
// this, and the next integration follows them without the engine learning its name.

/** An account as the engine schedules it, whichever provider. */
export interface SyncAccount {
  id: string;
  status: AccountStatus['status'];
  /** When this changes (e.g. organizations picked), the account syncs at once. */
  scope: string;
}

/** What a provider tells the engine of its accounts. */
export type ProviderAccountEvent = { type: 'changed'; accountId: string } | { type: 'removed'; accountId: string } | { type: 'other' };

export interface ProviderRunFailure {
  /** null for account-level streams and run-level failures. */
  orgId: number | null;
  stream: string | null;
  error: ErrorInfo;
}

/** One finished run of one account. */
export interface ProviderRun {
  accountId: string;
  outcome: RunOutcome;
  /** Requests sent in this run (every attempt, retries included). */
  requests: number;
  /** Records written and malformed records skipped, per stream of the provider. */
  records: Record<string, number>;
  skipped: Record<string, number>;
  errors: ProviderRunFailure[];
}

export interface ProviderRunContext {
  now(): number;
  /** Re-read every stream's whole range instead of the incremental work. */
  full: boolean;
  signal: AbortSignal;
  log: ScopedLogger;
  /** Progress moved (a backfill slice, a stream done): status listeners are told. */
  progress(): void;
  changed(what: DataChange): void;
}

/** An account as the status view shows it: its row, organizations and streams. */
export interface StatusSource {
  account: Omit<AccountStatus, 'lastSyncedAt' | 'lastError' | 'organizations'>;
  organizations: { id: string; name: string | null }[];
  streams: readonly string[];
  /** Backfill progress of a stream of an organization (null: caught up, or not a backfilling stream). */
  progress(orgId: string, stream: string): StreamStatus['progress'];
}

export interface SyncProvider {
  readonly descriptor: ProviderDescriptor;
  accounts(): SyncAccount[];
  onAccountEvent(listener: (e: ProviderAccountEvent) => void): () => void;
  /** Requests one steady-state poll of the account costs against the shared hourly budget. */
  requestsPerPoll(accountId: string): number;
  /** One run of the account (the engine holds the account's lock around it). */
  run(accountId: string, ctx: ProviderRunContext): Promise<ProviderRun>;
  statusSources(): StatusSource[];
  /** The account was signed in again after it needed it: drop what was tied to the old sign-in. */
  reconnected?(accountId: string): void;
  /** The account is gone: drop its clients and budgets. */
  forget?(accountId: string): void;
  /** What is left of the account's hourly request budget (shared by every process); none for a provider without one. */
  budget?(accountId: string): RequestBudgetView;
}

export interface RequestBudgetView {
  remaining: number;
  perHour: number;
}

/** Zero for each of the provider's streams. */
export function emptyStreamCounts(descriptor: ProviderDescriptor): Record<string, number> {
  return Object.fromEntries(descriptor.streams.map((s) => [s, 0]));
}

/** A failure as status and reports show it; every one carries a correlation id to find it in the log. */
export function failureInfo(e: unknown): ErrorInfo {
  // Messages can quote a server's error body: redacted before they are stored or shown.
  if (isStintError(e)) {
    const info = e.toInfo();
    return { ...info, message: redactor.redact(info.message), correlationId: info.correlationId ?? randomUUID() };
  }
  return { code: 'internal', message: redactor.redact(`Sync failed: ${e instanceof Error ? e.message : String(e)}`), correlationId: randomUUID() };
}

/** A run that did nothing: refused before it started, or failed outside any stream. */
export function failedRun(descriptor: ProviderDescriptor, accountId: string, outcome: RunOutcome, error: ErrorInfo): ProviderRun {
  return { accountId, outcome, requests: 0, records: emptyStreamCounts(descriptor), skipped: emptyStreamCounts(descriptor), errors: [{ orgId: null, stream: null, error }] };
}
