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

/** The lock is held by another live process (or connection) and did not come free in time. */
export class LockBusyError extends StintError {
  constructor(message: string, cause: unknown) {
    super('unavailable', message, { cause });
    this.name = 'LockBusyError';
  }
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
  let db: Database.Database;
  try {
    mkdirSync(dirname(lockFile), { recursive: true });
    db = new Database(lockFile, { timeout: 0, nativeBinding: resolveNativeBinding() });
  } catch (e) {
    throw lockFailure(lockFile, e);
  }
  try {
    const deadline = performance.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      try {
        db.exec('BEGIN IMMEDIATE');
        break;
      } catch (e) {
        if (!isBusy(e)) throw lockFailure(lockFile, e);
        if (performance.now() >= deadline) {
          throw new LockBusyError('Another Stint process has been refreshing this account for too long; try again shortly.', e);
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

/** A lock that could not be taken for another reason than a live holder: say which file and why. */
function lockFailure(lockFile: string, e: unknown): StintError {
  const code = (e as { code?: unknown }).code;
  const what = typeof code === 'string' ? code : 'error';
  const detail = e instanceof Error && e.message ? `: ${e.message}` : '';
  return new StintError('unavailable', `Stint could not use its lock file ${lockFile} (${what}${detail}), which keeps two Stint processes from signing in at once. Check that Stint's data folder is a folder Stint can write to.`, { cause: e });
}
