import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { StintError } from '../../../common/errors';
import type { SyncStatus } from '../../../common/ipc/sync-schemas';
import type { Accounts } from '../auth/accounts';
import { resolveHubstaffAuthConfig, type Env } from '../auth/config';
import { withRefreshLock } from '../auth/refreshLock';
import type { HubspotAccounts, HubspotAccountView } from '../auth/hubspotAccounts';
import type { AccountEvent, AccountView } from '../auth/types';
import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import { nullLogger } from '../log/logger';
import { RequestBudget, type RequestBudgetOptions } from '../providers/hubstaff/budget';
import { HubstaffClient, type HubstaffClientOptions } from '../providers/hubstaff/client';
import { HUBSPOT_TASKS_STREAM } from '../providers/hubspot/adapter';
import { runHubspotAccount, type HubspotRunReport } from './providerSync';
import type { RunReport, StreamFailure } from './runner';
import { emptyCounts, refusedRun, runAccount } from './runner';
import { SyncScheduler, type RunOutcome, type SchedulerOptions } from './scheduler';
import { buildSyncStatus } from './status';
import { clearCursor } from './store/cursors';
import type { Cadence, DataChange, StreamName } from './streams/types';
import { ACCOUNT_STREAMS, DEFAULT_CADENCE } from './streams/types';

// The sync engine (DESIGN §6): one runner per account driven by the scheduler (every 30 s while
// started; at once on "sync now", resume from sleep and network return; never two runs of one
// account at once, also across processes through a lock file next to the database), status
// and progress for the UI, the tray and the CLI, and change notices for views that refetch.
// HubSpot accounts (when given) ride the same scheduler: their task stream is one search per
// poll, far inside HubSpot's limits, and their status sits beside the Hubstaff accounts'.

export type ClientTuning = Partial<Omit<HubstaffClientOptions, 'tokens' | 'baseUrl' | 'pageLimit' | 'budget'>> & {
  budget?: RequestBudgetOptions;
};

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
  /** Client retries, timeouts, sleep (tests), budget. */
  client?: ClientTuning;
}

export interface SyncNowOptions {
  /** Re-read every stream's whole range instead of the incremental work. */
  full?: boolean;
}

/** Every stream a sync report counts: Hubstaff's and HubSpot's. */
export type ReportStream = StreamName | typeof HUBSPOT_TASKS_STREAM;

/** What one "sync now" did, over every account it ran. */
export interface SyncReport {
  status: SyncStatus['state'];
  requests: number;
  records: Record<ReportStream, number>;
  skipped: Record<ReportStream, number>;
  errors: (Omit<StreamFailure, 'stream'> & { stream: ReportStream | null; accountId: string })[];
  outcomes: Record<string, RunOutcome>;
}

/** One finished run as "sync now" collects it, whichever provider ran. */
type CollectedRun = Pick<SyncReport, 'requests' | 'records' | 'skipped' | 'errors'> & { accountId: string; outcome: RunOutcome };

function emptyReportCounts(): Record<ReportStream, number> {
  return { ...emptyCounts(), [HUBSPOT_TASKS_STREAM]: 0 };
}

function collectHubstaff(r: RunReport): CollectedRun {
  return {
    accountId: r.accountId,
    outcome: r.outcome,
    requests: r.requests,
    records: { ...emptyReportCounts(), ...r.records },
    skipped: { ...emptyReportCounts(), ...r.skipped },
    errors: r.errors.map((e) => ({ accountId: r.accountId, ...e })),
  };
}

function collectHubspot(r: HubspotRunReport, portalId: string): CollectedRun {
  const records = emptyReportCounts();
  const skipped = emptyReportCounts();
  const errors: SyncReport['errors'] = [];
  for (const s of r.streams) {
    const key = s.stream as ReportStream;
    records[key] = (records[key] ?? 0) + s.written;
    skipped[key] = (skipped[key] ?? 0) + s.skipped;
    if (s.warning) errors.push({ accountId: r.accountId, orgId: Number(portalId), stream: key, error: s.warning });
  }
  return { accountId: r.accountId, outcome: r.outcome, requests: r.requests, records, skipped, errors };
}

