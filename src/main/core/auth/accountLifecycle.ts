import { join } from 'node:path';
import { StintError } from '../../../common/errors';
import type { Db } from '../db/database';
import type { SecretStore } from '../secrets/secretStore';
import type { AccountsRepo } from './accountsRepo';
import { withRefreshLock, type RefreshLockOptions } from './refreshLock';

// The account lifecycle pieces every provider shares (Hubstaff's Accounts and HubspotAccounts):
// pasted-token checks, the refresh-lock file per account, change events that a failing listener
// cannot break, and sign-out — status first, token provider suspended, keychain entry deleted
// under the account's refresh lock (after any refresh in this or another process), then purge
// or keep. What differs per provider (token endpoint, identity, scopes, credential kinds, the
// row's view) stays in its adapter module.

/** A pasted token or secret, trimmed; `invalid_argument` naming `what` when it cannot be one. */
export function checkedToken(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new StintError('invalid_argument', `The ${what} must be text.`);
  const t = value.trim();
  if (!t) throw new StintError('invalid_argument', `Paste the ${what} first.`);
  if (/\s/.test(t)) throw new StintError('invalid_argument', `The ${what} cannot contain spaces or line breaks; copy it again.`);
  if (t.length > 8192) throw new StintError('invalid_argument', `That is too long to be a ${what}.`);
  return t;
}

/** The cross-process lock file serialising an account's refreshes, sign-out and reconnect. */
export function refreshLockFile(lockDir: string, accountId: string): string {
  return join(lockDir, `refresh-${accountId.replace(/[^A-Za-z0-9_-]/g, '_')}.lock`);
}

/** Calls every listener; a failing one must not break sign-in, token refresh or sync. */
export function emitEach<E>(listeners: Iterable<(e: E) => void>, event: E): void {
  for (const l of listeners) {
    try {
      l(event);
    } catch {
      // ignored: see above
    }
  }
}

export interface SignOutDeps {
  db: Db;
  repo: AccountsRepo;
  secrets: SecretStore;
  lockFile: string;
  lockOptions?: RefreshLockOptions | undefined;
  isoNow: () => string;
  /** The status message a signed-out account that is kept shows. */
  message: string;
  /**
   * Stops the account's token provider: until the returned function is called nothing is handed
   * out, and a refresh in flight saves nothing and hands out nothing.
   */
  suspend: () => () => void;
  /** Forgets per-account memory (providers, clients, warnings); `purged` when the account is gone. */
  forget: (purged: boolean) => void;
  /** Emits what happened: the account changed (kept) or was removed (purged). */
  notify: (purged: boolean) => void;
}

/**
 * Removes the account's tokens from the keychain (and memory). With `purgeCache` the account,
 * its selection and its cached provider data are deleted too; without it the account stays,
 * marked `needs_reconnect`, so its cached data and settings remain for a later reconnect.
 */
export async function signOutAccount(accountId: string, opts: { purgeCache?: boolean }, deps: SignOutDeps): Promise<void> {
  // From here on no token is handed out and a refresh in flight saves nothing; then, under the
  // account's refresh lock (after any refresh in this or another process), the entry goes.
  deps.repo.setStatus(accountId, 'needs_reconnect', deps.message, deps.isoNow());
  const resume = deps.suspend();
  try {
    await withRefreshLock(deps.lockFile, () => deps.secrets.delete(accountId), deps.lockOptions);
  } finally {
    resume();
  }
  const purged = opts.purgeCache === true;
  deps.forget(purged);
  if (purged) {
    deps.db.transaction(() => {
      deps.repo.purgeCachedData(accountId);
      deps.repo.delete(accountId);
    })();
  }
  deps.notify(purged);
}
