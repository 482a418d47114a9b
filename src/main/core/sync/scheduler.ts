// When each account syncs (DESIGN §6): every 30 s while the app runs; at once on "sync now",
// on resume from sleep and when the network returns; never two runs of one account at once
// (a trigger during a run queues exactly one more); backing off while offline or failing, up
// to 5 minutes; a wider interval when many organizations would strain the hourly budget; and
// no polling at all for an account that needs reconnecting, until it is reconnected.

import { systemClock } from '../../../common/clock';

export type RunOutcome = 'ok' | 'offline' | 'error' | 'needs_reconnect';

export interface SchedulerOptions {
  /** Runs one sync of the account; must not throw (failures are outcomes). */
  run(accountId: string): Promise<RunOutcome>;
  /** Hears a run that threw anyway (a bug): the poll counts as an error and backs off. */
  onRunError?(accountId: string, error: unknown): void;
  /** Requests one steady-state poll of the account costs (≈ 2 per organization); 0 for an account outside the budget. */
  requestsPerPoll?(accountId: string): number;
  intervalMs?: number;
  maxBackoffMs?: number;
  /** Requests per hour the scheduler may plan for (Hubstaff allows ~1,000 per app). */
  hourlyBudget?: number;
  /** Share of the budget steady polling may use, leaving room for backfills and retries. */
  budgetShare?: number;
  onOutcome?(accountId: string, outcome: RunOutcome, nextInMs: number | null): void;
  /** The clock `nextAt` is told in (timers themselves run on the machine's monotonic time). */
  now?: () => number;
}

interface AccountSlot {
  timer: ReturnType<typeof setTimeout> | null;
  running: Promise<void> | null;
  rerun: boolean;
  failures: number;
  parked: boolean; // needs_reconnect: no polling until reconnected
  nextAt: number | null;
}

export class SyncScheduler {
  private readonly slots = new Map<string, AccountSlot>();
  private started = false;
  private paused = false;
  private readonly intervalMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly opts: SchedulerOptions) {
    this.intervalMs = opts.intervalMs ?? 30_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 5 * 60_000;
  }

  addAccount(id: string): void {
    if (this.slots.has(id)) return;
    this.slots.set(id, { timer: null, running: null, rerun: false, failures: 0, parked: false, nextAt: null });
    if (this.started && !this.paused) void this.trigger(id);
  }

  removeAccount(id: string): void {
    const s = this.slots.get(id);
    if (s?.timer) clearTimeout(s.timer);
    this.slots.delete(id);
  }

  /** Starts polling: every account syncs at once, then on its interval. */
  start(): void {
    this.started = true;
    if (!this.paused) for (const id of this.slots.keys()) void this.trigger(id);
  }

  stop(): void {
    this.started = false;
    for (const s of this.slots.values()) this.clearTimer(s);
  }

  /** Pause sync (tray): timers stop; "sync now" still works. */
  pause(): void {
    this.paused = true;
    for (const s of this.slots.values()) this.clearTimer(s);
  }

  resume(): void {
    this.paused = false;
    if (this.started) this.triggerAll();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** "Sync now", resume from sleep, network back: every account that is not parked, at once. */
  triggerAll(): Promise<void> {
    return Promise.all([...this.slots.keys()].map((id) => this.trigger(id))).then(() => undefined);
  }

  /** Sync one account now; resolves when the run (and any queued rerun) is done. */
  trigger(id: string): Promise<void> {
    const s = this.slots.get(id);
    if (!s || s.parked) return Promise.resolve();
    if (s.running) {
      s.rerun = true;
      return s.running;
    }
    this.clearTimer(s);
    s.running = this.loop(id, s);
    return s.running;
  }

  /** After a reconnect: the account polls again, starting now. */
  reconnected(id: string): Promise<void> {
    const s = this.slots.get(id);
    if (!s) return Promise.resolve();
    s.parked = false;
    s.failures = 0;
    return this.trigger(id);
  }

  /** When the next poll of the account is due (ms epoch), or null when none is planned. */
  nextRunAt(id: string): number | null {
    return this.slots.get(id)?.nextAt ?? null;
  }

  isRunning(id: string): boolean {
    return Boolean(this.slots.get(id)?.running);
  }

  /** The steady interval for an account: 30 s, or wider when its organizations would strain the budget. */
  intervalFor(id: string): number {
    const perPollOf = (x: string): number => this.opts.requestsPerPoll?.(x) ?? 2;
    const own = perPollOf(id);
    // 0: the account's requests go to another provider with its own limits (HubSpot).
    if (own <= 0) return this.intervalMs;
    const perPoll = Math.max(1, own);
    const budget = (this.opts.hourlyBudget ?? 1000) * (this.opts.budgetShare ?? 0.6);
    const accounts = Math.max(1, [...this.slots.keys()].filter((x) => perPollOf(x) > 0).length);
    const minForBudget = Math.ceil((perPoll * accounts * 3_600_000) / budget);
    return Math.max(this.intervalMs, minForBudget);
  }

  private async loop(id: string, s: AccountSlot): Promise<void> {
    let outcome: RunOutcome;
    try {
      do {
        s.rerun = false;
        outcome = await this.opts.run(id).catch((error: unknown): RunOutcome => {
          this.opts.onRunError?.(id, error);
          return 'error';
        });
      } while (s.rerun && outcome !== 'needs_reconnect' && this.slots.get(id) === s);
    } finally {
      s.running = null;
    }
    if (this.slots.get(id) !== s) return;
    const next = this.plan(id, s, outcome);
    this.opts.onOutcome?.(id, outcome, next);
  }

  private plan(id: string, s: AccountSlot, outcome: RunOutcome): number | null {
    if (outcome === 'needs_reconnect') {
      s.parked = true;
      s.nextAt = null;
      return null;
    }
    s.failures = outcome === 'ok' ? 0 : s.failures + 1;
    const base = this.intervalFor(id);
    const delay = s.failures === 0 ? base : Math.min(base * 2 ** s.failures, Math.max(this.maxBackoffMs, base));
    if (!this.started || this.paused) {
      s.nextAt = null;
      return null;
    }
    s.nextAt = (this.opts.now ?? systemClock.nowMs)() + delay;
    s.timer = setTimeout(() => {
      s.timer = null;
      void this.trigger(id);
    }, delay);
    s.timer.unref?.();
    return delay;
  }

  private clearTimer(s: AccountSlot): void {
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    s.nextAt = null;
  }
}
