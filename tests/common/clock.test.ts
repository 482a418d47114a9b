import { describe, expect, it } from 'vitest';
import { clockFromEnv, FlowingClock, instantMs, ManualClock, systemClock } from '../../src/common/clock';

describe('clocks', () => {
  it('systemClock is the wall clock', () => {
    const before = Date.now();
    const ms = systemClock.nowMs();
    const date = systemClock.now();
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(date.getTime()).toBeGreaterThanOrEqual(ms);
    expect(date.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('a ManualClock stands still until set or advanced, and its methods work unbound', () => {
    const clock = new ManualClock('2026-03-08T10:00:00Z');
    const { nowMs, now } = clock;
    expect(nowMs()).toBe(Date.parse('2026-03-08T10:00:00Z'));
    clock.advance(90_000);
    expect(now().toISOString()).toBe('2026-03-08T10:01:30.000Z');
    clock.set(0);
    expect(nowMs()).toBe(0);
  });

  it('a FlowingClock starts at its instant and runs on the monotonic clock', () => {
    let mono = 1_000;
    const clock = new FlowingClock('2027-01-03T23:50:00-10:00', () => mono);
    expect(clock.now().toISOString()).toBe('2027-01-04T09:50:00.000Z');
    mono += 2_500;
    expect(clock.nowMs()).toBe(Date.parse('2027-01-04T09:50:02.500Z'));
    clock.advance(60_000);
    expect(clock.nowMs()).toBe(Date.parse('2027-01-04T09:51:02.500Z'));
    clock.set('2026-01-01T00:00:00Z');
    mono += 1_000;
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.000Z');
  });

  it("STINT_CLOCK gives a child process its parent test's instant; without it, the wall clock", () => {
    expect(clockFromEnv({})).toBe(systemClock);
    expect(clockFromEnv({ STINT_CLOCK: '' })).toBe(systemClock);
    const c = clockFromEnv({ STINT_CLOCK: '2026-03-08T10:00:00.000Z' });
    expect(c.nowMs() - Date.parse('2026-03-08T10:00:00.000Z')).toBeGreaterThanOrEqual(0);
    expect(c.nowMs() - Date.parse('2026-03-08T10:00:00.000Z')).toBeLessThan(60_000);
    expect(() => clockFromEnv({ STINT_CLOCK: 'yesterday' })).toThrow(RangeError);
  });

  it('instants are Dates, ISO strings or ms; anything else is refused', () => {
    expect(instantMs(new Date(5))).toBe(5);
    expect(instantMs('1970-01-01T00:00:00.007Z')).toBe(7);
    expect(() => instantMs(Number.NaN)).toThrow(RangeError);
    expect(() => instantMs('not a date')).toThrow(RangeError);
  });
});
