import { randomUUID } from 'node:crypto';
import { StintError } from '../../../../common/errors';
import { realSleep, type Sleep } from '../shared/sleep';
import { systemClock } from '../../../../common/clock';
import type { Db } from '../../db/database';

// Hubstaff allows about 1,000 requests per hour per application (reference §2). Every request
// of an account goes through one bucket, so a backfill cannot starve the steady-state poll
// and the scheduler can read how much is left before widening its interval.
//
// With `shared`, the bucket lives in the `request_budgets` table instead of in memory, so every
// process on the same database (the app and the CLI) spends from one budget per account. Each
// take is one `BEGIN IMMEDIATE` transaction (read, refill, take, write): better-sqlite3 is
// synchronous and SQLite takes the write lock at BEGIN, so two processes never both spend
// the last token.

export interface RequestBudgetOptions {
  /** Refill rate. Default 1,000 per hour. */
  requestsPerHour?: number;
  /** Bucket size (the burst allowed after a quiet period). Default: requestsPerHour. */
  capacity?: number;
  /** When empty: wait for the next token (default) or fail at once with `rate_limited`. */
  whenEmpty?: 'wait' | 'fail';
  now?: () => number;
  sleep?: Sleep;
  /** Keep the bucket in the database, shared by every process that opens it. */
  shared?: { db: Db; accountId: string };
}

interface BucketState {
  tokens: number;
  /** When `tokens` was last brought up to date (clock milliseconds). */
  last: number;
}

const HOUR_MS = 3_600_000;

export class RequestBudget {
  readonly capacity: number;
  readonly whenEmpty: 'wait' | 'fail';
  readonly requestsPerHour: number;
  private readonly msPerToken: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly shared: { db: Db; accountId: string } | undefined;
  /** The in-memory bucket (when not shared). */
  private state: BucketState;

  constructor(opts: RequestBudgetOptions = {}) {
    const perHour = opts.requestsPerHour ?? 1000;
    if (!(perHour > 0)) throw new StintError('invalid_argument', 'requestsPerHour must be positive');
    this.capacity = opts.capacity ?? perHour;
    if (!(this.capacity >= 1)) throw new StintError('invalid_argument', 'capacity must be at least 1');
    this.requestsPerHour = perHour;
    this.msPerToken = HOUR_MS / perHour;
    this.whenEmpty = opts.whenEmpty ?? 'wait';
    this.now = opts.now ?? systemClock.nowMs;
    this.sleep = opts.sleep ?? realSleep;
    this.shared = opts.shared;
    this.state = { tokens: this.capacity, last: this.now() };
  }

  /** Whole requests that can be made right now. */
  remaining(): number {
    return Math.floor(this.current().tokens);
  }

  /** Milliseconds until the next request may go (0 when one is available now). */
  msUntilAvailable(): number {
    return this.waitFor(this.current());
  }

  /** Takes one request from the bucket, waiting or failing per `whenEmpty` (overridable per call). */
  async acquire(opts: { whenEmpty?: 'wait' | 'fail'; signal?: AbortSignal } = {}): Promise<void> {
    const mode = opts.whenEmpty ?? this.whenEmpty;
    for (;;) {
      opts.signal?.throwIfAborted();
      const wait = this.tryTake();
      if (wait === 0) return;
      if (mode === 'fail') {
        throw new StintError('rate_limited', 'Stint has used this hour’s request budget for this Hubstaff account; syncing goes on when the hour allows', {
          correlationId: randomUUID(),
          details: [`next request possible in ${Math.ceil(wait / 1000)} s`],
        });
      }
      await this.sleep(wait, opts.signal);
    }
  }

  /** Takes one token if there is one (0), else leaves the bucket as it is and says how long to wait. */
  private tryTake(): number {
    const take = (): number => {
      const s = this.current();
      const wait = this.waitFor(s);
      if (wait === 0) this.store({ tokens: s.tokens - 1, last: s.last });
      return wait;
    };
    return this.shared ? this.shared.db.transaction(take).immediate() : take();
  }

  private waitFor(s: BucketState): number {
    return s.tokens >= 1 ? 0 : Math.ceil((1 - s.tokens) * this.msPerToken);
  }

  /** The bucket refilled up to now (a clock that went back refills nothing). */
  private current(): BucketState {
    const s = this.load();
    const t = this.now();
    if (t <= s.last) return s;
    return { tokens: Math.min(this.capacity, s.tokens + (t - s.last) / this.msPerToken), last: t };
  }

  private load(): BucketState {
    if (!this.shared) return this.state;
    const row = this.shared.db.prepare('SELECT tokens, updated_at_ms AS last FROM request_budgets WHERE account_id = ?').get(this.shared.accountId) as BucketState | undefined;
    // No row yet: a full bucket. A smaller capacity than the stored tokens (a setting changed) caps them.
    return row ? { tokens: Math.min(this.capacity, row.tokens), last: row.last } : { tokens: this.capacity, last: this.now() };
  }

  private store(s: BucketState): void {
    if (!this.shared) {
      this.state = s;
      return;
    }
    this.shared.db
      .prepare(
        `INSERT INTO request_budgets (account_id, tokens, updated_at_ms) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET tokens = excluded.tokens, updated_at_ms = excluded.updated_at_ms`,
      )
      .run(this.shared.accountId, s.tokens, Math.round(s.last));
  }
}
