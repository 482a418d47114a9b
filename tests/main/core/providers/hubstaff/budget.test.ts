import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../../../src/main/core/db/database';
import { RequestBudget } from '../../../../../src/main/core/providers/hubstaff/budget';
import { TEST_NOW_MS, testClock } from '../../../../helpers/clock';

const CHILD = fileURLToPath(new URL('./fixtures/budgetChild.ts', import.meta.url));

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

// DESIGN §10: the budget is per account and shared by the app and the CLI through the database.
describe('RequestBudget shared in the database', () => {
  let dir = '';
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });
  function open(): Db {
    dir ||= mkdtempSync(join(tmpdir(), 'stint-budget-'));
    const { db } = openDatabase(join(dir, 'stint.db'));
    dbs.push(db);
    return db;
  }

  it('two connections to one file spend from one bucket per account, and it refills by the injected clock', async () => {
    const clock = testClock();
    const [a, b] = [open(), open()];
    const opts = { requestsPerHour: 100, now: clock.nowMs, sleep: async () => {} };
    const appSide = new RequestBudget({ ...opts, shared: { db: a, accountId: 'hubstaff:1' } });
    const cliSide = new RequestBudget({ ...opts, shared: { db: b, accountId: 'hubstaff:1' } });
    const otherAccount = new RequestBudget({ ...opts, shared: { db: b, accountId: 'hubstaff:2' } });

    for (let i = 0; i < 30; i++) await appSide.acquire();
    expect(cliSide.remaining()).toBe(70);
    for (let i = 0; i < 70; i++) await cliSide.acquire();
    expect(appSide.remaining()).toBe(0);
    expect(otherAccount.remaining()).toBe(100);
    await expect(appSide.acquire({ whenEmpty: 'fail' })).rejects.toMatchObject({ code: 'rate_limited' });

    clock.advance(36_000); // one request at 100/h
    expect(cliSide.remaining()).toBe(1);
    await appSide.acquire();
    expect(cliSide.remaining()).toBe(0);
    clock.advance(10 * 3_600_000);
    expect(appSide.remaining()).toBe(100); // never above capacity

    // A new budget object (a restarted process) starts from what is stored, not from full.
    await cliSide.acquire();
    expect(new RequestBudget({ ...opts, shared: { db: open(), accountId: 'hubstaff:1' } }).remaining()).toBe(99);
  });

  it('two processes racing for the last tokens never spend one twice', async () => {
    const db = open();
    const file = join(dir, 'stint.db');
    const perHour = 2000;
    const at = String(TEST_NOW_MS);
    // Each child tries for the whole bucket, all starting together; between them they get
    // exactly its size.
    const children = [0, 1].map(() => {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, 'hubstaff:7', String(perHour), String(perHour)], {
        env: { ...process.env, BUDGET_NOW_MS: at },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let markReady: () => void = () => {};
      const ready = new Promise<void>((r) => (markReady = r));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready\n')) markReady();
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const taken = new Promise<number>((resolve, reject) =>
        child.on('exit', (code) => (code === 0 ? resolve(Number(/taken (\d+)/.exec(out)?.[1])) : reject(new Error(`child exited ${code}: ${err}`)))),
      );
      return { child, ready, taken };
    });
    await Promise.all(children.map((ch) => ch.ready));
    for (const ch of children) ch.child.stdin.write('go\n');
    const [x, y] = await Promise.all(children.map((ch) => ch.taken));
    expect(x! + y!).toBe(perHour);
    expect(new RequestBudget({ requestsPerHour: perHour, now: () => TEST_NOW_MS, shared: { db, accountId: 'hubstaff:7' } }).remaining()).toBe(0);
  }, 30_000);
});
