import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { StintError } from '../../../common/errors';
import type { SyncStatus } from '../../../common/ipc/sync-schemas';
import type { Accounts } from '../auth/accounts';
import type { Env } from '../auth/config';
import { LockBusyError, withRefreshLock } from '../auth/refreshLock';
import type { HubspotAccounts } from '../auth/hubspotAccounts';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import { nullLogger } from '../log/logger';
import { HubspotSyncProvider } from './hubspotProvider';
import { HubstaffSyncProvider, type ClientTuning } from './hubstaffProvider';
import { SyncScheduler, type RunOutcome, type SchedulerOptions } from './scheduler';
import { buildSyncStatus } from './status';
import type { Cadence, DataChange } from './streams/types';
import { DEFAULT_CADENCE } from './streams/types';
import { emptyStreamCounts, failedRun, failureInfo, type ProviderRun, type RequestBudgetView, type SyncAccount, type SyncProvider } from './syncProvider';
import { systemClock } from '../../../common/clock';

// The sync engine (DESIGN §6): one runner per account driven by the scheduler (every 30 s while
// started; at once on "sync now", resume from sleep and network return; never two runs of one
// account at once, also across processes through a lock file next to the database), status
// and progress for the UI, the tray and the CLI, and change notices for views that refetch.
// Each integration is a `SyncProvider` (Hubstaff, HubSpot): the engine schedules their accounts
// side by side and never asks which provider an account belongs to beyond finding it.

export type { ClientTuning } from './hubstaffProvider';

export interface SyncEngineOptions {
  db: Db;
  accounts: Accounts;
  /** HubSpot accounts, synced on the same schedule (optional: Hubstaff-only tests leave it out). */
  hubspot?: HubspotAccounts;
  logger?: Logger;
  /** STINT_HUBSTAFF_API_URL and friends (default process.env). */
  env?: Env;
  /** Scheduling clock (tests move it to make cadences due). */
  now?: () => number;
  /** Where the per-account sync lock files live (default: the database's folder). */
  lockDir?: string;
  /** How long a run waits for another Stint process syncing the same account (default 5 min). */
  lockTimeoutMs?: number;
  cadence?: Partial<Cadence>;
  scheduler?: Pick<SchedulerOptions, 'intervalMs' | 'maxBackoffMs' | 'hourlyBudget' | 'budgetShare'>;
  /** Hubstaff client retries, timeouts, sleep (tests), budget. */
  client?: ClientTuning;
}

export interface SyncNowOptions {
  /** Re-read every stream's whole range instead of the incremental work. */
  full?: boolean;
}

/** What one "sync now" did, over every account it ran. */
export interface SyncReport {
  status: SyncStatus['state'];
  requests: number;
  /** Per stream of every provider (Hubstaff's and HubSpot's stream names do not overlap). */
  records: Record<string, number>;
  skipped: Record<string, number>;
  errors: (ProviderRun['errors'][number] & { accountId: string })[];
  outcomes: Record<string, RunOutcome>;
}

/** A finished run and its provider, as listeners hear of it. */
export type FinishedRun = ProviderRun & { provider: SyncProvider['descriptor']['name'] };

export class SyncEngine {
  private readonly scheduler: SyncScheduler;
  private readonly now: () => number;
  private readonly log: ReturnType<Logger['scope']>;
  private readonly providers: SyncProvider[];
  private readonly statusListeners = new Set<(s: SyncStatus) => void>();
  private readonly dataListeners = new Set<(c: DataChange) => void>();
  private readonly collectors = new Set<(r: FinishedRun) => void>();
  private readonly runListeners = new Set<(r: FinishedRun) => void>();
  private readonly pendingFull = new Set<string>();
  private readonly running = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly known = new Map<string, { status: SyncAccount['status']; scope: string }>();
  private readonly abort = new AbortController();
  private readonly unsubscribers: (() => void)[];
  private started = false;
  private closed = false;

  constructor(private readonly opts: SyncEngineOptions) {
    this.now = opts.now ?? systemClock.nowMs;
    this.log = (opts.logger ?? nullLogger).scope('sync');
    const cadence = { ...DEFAULT_CADENCE, ...opts.cadence };
    this.providers = [
      new HubstaffSyncProvider({ db: opts.db, accounts: opts.accounts, cadence, log: this.log, now: this.now, ...(opts.env ? { env: opts.env } : {}), ...(opts.client ? { client: opts.client } : {}) }),
      ...(opts.hubspot ? [new HubspotSyncProvider({ db: opts.db, accounts: opts.hubspot })] : []),
    ];
    this.scheduler = new SyncScheduler({
      ...opts.scheduler,
      run: (id) => this.runOne(id),
      requestsPerPoll: (id) => this.requestsPerPoll(id),
      now: this.now,
      onOutcome: (id, outcome, next) => this.log.debug('next poll', { account: id, outcome, inMs: next }),
      onRunError: (id, error) => this.log.error('a sync run threw', { account: id, error }),
    });
    this.unsubscribers = this.providers.map((p) => p.onAccountEvent((e) => this.onAccountEvent(p, e)));
    for (const p of this.providers) for (const a of p.accounts()) this.track(p, a);
  }

