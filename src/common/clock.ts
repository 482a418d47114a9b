// Time is an input (DESIGN §10). Everything that asks "now" takes a Clock from its caller; the
// composition roots (the shell, the CLI, the demo) pass `systemClock`, tests pass a clock set
// to an instant they picked. This file is the only place that reads the wall clock: lint
// forbids `Date.now()` and an argument-less `new Date()` in the core and the tests elsewhere.

export interface Clock {
  /** The current instant, in ms since the epoch. */
  nowMs(): number;
  /** The current instant as a Date (a fresh object each call). */
  now(): Date;
}

/** The machine's wall clock. */
export const systemClock: Clock = {
  nowMs: () => Date.now(),
  now: () => new Date(),
};

/** An instant as ms since the epoch: a Date, an ISO 8601 string or a number of ms. */
export type Instant = Date | string | number;

export function instantMs(at: Instant): number {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${String(at)}`);
  return ms;
}

// The clocks' methods are arrow properties: `clock.nowMs` can be handed on as a function.

/** A clock that stands still until told to move: for tests that step through time. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(at: Instant) {
    this.ms = instantMs(at);
  }

  readonly nowMs = (): number => this.ms;

  readonly now = (): Date => new Date(this.ms);

  set(at: Instant): void {
    this.ms = instantMs(at);
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * A clock that starts at a chosen instant and then runs at the speed of the machine's
 * monotonic clock: for code that waits on real timers (token lifetimes, back-offs) but whose
 * "today" must be the one a test picked. `advance` jumps it forward.
 */
export class FlowingClock implements Clock {
  private originMs: number;
  private originMono: number;
  private offsetMs = 0;

  constructor(at: Instant, private readonly monotonic: () => number = () => performance.now()) {
    this.originMs = instantMs(at);
    this.originMono = monotonic();
  }

  readonly nowMs = (): number => Math.floor(this.originMs + this.offsetMs + (this.monotonic() - this.originMono));

  readonly now = (): Date => new Date(this.nowMs());

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jumps to `at`, and flows on from there. */
  set(at: Instant): void {
    this.originMs = instantMs(at);
    this.originMono = this.monotonic();
    this.offsetMs = 0;
  }
}

/**
 * The clock a process starts with: the wall clock, or, when `STINT_CLOCK` holds an ISO 8601
 * instant, a clock flowing from that instant. Child processes of tests (the CLI, a second
 * accounts process) get their test's instant this way.
 */
export function clockFromEnv(env: Record<string, string | undefined>): Clock {
  const at = env.STINT_CLOCK;
  if (at === undefined || at === '') return systemClock;
  return new FlowingClock(at);
}
