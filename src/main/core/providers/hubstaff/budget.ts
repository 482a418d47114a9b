import { randomUUID } from 'node:crypto';
import { StintError } from '../../../../common/errors';
import { realSleep, type Sleep } from '../shared/sleep';
import { systemClock } from '../../../../common/clock';

// Hubstaff allows about 1,000 requests per hour per application (reference §2). Every request
// of an account goes through one bucket, so a backfill cannot starve the steady-state poll
// and the scheduler can read how much is left before widening its interval.

export interface RequestBudgetOptions {
  /** Refill rate. Default 1,000 per hour. */
  requestsPerHour?: number;
  /** Bucket size (the burst allowed after a quiet period). Default: requestsPerHour. */
  capacity?: number;
  /** When empty: wait for the next token (default) or fail at once with `rate_limited`. */
  whenEmpty?: 'wait' | 'fail';
  now?: () => number;
  sleep?: Sleep;
}

const HOUR_MS = 3_600_000;

export class RequestBudget {
  readonly capacity: number;
  readonly whenEmpty: 'wait' | 'fail';
  private readonly msPerToken: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private tokens: number;
  private last: number;

  constructor(opts: RequestBudgetOptions = {}) {
    const perHour = opts.requestsPerHour ?? 1000;
    if (!(perHour > 0)) throw new StintError('invalid_argument', 'requestsPerHour must be positive');
    this.capacity = opts.capacity ?? perHour;
    if (!(this.capacity >= 1)) throw new StintError('invalid_argument', 'capacity must be at least 1');
    this.msPerToken = HOUR_MS / perHour;
    this.whenEmpty = opts.whenEmpty ?? 'wait';
    this.now = opts.now ?? systemClock.nowMs;
    this.sleep = opts.sleep ?? realSleep;
    this.tokens = this.capacity;
    this.last = this.now();
  }

  /** Whole requests that can be made right now. */
  remaining(): number {
    this.refill();
    return Math.floor(this.tokens);
  }

  /** Milliseconds until the next request may go (0 when one is available now). */
  msUntilAvailable(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.msPerToken);
  }

  /** Takes one request from the bucket, waiting or failing per `whenEmpty` (overridable per call). */
  async acquire(opts: { whenEmpty?: 'wait' | 'fail'; signal?: AbortSignal } = {}): Promise<void> {
    const mode = opts.whenEmpty ?? this.whenEmpty;
    for (;;) {
      opts.signal?.throwIfAborted();
      const wait = this.msUntilAvailable();
      if (wait === 0) {
        this.tokens -= 1;
        return;
      }
      if (mode === 'fail') {
        throw new StintError('rate_limited', 'The hourly Hubstaff request budget for this account is used up', {
          correlationId: randomUUID(),
          details: [`next request possible in ${Math.ceil(wait / 1000)} s`],
        });
      }
      await this.sleep(wait, opts.signal);
    }
  }

  private refill(): void {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) / this.msPerToken);
      this.last = t;
    }
  }
}
