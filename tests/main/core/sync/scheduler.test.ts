import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncScheduler, type RunOutcome } from '../../../../src/main/core/sync/scheduler';

/** A run function whose outcomes and durations the test controls. */
function fakeRuns(outcomes: RunOutcome[] | (() => RunOutcome), durationMs = 0) {
  const calls: { id: string; at: number }[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const run = async (id: string): Promise<RunOutcome> => {
    calls.push({ id, at: Date.now() });
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    if (durationMs) await new Promise((r) => setTimeout(r, durationMs));
    concurrent--;
    return typeof outcomes === 'function' ? outcomes() : (outcomes.shift() ?? 'ok');
  };
  return { run, calls, maxConcurrent: () => maxConcurrent };
}

describe('SyncScheduler', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('polls every 30 s while running and stops when stopped', async () => {
    const f = fakeRuns(() => 'ok');
    const s = new SyncScheduler({ run: f.run });
    s.addAccount('a');
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(95_000);
    expect(f.calls.map((c) => c.at)).toEqual([0, 30_000, 60_000, 90_000]);
    s.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(f.calls).toHaveLength(4);
  });

  it('never runs one account twice at once; triggers during a run queue exactly one more', async () => {
    const f = fakeRuns(() => 'ok', 5_000);
    const s = new SyncScheduler({ run: f.run });
    s.addAccount('a');
    s.start();
    await vi.advanceTimersByTimeAsync(1_000);
    void s.trigger('a');
    void s.triggerAll();
    void s.trigger('a');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.maxConcurrent()).toBe(1);
    expect(f.calls.map((c) => c.at)).toEqual([0, 5_000]);
  });

  it('"sync now" runs at once and restarts the interval from there', async () => {
    const f = fakeRuns(() => 'ok');
    const s = new SyncScheduler({ run: f.run });
    s.addAccount('a');
    s.start();
    await vi.advanceTimersByTimeAsync(10_000);
    await s.triggerAll();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(f.calls.map((c) => c.at)).toEqual([0, 10_000, 40_000]);
  });

  it('backs off while offline, up to 5 minutes, and recovers to 30 s', async () => {
    let offline = true;
    const f = fakeRuns(() => (offline ? 'offline' : 'ok'));
    const delays: (number | null)[] = [];
    const s = new SyncScheduler({ run: f.run, onOutcome: (_id, _o, next) => delays.push(next) });
    s.addAccount('a');
    s.start();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    // 60 s, 120 s, 240 s, then capped at 300 s: a bounded number of attempts, no busy loop.
    expect(delays.slice(0, 5)).toEqual([60_000, 120_000, 240_000, 300_000, 300_000]);
    expect(f.calls.length).toBeLessThanOrEqual(15);
    offline = false;
    await s.triggerAll(); // the network came back
    expect(delays.at(-1)).toBe(30_000);
  });

  it('parks an account that needs reconnecting until it is reconnected', async () => {
    const f = fakeRuns(['needs_reconnect', 'ok', 'ok']);
    const s = new SyncScheduler({ run: f.run });
    s.addAccount('a');
    s.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await s.triggerAll();
    expect(f.calls).toHaveLength(1);
    expect(s.nextRunAt('a')).toBeNull();
    await s.reconnected('a');
    expect(f.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(f.calls).toHaveLength(3);
  });

  it('widens the interval when many organizations would strain the hourly budget', () => {
    const s = new SyncScheduler({ run: async () => 'ok', requestsPerPoll: () => 2 * 20, hourlyBudget: 1000, budgetShare: 0.6 });
    s.addAccount('a');
    // 40 requests a poll within 600 an hour: at most 15 polls an hour, one every 240 s.
    expect(s.intervalFor('a')).toBe(240_000);
    const few = new SyncScheduler({ run: async () => 'ok', requestsPerPoll: () => 2 });
    few.addAccount('a');
    expect(few.intervalFor('a')).toBe(30_000);
  });

  it('accounts outside the budget (0 requests a poll, e.g. HubSpot) keep the base interval and do not widen the others', () => {
    const s = new SyncScheduler({ run: async () => 'ok', requestsPerPoll: (id) => (id.startsWith('hs') ? 0 : 2 * 20), hourlyBudget: 1000, budgetShare: 0.6 });
    s.addAccount('a');
    s.addAccount('hs1');
    s.addAccount('hs2');
    expect(s.intervalFor('hs1')).toBe(30_000);
    // Only 'a' counts: 40 requests a poll within 600 an hour, as if it were alone.
    expect(s.intervalFor('a')).toBe(240_000);
    s.addAccount('b');
    expect(s.intervalFor('a')).toBe(480_000);
  });

  it('pause stops the timers but "sync now" still works; resume polls again', async () => {
    const f = fakeRuns(() => 'ok');
    const s = new SyncScheduler({ run: f.run });
    s.addAccount('a');
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    s.pause();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(f.calls).toHaveLength(1);
    await s.trigger('a');
    expect(f.calls).toHaveLength(2);
    s.resume();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(f.calls).toHaveLength(4);
  });

  it('a run that throws counts as an error and backs off instead of stopping', async () => {
    let n = 0;
    const s = new SyncScheduler({
      run: async () => {
        if (n++ === 0) throw new Error('boom');
        return 'ok';
      },
    });
    s.addAccount('a');
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(s.nextRunAt('a')).toBe(60_000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(n).toBe(2);
  });
});
