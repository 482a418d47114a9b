import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../../../../src/main/core/providers/hubstaff/budget';

/** A manual clock; sleeping advances it, so waits are instant and exact. */
function clock(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => (t += ms),
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    sleeps,
  };
}

describe('RequestBudget', () => {
  it('starts full and counts down one per request', async () => {
    const c = clock();
    const b = new RequestBudget({ requestsPerHour: 10, now: c.now, sleep: c.sleep });
    expect(b.remaining()).toBe(10);
    for (let i = 0; i < 4; i++) await b.acquire();
    expect(b.remaining()).toBe(6);
  });

  it('refills continuously at the hourly rate, never above capacity', async () => {
    const c = clock();
    const b = new RequestBudget({ requestsPerHour: 1000, now: c.now, sleep: c.sleep });
    for (let i = 0; i < 1000; i++) await b.acquire();
    expect(b.remaining()).toBe(0);
    c.advance(36_000); // 3.6 s = one request at 1,000/h
    expect(b.remaining()).toBe(10);
    c.advance(10 * 3_600_000);
    expect(b.remaining()).toBe(1000);
  });

  it('waits when empty (default) for exactly the time one request takes to refill', async () => {
    const c = clock();
    const b = new RequestBudget({ requestsPerHour: 2, now: c.now, sleep: c.sleep });
    await b.acquire();
    await b.acquire();
    expect(b.msUntilAvailable()).toBe(1_800_000);
    await b.acquire();
    expect(c.sleeps).toEqual([1_800_000]);
    expect(b.remaining()).toBe(0);
  });

  it('fails fast with rate_limited when asked to, leaving the budget as it was', async () => {
    const c = clock();
    const b = new RequestBudget({ requestsPerHour: 1, whenEmpty: 'fail', now: c.now, sleep: c.sleep });
    await b.acquire();
    await expect(b.acquire()).rejects.toMatchObject({ code: 'rate_limited', correlationId: expect.any(String) });
    expect(c.sleeps).toEqual([]);
    await expect(b.acquire({ whenEmpty: 'wait' })).resolves.toBeUndefined();
    expect(c.sleeps).toEqual([3_600_000]);
  });

  it('a small capacity limits bursts', async () => {
    const c = clock();
    const b = new RequestBudget({ requestsPerHour: 3600, capacity: 2, now: c.now, sleep: c.sleep });
    await b.acquire();
    await b.acquire();
    await b.acquire();
    expect(c.sleeps).toEqual([1000]);
  });

  it('refuses nonsense settings', () => {
    expect(() => new RequestBudget({ requestsPerHour: 0 })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});