  /** Starts polling every account (the shell and `stint sync` call this; nothing starts by default). */
  start(): void {
    if (this.closed) return;
    this.started = true;
    this.scheduler.start();
    this.emitStatus();
  }

  stop(): void {
    this.started = false;
    this.scheduler.stop();
    this.emitStatus();
  }

  /** Tray "Pause sync": no polling; "Sync now" still works. */
  pause(): void {
    this.scheduler.pause();
    this.emitStatus();
  }

  resume(): void {
    this.scheduler.resume();
    this.emitStatus();
  }

  get isStarted(): boolean {
    return this.started;
  }

  /**
   * Syncs every account now (joining a run already in progress) and resolves with what the runs
   * did. Accounts that need reconnecting are not contacted.
   */
  async syncNow(opts: SyncNowOptions = {}): Promise<SyncReport> {
    const runs: FinishedRun[] = [];
    const collect = (r: FinishedRun): void => {
      runs.push(r);
    };
    this.collectors.add(collect);
    try {
      const ids: string[] = [];
      for (const p of this.providers) {
        for (const a of p.accounts()) {
          this.track(p, a);
          if (opts.full) this.pendingFull.add(a.id);
          ids.push(a.id);
        }
      }
      await Promise.all(ids.map((id) => this.scheduler.trigger(id)));
    } finally {
      this.collectors.delete(collect);
    }
    return this.combine(runs);
  }

  /** The shell calls this when the network comes back: every account syncs at once. */
  networkChanged(online: boolean): void {
    if (online) this.wake();
  }

  /** The shell calls this on resume from sleep. */
  resumedFromSleep(): void {
    this.wake();
  }

  status(): SyncStatus {
    return buildSyncStatus({ db: this.opts.db, sources: this.providers.flatMap((p) => p.statusSources()), running: this.running, paused: this.scheduler.isPaused });
  }

  /** Status changes (run start/end, stream done, backfill slice, account change). Returns the unsubscribe. */
  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Cached data changed: sidebar items, tracked time / time off, or local tasks (source removed). */
  onDataChanged(listener: (c: DataChange) => void): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  /** Every finished run of any account (scheduled or "sync now"), with what it did. */
  onRun(listener: (r: FinishedRun) => void): () => void {
    this.runListeners.add(listener);
    return () => this.runListeners.delete(listener);
  }

  /** Requests one steady-state poll of the account costs against the shared hourly budget. */
  requestsPerPoll(accountId: string): number {
    return this.find(accountId)?.provider.requestsPerPoll(accountId) ?? 1;
  }

  /** What is left this hour of the account's request budget (shared with other processes); null for an account without one. */
  requestBudget(accountId: string): RequestBudgetView | null {
    const found = this.find(accountId);
    return found?.provider.budget?.(accountId) ?? null;
  }

  /** When the account's next poll is due (ms epoch), or null. */
  nextRunAt(accountId: string): number | null {
    return this.scheduler.nextRunAt(accountId);
  }

  /** Stops polling and aborts runs in flight; resolves when they have let go. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.started = false;
    this.scheduler.stop();
    this.abort.abort(new StintError('unavailable', 'Sync stopped'));
    for (const off of this.unsubscribers) off();
    await Promise.allSettled([...this.inflight]);
    this.statusListeners.clear();
    this.dataListeners.clear();
    this.runListeners.clear();
  }

  // ---- internals -------------------------------------------------------------------------

  private wake(): void {
    if (!this.started || this.closed) return;
    // An account reconnected by another process (the CLI) is unparked here too.
    for (const p of this.providers) for (const a of p.accounts()) this.track(p, a);
    void this.scheduler.triggerAll();
  }

  private find(accountId: string): { provider: SyncProvider; account: SyncAccount } | null {
    for (const provider of this.providers) {
      const account = provider.accounts().find((a) => a.id === accountId);
      if (account) return { provider, account };
    }
    return null;
  }

  /** Keeps the scheduler's accounts in step with the providers' accounts. */
  private track(provider: SyncProvider, a: SyncAccount): void {
    const prev = this.known.get(a.id);
    this.known.set(a.id, { status: a.status, scope: a.scope });
    if (!prev) {
      this.scheduler.addAccount(a.id);
      return;
    }
    if (prev.status === 'needs_reconnect' && a.status !== 'needs_reconnect') {
      provider.reconnected?.(a.id);
      if (this.started) void this.scheduler.reconnected(a.id);
      else {
        // Not polling (e.g. the CLI signing in again): unpark without starting a run.
        this.scheduler.removeAccount(a.id);
        this.scheduler.addAccount(a.id);
      }
    } else if (prev.scope !== a.scope && this.started && !this.closed) void this.scheduler.trigger(a.id);
  }

  private onAccountEvent(provider: SyncProvider, e: Parameters<Parameters<SyncProvider['onAccountEvent']>[0]>[0]): void {
    if (this.closed) return;
    if (e.type === 'changed') {
      const a = provider.accounts().find((x) => x.id === e.accountId);
      if (a) this.track(provider, a);
    } else if (e.type === 'removed') {
      this.known.delete(e.accountId);
      provider.forget?.(e.accountId);
      this.scheduler.removeAccount(e.accountId);
    }
    this.emitStatus();
  }

