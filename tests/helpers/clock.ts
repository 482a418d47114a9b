// The instant tests run at (DESIGN §10: time is an input). A test that builds data "relative
// to today" starts a clock here and asserts relative to it, never to the wall clock.
//
// STINT_TEST_NOW moves it: `.ci/run` sets it to the instant libfaketime gives the whole
// process tree, so the time-travel runs exercise the code at hostile instants (a Sunday
// just before local midnight, a DST switch) rather than at the fixed default.
import { FlowingClock, instantMs, ManualClock, type Instant } from '../../src/common/clock';

/** A Wednesday afternoon in UTC: morning in the Americas, night in the Pacific. */
export const DEFAULT_TEST_NOW = '2026-03-11T15:20:00.000Z';

export const TEST_NOW_MS: number = instantMs(process.env.STINT_TEST_NOW || DEFAULT_TEST_NOW);

/** A clock that stands at the test instant until a test moves it. */
export function testClock(at: Instant = TEST_NOW_MS): ManualClock {
  return new ManualClock(at);
}

/** A clock that starts at the test instant and runs on (for code that waits on real timers). */
export function flowingTestClock(at: Instant = TEST_NOW_MS): FlowingClock {
  return new FlowingClock(at);
}

/** The environment entry a child process needs to share the test's instant (see `clockFromEnv`). */
export function clockEnv(clock: { nowMs(): number }): { STINT_CLOCK: string } {
  return { STINT_CLOCK: new Date(clock.nowMs()).toISOString() };
}

/**
 * hh:mm on this machine's clock, on the local day of the test instant: for a test that needs
 * room before midnight (a tray that lists what is still to come, cadences counted over hours).
 */
export function localTimeOfTestDay(hour: number, minute = 0): Date {
  const day = new Date(TEST_NOW_MS);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour, minute);
}
