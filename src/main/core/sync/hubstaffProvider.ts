import type { StreamStatus } from '../../../common/ipc/sync-schemas';
import type { Accounts } from '../auth/accounts';
import { resolveHubstaffAuthConfig, type Env } from '../auth/config';
import type { AccountView } from '../auth/types';
import type { Db } from '../db/database';
import type { ScopedLogger } from '../log/logger';
import { RequestBudget, type RequestBudgetOptions } from '../providers/hubstaff/budget';
import { HubstaffClient, type HubstaffClientOptions } from '../providers/hubstaff/client';
import { HUBSTAFF_PROVIDER } from '../providers/hubstaff/descriptor';
import { runAccount } from './runner';
import { clearCursor } from './store/cursors';
import { LONG_READS, loadActivitiesCursor } from './streams/activities';
import { loadDailyCursor } from './streams/daily';
import { ACCOUNT_STREAMS, ORG_STREAMS, type Cadence } from './streams/types';
import type { ProviderAccountEvent, ProviderRun, ProviderRunContext, RequestBudgetView, StatusSource, SyncAccount, SyncProvider } from './syncProvider';

// Hubstaff as the sync engine sees it: the accounts service's accounts, one API client and
// request budget per account, and a run of the streams of DESIGN §6 (runner.ts).

export type ClientTuning = Partial<Omit<HubstaffClientOptions, 'tokens' | 'baseUrl' | 'pageLimit' | 'budget'>> & {
  budget?: RequestBudgetOptions;
};

export interface HubstaffSyncOptions {
  db: Db;
  accounts: Accounts;
  env?: Env;
  cadence: Cadence;
  /** Client retries, timeouts, sleep (tests), budget. */
  client?: ClientTuning;
  log: ScopedLogger;
  /** The engine's clock (milliseconds): the request budget refills by it. */
  now?: () => number;
}

export class HubstaffSyncProvider implements SyncProvider {
  readonly descriptor = HUBSTAFF_PROVIDER;
  private readonly clients = new Map<string, { key: string; client: HubstaffClient }>();
  private readonly budgets = new Map<string, RequestBudget>();

  constructor(private readonly opts: HubstaffSyncOptions) {}

  accounts(): SyncAccount[] {
    return this.list().map((a) => ({ id: a.id, status: a.status, scope: a.organizations.map((o) => o.id).join(',') }));
  }

  onAccountEvent(listener: (e: ProviderAccountEvent) => void): () => void {
    return this.opts.accounts.onChange((e) => {
      if (e.type === 'account-changed') listener({ type: 'changed', accountId: e.account.id });
      else if (e.type === 'account-removed') listener({ type: 'removed', accountId: e.accountId });
      else listener({ type: 'other' });
    });
  }

  /** Tasks + activity updates per organization. */
  requestsPerPoll(accountId: string): number {
    const a = this.list().find((x) => x.id === accountId);
    return a ? Math.max(1, 2 * a.organizations.length) : 1;
  }

  async run(accountId: string, ctx: ProviderRunContext): Promise<ProviderRun> {
    const account = this.list().find((a) => a.id === accountId);
    if (!account) return { accountId, outcome: 'ok', requests: 0, records: {}, skipped: {}, errors: [] };
    const report = await runAccount(account, {
      db: this.opts.db,
      client: this.clientFor(account),
      cadence: this.opts.cadence,
      now: ctx.now,
      full: ctx.full,
      signal: ctx.signal,
      log: ctx.log,
      progress: ctx.progress,
      changed: ctx.changed,
      setAccountStatus: (status, message) => {
        // The token provider may already have said why (e.g. the refresh was refused): keep its words.
        if (ctx.signal.aborted || this.opts.accounts.get(accountId).status === 'needs_reconnect') return;
        this.opts.accounts.setStatus(accountId, status, message);
      },
    });
    return { accountId, outcome: report.outcome, requests: report.requests, records: report.records, skipped: report.skipped, errors: report.errors };
  }

  statusSources(): StatusSource[] {
    const { db } = this.opts;
    return this.list().map((a) => ({
      account: { accountId: a.id, provider: a.provider, userId: a.userId, name: a.name || null, email: a.email, status: a.status, statusMessage: a.statusMessage, sessionOnly: a.sessionOnly },
      organizations: a.organizations.map((o) => ({ id: String(o.id), name: o.name })),
      streams: ORG_STREAMS,
      progress: (orgId, stream) => backfillProgress(db, a.id, Number(orgId), stream),
    }));
  }

  /** "me" and the organization list are read at connect: a reconnect is one. */
  reconnected(accountId: string): void {
    for (const stream of ACCOUNT_STREAMS) clearCursor(this.opts.db, accountId, 0, stream);
  }

  forget(accountId: string): void {
    this.clients.delete(accountId);
    this.budgets.delete(accountId);
  }

  /**
   * The account's request budget: one bucket per account, kept in the database, so this engine,
   * however often it rebuilds the client, and every other process on the same data directory
   * (the app and the CLI) spend from the same hourly allowance.
   */
  budget(accountId: string): RequestBudgetView {
    const b = this.budgetFor(accountId);
    return { remaining: b.remaining(), perHour: b.requestsPerHour };
  }

  private budgetFor(accountId: string): RequestBudget {
    let budget = this.budgets.get(accountId);
    if (!budget) {
      const { budget: budgetOptions, sleep, now } = this.opts.client ?? {};
      const clock = budgetOptions?.now ?? now ?? this.opts.now;
      budget = new RequestBudget({
        ...(sleep ? { sleep } : {}),
        ...(clock ? { now: clock } : {}),
        ...budgetOptions,
        shared: { db: this.opts.db, accountId },
      });
      this.budgets.set(accountId, budget);
    }
    return budget;
  }

  private list(): AccountView[] {
    return this.opts.accounts.list();
  }

  private clientFor(a: AccountView): HubstaffClient {
    const apiUrl = resolveHubstaffAuthConfig(this.opts.db, this.opts.env ?? process.env).apiUrl;
    const key = `${apiUrl} ${a.sync.pageLimit}`;
    const cached = this.clients.get(a.id);
    if (cached?.key === key) return cached.client;
    const tuning: ClientTuning = { ...this.opts.client };
    delete tuning.budget;
    const budget = this.budgetFor(a.id);
    const log = this.opts.log;
    const client = new HubstaffClient({
      ...tuning,
      tokens: this.opts.accounts.tokenProvider(a.id),
      baseUrl: apiUrl,
      pageLimit: a.sync.pageLimit,
      budget,
      onEvent: (ev) => {
        if (ev.outcome === 'retry') log.info('request retry', { account: a.id, path: ev.path, status: ev.status, code: ev.code, correlationId: ev.correlationId, delayMs: ev.delayMs });
        else if (ev.outcome === 'fail') log.warn('request failed', { account: a.id, path: ev.path, status: ev.status, code: ev.code, correlationId: ev.correlationId });
        tuning.onEvent?.(ev);
      },
    });
    this.clients.set(a.id, { key, client });
    return client;
  }
}

/** Slices done of a long activities or daily-activities read in progress. */
function backfillProgress(db: Db, accountId: string, orgId: number, stream: string): StreamStatus['progress'] {
  const at = { db, accountId, orgId };
  const read = stream === 'activities' ? loadActivitiesCursor(at).read : stream === 'daily_activities' ? loadDailyCursor(at).read : null;
  return read && LONG_READS.has(read.kind) ? { done: Math.min(read.slice, read.slices), total: read.slices } : null;
}