  /** The scheduler's run: one sync of one account, under the account's cross-process lock. */
  private runOne(accountId: string): Promise<RunOutcome> {
    const run = this.runLocked(accountId);
    this.inflight.add(run);
    void run.finally(() => this.inflight.delete(run));
    return run;
  }

  private async runLocked(accountId: string): Promise<RunOutcome> {
    if (this.closed) return 'ok';
    const found = this.find(accountId);
    if (!found) {
      // Signed out and purged: nothing left to poll.
      this.known.delete(accountId);
      this.scheduler.removeAccount(accountId);
      return 'ok';
    }
    const { provider, account } = found;
    if (account.status === 'needs_reconnect') return 'needs_reconnect';
    const full = this.pendingFull.delete(accountId);
    this.running.add(accountId);
    this.emitStatus();
    let run: ProviderRun;
    try {
      run = await this.locked(
        accountId,
        () =>
          provider.run(accountId, {
            now: this.now,
            full,
            signal: this.abort.signal,
            log: this.log,
            progress: () => this.emitStatus(),
            changed: (what) => this.emitData(what),
          }),
        (busy) => failedRun(provider.descriptor, accountId, 'error', busy.toInfo()),
      );
    } catch (e) {
      if (this.closed) return 'ok';
      const info = failureInfo(e);
      this.log.error(`${provider.descriptor.label} sync run failed`, { account: accountId, error: e, correlationId: info.correlationId });
      run = failedRun(provider.descriptor, accountId, 'error', info);
    } finally {
      this.running.delete(accountId);
    }
    const finished: FinishedRun = { ...run, provider: provider.descriptor.name };
    for (const c of this.collectors) c(finished);
    for (const l of this.runListeners) {
      try {
        l(finished);
      } catch (error) {
        this.log.error('a sync run listener failed', { account: accountId, error }); // and sync goes on
      }
    }
    this.emitStatus();
    return run.outcome;
  }

  private async locked<T>(accountId: string, fn: () => Promise<T>, refused: (busy: StintError) => T): Promise<T> {
    const dir = this.opts.lockDir ?? dirname(this.opts.db.name);
    const file = join(dir, `sync-${accountId.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);
    let entered = false;
    try {
      return await withRefreshLock(
        file,
        () => {
          entered = true;
          return fn();
        },
        { timeoutMs: this.opts.lockTimeoutMs ?? 5 * 60_000, pollMs: 50 },
      );
    } catch (e) {
      if (entered || this.closed) throw e;
      if (!(e instanceof LockBusyError)) {
        // Not another process: the lock file itself failed (a file where the folder should be, no permission).
        const failed = new StintError('unavailable', `Could not start the sync: ${e instanceof Error ? e.message : String(e)}`, { cause: e, correlationId: randomUUID() });
        this.log.error('sync run refused: the sync lock could not be taken', { account: accountId, error: e, correlationId: failed.correlationId });
        return refused(failed);
      }
      const busy = new StintError('unavailable', 'Another Stint process is syncing this account; try again when it has finished.', { cause: e, correlationId: randomUUID() });
      this.log.info('sync run refused: the account is locked by another process', { account: accountId, correlationId: busy.correlationId });
      return refused(busy);
    }
  }

  private combine(runs: readonly FinishedRun[]): SyncReport {
    // Every provider's streams appear, zero when nothing ran, so the report's shape is fixed.
    const records: Record<string, number> = {};
    const skipped: Record<string, number> = {};
    for (const p of this.providers) {
      Object.assign(records, emptyStreamCounts(p.descriptor));
      Object.assign(skipped, emptyStreamCounts(p.descriptor));
    }
    const errors: SyncReport['errors'] = [];
    const outcomes: Record<string, RunOutcome> = {};
    let requests = 0;
    for (const r of runs) {
      requests += r.requests;
      for (const [k, n] of Object.entries(r.records)) records[k] = (records[k] ?? 0) + n;
      for (const [k, n] of Object.entries(r.skipped)) skipped[k] = (skipped[k] ?? 0) + n;
      errors.push(...r.errors.map((e) => ({ ...e, accountId: r.accountId })));
      outcomes[r.accountId] = r.outcome;
    }
    return { status: this.status().state, requests, records, skipped, errors, outcomes };
  }

  private emitStatus(): void {
    if (this.statusListeners.size === 0 || this.closed) return;
    let s: SyncStatus;
    try {
      s = this.status();
    } catch (e) {
      this.log.warn('status unavailable', { error: e });
      return;
    }
    for (const l of this.statusListeners) {
      try {
        l(s);
      } catch (error) {
        this.log.error('a sync status listener failed', { error }); // and sync goes on
      }
    }
  }

  private emitData(what: DataChange): void {
    for (const l of this.dataListeners) {
      try {
        l(what);
      } catch (error) {
        this.log.error('a data change listener failed', { what, error }); // and sync goes on
      }
    }
  }
}