export class SyncEngine {
  private readonly scheduler: SyncScheduler;
  private readonly cadence: Cadence;
  private readonly now: () => number;
  private readonly log: ReturnType<Logger['scope']>;
  private readonly clients = new Map<string, { key: string; client: HubstaffClient }>();
  private readonly budgets = new Map<string, RequestBudget>();
  private readonly statusListeners = new Set<(s: SyncStatus) => void>();
  private readonly dataListeners = new Set<(c: DataChange) => void>();
  private readonly collectors = new Set<(r: CollectedRun) => void>();
  private readonly runListeners = new Set<(r: RunReport) => void>();
  private readonly pendingFull = new Set<string>();
  private readonly running = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly known = new Map<string, { status: AccountView['status']; orgs: string }>();
  private readonly abort = new AbortController();
  private readonly unsubscribe: () => void;
  private readonly unsubscribeHubspot: () => void;
  private started = false;
  private closed = false;

  constructor(private readonly opts: SyncEngineOptions) {
    this.cadence = { ...DEFAULT_CADENCE, ...opts.cadence };
    this.now = opts.now ?? Date.now;
    this.log = (opts.logger ?? nullLogger).scope('sync');
    this.scheduler = new SyncScheduler({
      ...opts.scheduler,
      run: (id) => this.runOne(id),
      requestsPerPoll: (id) => this.requestsPerPoll(id),
      onOutcome: (id, outcome, next) => this.log.debug('next poll', { account: id, outcome, inMs: next }),
    });
    this.unsubscribe = opts.accounts.onChange((e) => this.onAccountEvent(e));
    this.unsubscribeHubspot = opts.hubspot?.onChange((a) => this.onHubspotChange(a)) ?? (() => {});
    for (const a of this.accountList()) this.track(a);
    for (const a of this.hubspotList()) this.trackHubspot(a);
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
    const reports: CollectedRun[] = [];
    const collect = (r: CollectedRun): void => {
      reports.push(r);
    };
    this.collectors.add(collect);
    try {
      const ids = this.accountList().map((a) => {
        this.track(a);
        if (opts.full) this.pendingFull.add(a.id);
        return a.id;
      });
      for (const a of this.hubspotList()) {
        this.trackHubspot(a);
        ids.push(a.id);
      }
      await Promise.all(ids.map((id) => this.scheduler.trigger(id)));
    } finally {
      this.collectors.delete(collect);
    }
    return this.combine(reports);
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
    return buildSyncStatus({ db: this.opts.db, accounts: this.accountList(), hubspot: this.hubspotList(), running: this.running, paused: this.scheduler.isPaused });
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

  /** Every finished run of a Hubstaff account (scheduled or "sync now"), with what it did. */
  onRun(listener: (r: RunReport) => void): () => void {
    this.runListeners.add(listener);
    return () => this.runListeners.delete(listener);
  }

  /** Hubstaff requests one steady-state poll of the account costs: tasks + activity updates per organization. */
  requestsPerPoll(accountId: string): number {
    const a = this.accountList().find((x) => x.id === accountId);
    // HubSpot's requests do not draw on Hubstaff's hourly budget; its client keeps HubSpot's limits.
    if (!a && this.hubspotList().some((x) => x.id === accountId)) return 0;
    if (!a) return 1;
    return Math.max(1, 2 * a.organizations.length);
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
    this.unsubscribe();
    this.unsubscribeHubspot();
    await Promise.allSettled([...this.inflight]);
    this.statusListeners.clear();
    this.dataListeners.clear();
    this.runListeners.clear();
  }

  // ---- internals -------------------------------------------------------------------------

  private wake(): void {
    if (!this.started || this.closed) return;
    // An account reconnected by another process (the CLI) is unparked here too.
    for (const a of this.accountList()) this.track(a);
    for (const a of this.hubspotList()) this.trackHubspot(a);
    void this.scheduler.triggerAll();
  }

  private accountList(): AccountView[] {
    return this.opts.accounts.list().filter((a) => a.provider === 'hubstaff');
  }

  private hubspotList(): HubspotAccountView[] {
    return this.opts.hubspot?.list() ?? [];
  }

  /** Keeps the scheduler in step with the HubSpot accounts: new ones poll, reconnected ones unpark. */
  private trackHubspot(a: HubspotAccountView): void {
    const prev = this.known.get(a.id);
    this.known.set(a.id, { status: a.status, orgs: a.portalId });
    if (!prev) {
      this.scheduler.addAccount(a.id);
      return;
    }
    if (prev.status === 'needs_reconnect' && a.status !== 'needs_reconnect') {
      if (this.started) void this.scheduler.reconnected(a.id);
      else {
        this.scheduler.removeAccount(a.id);
        this.scheduler.addAccount(a.id);
      }
    }
  }

  private onHubspotChange(a: HubspotAccountView): void {
    if (this.closed) return;
    this.trackHubspot(a);
    this.emitStatus();
  }

  /** Keeps the scheduler's accounts in step with the accounts service. */
  private track(a: AccountView): void {
    const prev = this.known.get(a.id);
    const orgs = a.organizations.map((o) => o.id).join(',');
    this.known.set(a.id, { status: a.status, orgs });
    if (!prev) {
      this.scheduler.addAccount(a.id);
      return;
    }
    if (prev.status === 'needs_reconnect' && a.status !== 'needs_reconnect') {
      // "me" and the organization list are read at connect: a reconnect is one.
      for (const stream of ACCOUNT_STREAMS) clearCursor(this.opts.db, a.id, 0, stream);
      if (this.started) void this.scheduler.reconnected(a.id);
      else {
        // Not polling (e.g. the CLI signing in again): unpark without starting a run.
        this.scheduler.removeAccount(a.id);
        this.scheduler.addAccount(a.id);
      }
    }
    else if (prev.orgs !== orgs && this.started && !this.closed) void this.scheduler.trigger(a.id);
  }

  private onAccountEvent(e: AccountEvent): void {
    if (this.closed) return;
    if (e.type === 'account-changed') this.track(e.account);
    else if (e.type === 'account-removed') {
      this.known.delete(e.accountId);
      this.clients.delete(e.accountId);
      this.budgets.delete(e.accountId);
      this.scheduler.removeAccount(e.accountId);
    }
    this.emitStatus();
  }

  private clientFor(a: AccountView): HubstaffClient {
    const apiUrl = resolveHubstaffAuthConfig(this.opts.db, this.opts.env ?? process.env).apiUrl;
    const key = `${apiUrl} ${a.sync.pageLimit}`;
    const cached = this.clients.get(a.id);
    if (cached?.key === key) return cached.client;
    const { budget: budgetOptions, ...tuning } = this.opts.client ?? {};
    let budget = this.budgets.get(a.id);
    if (!budget) {
      // One bucket per account for the life of the engine, however often its client is rebuilt.
      budget = new RequestBudget({ ...(tuning.sleep ? { sleep: tuning.sleep } : {}), ...budgetOptions });
      this.budgets.set(a.id, budget);
    }
    const client = new HubstaffClient({
      ...tuning,
      tokens: this.opts.accounts.tokenProvider(a.id),
      baseUrl: apiUrl,
      pageLimit: a.sync.pageLimit,
      budget,
      onEvent: (ev) => {
        if (ev.outcome === 'retry') this.log.info('request retry', { account: a.id, path: ev.path, status: ev.status, code: ev.code, correlationId: ev.correlationId, delayMs: ev.delayMs });
        else if (ev.outcome === 'fail') this.log.warn('request failed', { account: a.id, path: ev.path, status: ev.status, code: ev.code, correlationId: ev.correlationId });
        tuning.onEvent?.(ev);
      },
    });
    this.clients.set(a.id, { key, client });
    return client;
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
    const account = this.accountList().find((a) => a.id === accountId);
    if (!account) {
      const hubspot = this.hubspotList().find((a) => a.id === accountId);
      if (hubspot) return this.runHubspotLocked(hubspot);
      // Signed out and purged: nothing left to poll.
      this.known.delete(accountId);
      this.scheduler.removeAccount(accountId);
      return 'ok';
    }
    if (account.status === 'needs_reconnect') return 'needs_reconnect';
    const full = this.pendingFull.delete(accountId);
    this.running.add(accountId);
    this.emitStatus();
    let report: RunReport;
    try {
      report = await this.locked(account.id, async () => {
        // Re-read inside the lock: another process may have changed the account meanwhile.
        const fresh = this.accountList().find((a) => a.id === accountId) ?? account;
        return runAccount(fresh, {
          db: this.opts.db,
          client: this.clientFor(fresh),
          cadence: this.cadence,
          now: this.now,
          full,
          signal: this.abort.signal,
          log: this.log,
          progress: () => this.emitStatus(),
          changed: (what) => this.emitData(what),
          setAccountStatus: (status, message) => this.setAccountStatus(accountId, status, message),
        });
      }, (busy) => refusedRun(accountId, 'error', busy, new Date(this.now()).toISOString()));
    } catch (e) {
      if (this.closed) return 'ok';
      const error = e instanceof StintError ? e : new StintError('internal', `Sync failed: ${e instanceof Error ? e.message : String(e)}`, { correlationId: randomUUID() });
      this.log.error('sync run failed', { account: accountId, error: e, correlationId: error.correlationId });
      report = refusedRun(accountId, 'error', error, new Date(this.now()).toISOString());
    } finally {
      this.running.delete(accountId);
    }
    const collected = collectHubstaff(report);
    for (const c of this.collectors) c(collected);
    for (const l of this.runListeners) {
      try {
        l(report);
      } catch {
        // a failing listener must not break sync
      }
    }
    this.emitStatus();
    return report.outcome;
  }

  /** One run of a HubSpot account, under the same per-account lock as a Hubstaff run. */
  private async runHubspotLocked(account: HubspotAccountView): Promise<RunOutcome> {
    const hubspot = this.opts.hubspot;
    if (!hubspot) return 'ok';
    if (account.status === 'needs_reconnect') return 'needs_reconnect';
    this.running.add(account.id);
    this.emitStatus();
    let collected: CollectedRun;
    try {
      const report = await this.locked(
        account.id,
        async () => {
          const fresh = this.hubspotList().find((a) => a.id === account.id) ?? account;
          return runHubspotAccount(hubspot, this.opts.db, fresh, { now: this.now, signal: this.abort.signal });
        },
        (busy): HubspotRunReport => ({ accountId: account.id, outcome: 'error', requests: 0, streams: [{ stream: HUBSPOT_TASKS_STREAM, written: 0, removed: 0, skipped: 0, warning: busy.toInfo() }] }),
      );
      collected = collectHubspot(report, account.portalId);
      if (report.streams.some((s) => s.written > 0 || s.removed > 0)) this.emitData('sources');
    } catch (e) {
      if (this.closed) return 'ok';
      const error = e instanceof StintError ? e : new StintError('internal', `Sync failed: ${e instanceof Error ? e.message : String(e)}`, { correlationId: randomUUID() });
      this.log.error('HubSpot sync run failed', { account: account.id, error: e, correlationId: error.correlationId });
      collected = { accountId: account.id, outcome: 'error', requests: 0, records: emptyReportCounts(), skipped: emptyReportCounts(), errors: [{ accountId: account.id, orgId: null, stream: null, error: error.toInfo() }] };
    } finally {
      this.running.delete(account.id);
    }
    for (const c of this.collectors) c(collected);
    this.emitStatus();
    return collected.outcome;
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
      const busy = new StintError('unavailable', 'Another Stint process is syncing this account; try again when it has finished.', { cause: e, correlationId: randomUUID() });
      this.log.info('sync run refused: the account is locked by another process', { account: accountId, correlationId: busy.correlationId });
      return refused(busy);
    }
  }

  private setAccountStatus(accountId: string, status: 'connected' | 'offline' | 'error' | 'needs_reconnect', message: string | null): void {
    if (this.closed) return;
    const current = this.opts.accounts.get(accountId);
    // The token provider may already have said why (e.g. the refresh was refused): keep its words.
    if (current.status === 'needs_reconnect') return;
    this.opts.accounts.setStatus(accountId, status, message);
  }

  private combine(reports: readonly CollectedRun[]): SyncReport {
    const records = emptyReportCounts();
    const skipped = emptyReportCounts();
    const errors: SyncReport['errors'] = [];
    const outcomes: Record<string, RunOutcome> = {};
    let requests = 0;
    for (const r of reports) {
      requests += r.requests;
      for (const k of Object.keys(records) as ReportStream[]) {
        records[k] += r.records[k];
        skipped[k] += r.skipped[k];
      }
      errors.push(...r.errors);
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
      } catch {
        // a failing view must not break sync
      }
    }
  }

  private emitData(what: DataChange): void {
    for (const l of this.dataListeners) {
      try {
        l(what);
      } catch {
        // a failing view must not break sync
      }
    }
  }
}
