import { describe, expect, it } from 'vitest';
import { readAhead } from '../../../../../src/main/core/providers/hubstaff/pagination';

/** A source of `n` pages that records when each page is started and whether it was closed. */
function source(n: number, failAt?: number) {
  const started: number[] = [];
  let closed = false;
  async function* gen(): AsyncGenerator<number> {
    try {
      for (let i = 0; i < n; i++) {
        started.push(i);
        await new Promise((r) => setTimeout(r, 1));
        if (i === failAt) throw new Error(`page ${i} failed`);
        yield i;
      }
    } finally {
      closed = true;
    }
  }
  return { gen: gen(), started, isClosed: () => closed };
}

describe('readAhead', () => {
  it('yields every page in order', async () => {
    const s = source(6);
    const out: number[] = [];
    for await (const p of readAhead(s.gen)) out.push(p);
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('has the next page requested while the caller handles the current one, never more than depth ahead', async () => {
    for (const depth of [1, 2]) {
      const s = source(6);
      const ahead: number[] = [];
      for await (const p of readAhead(s.gen, depth)) {
        await new Promise((r) => setTimeout(r, 5)); // the caller's work; the source runs meanwhile
        ahead.push(s.started.length - 1 - p);
      }
      // While page p is handled, pages up to p + depth have been started (fewer near the end).
      expect(ahead.slice(0, 6 - depth)).toEqual(Array(6 - depth).fill(depth));
      expect(Math.max(...ahead)).toBe(depth);
    }
  });

  it('surfaces an error at the page that failed, after the pages before it', async () => {
    const s = source(5, 2);
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const p of readAhead(s.gen)) out.push(p);
      })(),
    ).rejects.toThrow('page 2 failed');
    expect(out).toEqual([0, 1]);
  });

  it('closes the source when the caller stops early', async () => {
    const s = source(10);
    for await (const p of readAhead(s.gen)) if (p === 1) break;
    expect(s.isClosed()).toBe(true);
    expect(s.started.length).toBeLessThanOrEqual(3);
  });
});
