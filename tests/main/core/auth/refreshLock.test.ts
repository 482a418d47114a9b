import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withRefreshLock } from '../../../../src/main/core/auth/refreshLock';

const CHILD = join(import.meta.dirname, 'fixtures', 'lockHolder.ts');
let dir: string;
let lockFile: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-lock-'));
  lockFile = join(dir, 'refresh-hubstaff_1.lock');
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function runChild(args: string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, lockFile, ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return { child, exited: new Promise((r) => child.on('exit', (code) => r(code))) };
}

/** Every `start` is followed by the `end` of the same holder before anyone else starts. */
function assertNoOverlap(log: string[], holders: number): void {
  expect(log).toHaveLength(holders * 2);
  for (let i = 0; i < log.length; i += 2) {
    const [startWord, startId] = log[i]!.split(' ');
    const [endWord, endId] = log[i + 1]!.split(' ');
    expect([startWord, endWord]).toEqual(['start', 'end']);
    expect(endId).toBe(startId);
  }
}

describe('withRefreshLock', () => {
  it('serialises holders in one process (independent connections)', async () => {
    const log: string[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        withRefreshLock(lockFile, async () => {
          log.push(`start ${i}`);
          await new Promise((r) => setTimeout(r, 20));
          log.push(`end ${i}`);
        }),
      ),
    );
    assertNoOverlap(log, 5);
  });

  it('serialises holders across processes', async () => {
    const logFile = join(dir, 'log.txt');
    writeFileSync(logFile, '');
    const runs = [runChild([logFile, '150']), runChild([logFile, '150']), runChild([logFile, '150'])];
    const inProcess = withRefreshLock(lockFile, async () => {
      writeFileSync(logFile, `start parent\n`, { flag: 'a' });
      await new Promise((r) => setTimeout(r, 150));
      writeFileSync(logFile, `end parent\n`, { flag: 'a' });
    });
    expect(await Promise.all(runs.map((r) => r.exited))).toEqual([0, 0, 0]);
    await inProcess;
    assertNoOverlap(readFileSync(logFile, 'utf8').trim().split('\n'), 4);
  });

  it('is released by the OS when the holder dies, so a crash leaves no stale lock', async () => {
    const logFile = join(dir, 'log.txt');
    writeFileSync(logFile, '');
    const { child, exited } = runChild([logFile, '0', 'crash']);
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => d.toString().includes('holding') && resolve()));

    // While the child holds it, we wait (and time out with a clear error).
    await expect(withRefreshLock(lockFile, async () => 'got it', { timeoutMs: 300 })).rejects.toMatchObject({ code: 'unavailable' });
    child.kill('SIGKILL');
    await exited;
    await expect(withRefreshLock(lockFile, async () => 'got it', { timeoutMs: 5_000 })).resolves.toBe('got it');
  });

  it('releases the lock when the holder throws', async () => {
    await expect(withRefreshLock(lockFile, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withRefreshLock(lockFile, async () => 1, { timeoutMs: 200 })).resolves.toBe(1);
  });
});
