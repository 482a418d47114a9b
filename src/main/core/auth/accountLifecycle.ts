import { join } from 'node:path';
import { StintError } from '../../../common/errors';
import type { Db } from '../db/database';
import type { SecretStore } from '../secrets/secretStore';
import type { AccountsRepo } from './accountsRepo';
import { withRefreshLock, type RefreshLockOptions } from './refreshLock';
import { AccountTokenProvider, type CredentialAdapter } from './tokenProvider';
import type { ScopedLogger } from '../log/logger';
import type { AccountStatus } from './types';

// The one account lifecycle every provider shares (Hubstaff's Accounts, HubspotAccounts, and the
// next provider): the token provider per account (refresh and rotation under the account's
// cross-process lock, a renewed pair kept in memory when the keychain refuses it), the sign-in
// commit (credential and row written under the lock, after any refresh in flight, rolled back
// together), status with its sticky `needs_reconnect`, and sign-out. What differs per provider —
// token endpoint, identity, scopes, credential kinds, the row's view — is its adapter: a
// CredentialAdapter and the service module around this.

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

/** Calls every listener; a failing one must not break sign-in, token refresh or sync: it is logged. */
export function emitEach<E>(listeners: Iterable<(e: E) => void>, event: E, log?: ScopedLogger): void {
  for (const l of listeners) {
    try {
      l(event);
    } catch (error) {
      log?.error('an account listener failed', { error });
    }
  }
}

export interface LifecycleOptions<C> {
  db: Db;
  repo: AccountsRepo;
  secrets: SecretStore;
  /** Where the per-account refresh lock files live. */
  lockDir: string;
  lockOptions?: RefreshLockOptions | undefined;
  now: () => number;
  /** The provider's credential format, bearer and token endpoint. */
  credentials: CredentialAdapter<C>;
  /** The status message of an account that was signed out and kept. */
  signedOutMessage: string;
  /** The account's row or status changed (the service emits its view). */
  changed(accountId: string): void;
  /** The account was deleted (sign-out with purge). */
  removed(accountId: string): void;
}

export class AccountLifecycle<C> {
  private readonly providers = new Map<string, AccountTokenProvider<C>>();
  /** Accounts whose renewed sign-in waits in memory for the keychain: the warning they show. */
  private readonly saveWarnings = new Map<string, string>();

  constructor(private readonly opts: LifecycleOptions<C>) {}

  /** The account's token provider: one per account, shared by all its clients and callers. */
  tokens(accountId: string): AccountTokenProvider<C> {
    let p = this.providers.get(accountId);
    if (!p) {
      const { repo } = this.opts;
      p = new AccountTokenProvider<C>({
        secretKey: accountId,
        secrets: this.opts.secrets,
        lockFile: this.lockFile(accountId),
        lockOptions: this.opts.lockOptions,
        credentials: this.opts.credentials,
        isRevoked: () => {
          const status = repo.status(accountId);
          return status === null || status === 'needs_reconnect';
        },
        markRevoked: (reason) => {
          if (repo.setStatus(accountId, 'needs_reconnect', reason, this.isoNow())) this.opts.changed(accountId);
        },
        warn: (message) => {
          if (message === null) this.saveWarnings.delete(accountId);
          else this.saveWarnings.set(accountId, message);
          if (repo.status(accountId) === 'connected' && repo.setStatus(accountId, 'connected', message, this.isoNow())) this.opts.changed(accountId);
        },
        now: this.opts.now,
      });
      this.providers.set(accountId, p);
    }
    return p;
  }

  /**
   * Sync reports `connected`, `offline` or `error` here. `needs_reconnect` is sticky, and so is
   * its first reason (the refused renewal, not a run's later echo of it): only a sign-in or
   * reconnect clears it, so a stray success can never resume a revoked account. A connected
   * account keeps saying its renewed sign-in is not saved until the keychain takes it.
   * Returns whether anything changed.
   */
  setStatus(accountId: string, status: AccountStatus, message: string | null): boolean {
    const current = this.opts.repo.status(accountId);
    if (current === null || current === 'needs_reconnect') return false;
    if (status === 'connected' && message === null) message = this.saveWarnings.get(accountId) ?? null;
    const changed = this.opts.repo.setStatus(accountId, status, message, this.isoNow());
    if (changed) this.opts.changed(accountId);
    return changed;
  }

  /**
   * Stores a verified sign-in: a refresh of the old one still in flight saves nothing and hands
   * out nothing; under the account's refresh lock (after any refresh another process makes) the
   * credential goes to the keychain and `writeRow` marks the account connected. If the row
   * cannot be written, the keychain gets back what it held (or loses the new entry).
   */
  async commitSignIn(accountId: string, cred: C, writeRow: (isoNow: string) => void): Promise<void> {
    const { secrets } = this.opts;
    const resume = this.tokens(accountId).suspend();
    try {
      await withRefreshLock(
        this.lockFile(accountId),
        async () => {
          // What to put back if the row cannot be written: the previous entry, none, or — when it
          // cannot be read — the new one stays (deleting could lose an account's only sign-in).
          let previous: { raw: string | null } | null;
          try {
            previous = { raw: await secrets.get(accountId) };
          } catch {
            // expected: unreadable: see above
            previous = null;
          }
          await secrets.set(accountId, this.opts.credentials.serialize(cred));
          try {
            writeRow(this.isoNow());
          } catch (e) {
            // expected: the row's error is the one reported; a failed rollback leaves a valid
            // credential for an account whose row says what it was
            if (previous?.raw) await secrets.set(accountId, previous.raw).catch(() => undefined);
            // expected: as above; a new account's entry with no row is used by nothing
            else if (previous) await secrets.delete(accountId).catch(() => false);
            throw e;
          }
        },
        this.opts.lockOptions,
      );
    } finally {
      this.saveWarnings.delete(accountId);
      resume();
    }
    this.opts.changed(accountId);
  }

  /**
   * Removes the account's tokens from the keychain (and memory). With `purgeCache` the account,
   * its selection and its cached provider data are deleted too; without it the account stays,
   * marked `needs_reconnect`, so its cached data and settings remain for a later reconnect.
   * `forget` drops the service's own per-account memory (clients, picker names).
   */
  async signOut(accountId: string, opts: { purgeCache?: boolean }, forget?: () => void): Promise<void> {
    const { db, repo } = this.opts;
    // From here on no token is handed out and a refresh in flight saves nothing; then, under the
    // account's refresh lock (after any refresh in this or another process), the entry goes.
    repo.setStatus(accountId, 'needs_reconnect', this.opts.signedOutMessage, this.isoNow());
    const resume = this.tokens(accountId).suspend();
    try {
      await withRefreshLock(this.lockFile(accountId), () => this.opts.secrets.delete(accountId), this.opts.lockOptions);
    } finally {
      resume();
    }
    this.saveWarnings.delete(accountId);
    forget?.();
    if (opts.purgeCache === true) {
      this.providers.delete(accountId);
      db.transaction(() => {
        repo.purgeCachedData(accountId);
        repo.delete(accountId);
      })();
      this.opts.removed(accountId);
    } else {
      this.opts.changed(accountId);
    }
  }

  lockFile(accountId: string): string {
    return refreshLockFile(this.opts.lockDir, accountId);
  }

  private isoNow(): string {
    return new Date(this.opts.now()).toISOString();
  }
}
