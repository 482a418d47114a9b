import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StintError } from '../../../common/errors';
import { resolveNativeBinding } from '../db/nativeBinding';

export interface RefreshLockOptions {
  /** Give up waiting for another process after this long (its refresh has its own timeout). */
  timeoutMs?: number;
  /** Base delay between attempts; jittered. */
  pollMs?: number;
}

/**
 * Runs `fn` while holding an exclusive lock shared by every Stint process (app and CLI).
 *
 * The lock is a write transaction (`BEGIN IMMEDIATE`) on a small SQLite file next to the
 * database, on its own connection. SQLite's file locks are released by the OS when a process
 * dies, so a crash never leaves a stale lock behind, and they also exclude other connections
 * in the same process. Waiting is asynchronous (busy timeout 0, polled with jitter), so the
 * event loop never blocks on another process's refresh.
 */
export async function withRefreshLock<T>(lockFile: string, fn: () => Promise<T>, opts: RefreshLockOptions = {}): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const pollMs = opts.pollMs ?? 20;
  mkdirSync(dirname(lockFile), { recursive: true });
  const db = new Database(lockFile, { timeout: 0, nativeBinding: resolveNativeBinding() });
  try {
    const deadline = performance.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        db.exec('BEGIN IMMEDIATE');
        break;
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (performance.now() >= deadline) {
          throw new StintError('unavailable', 'Another Stint process has been refreshing this account for too long; try again shortly.', { cause: e });
        }
        const backoff = Math.min(pollMs * 2 ** Math.min(attempt, 4), 250);
        await new Promise((r) => setTimeout(r, backoff / 2 + Math.random() * backoff));
      }
    }
    try {
      return await fn();
    } finally {
      db.exec('ROLLBACK');
    }
  } finally {
    db.close();
  }
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}
