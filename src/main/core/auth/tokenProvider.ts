import { StintError, isStintError } from '../../../common/errors';
import type { AccessTokenProvider } from '../providers/shared/accessTokens';
import type { SecretStore, SessionAwareSecretStore } from '../secrets/secretStore';
import { rmSync, readFileSync, writeFileSync } from 'node:fs';
import { withRefreshLock, type RefreshLockOptions } from './refreshLock';
import type { TokenFailure } from './tokenErrors';
import { systemClock } from '../../../common/clock';

export type { AccessTokenProvider };

/** A refresh the token endpoint refused for good: the grant is gone. */
export class GrantRejectedError extends Error {
  constructor(readonly failure: TokenFailure) {
    super(`The refresh token was rejected${failure.error ? ` (${failure.error})` : ''}.`);
    this.name = 'GrantRejectedError';
  }
}

/**
 * What differs per provider about a stored credential: its keychain format, its bearer, when
 * and how it is renewed. `C` is the provider's credential type (never leaves the main process).
 */
export interface CredentialAdapter<C> {
  /** The service's name in messages ("Hubstaff", "HubSpot"). */
  service: string;
  /** The keychain entry, or null when it is missing or unreadable (then: reconnect). */
  parse(raw: string | null): C | null;
  serialize(cred: C): string;
  /** The bearer to send, or null when the credential holds none yet (a refresh comes first). */
  accessToken(cred: C): string | null;
  /** Whether to renew before use (close to expiry). */
  needsRefresh(cred: C, now: number): boolean;
  /** Whether the credential can be renewed at all (a pasted static token cannot). */
  canRefresh(cred: C): boolean;
  /** Calls the token endpoint. Throws GrantRejectedError when the grant is refused. */
  refresh(cred: C): Promise<C>;
  /** Why a 401 on a credential that cannot be renewed ends the sign-in. */
  staticTokenRejected: string;
}

export interface TokenProviderDeps<C> {
  /** Keychain key of the account's credential. */
  secretKey: string;
  secrets: SecretStore;
  /** The cross-process lock file for this account's refreshes. */
  lockFile: string;
  lockOptions?: RefreshLockOptions | undefined;
  credentials: CredentialAdapter<C>;
  /** True once the account needs reconnecting: then nothing touches the network. */
  isRevoked(): boolean;
  /** Records `needs_reconnect` with a user-facing reason. */
  markRevoked(reason: string): void;
  /**
   * A warning for a connected account (null clears it): the renewed sign-in could not be saved
   * to the keychain and lives in memory until a later write succeeds.
   */
  warn?(message: string | null): void;
  now?: () => number;
}

/** First and longest wait before writing an unsaved token pair to the keychain again. */
const SAVE_RETRY_BASE_MS = 5_000;
const SAVE_RETRY_MAX_MS = 5 * 60_000;

/**
 * Access tokens for one account. Refreshes ahead of expiry, once per account however many
 * callers ask at the same time (single-flight), under a cross-process lock: take the lock,
 * re-read the keychain, refresh only if the stored token still needs it, save the rotated pair
 * to the keychain, release; only then is the new access token handed out.
 *
 * The grant is gone only when the token endpoint refuses it (`invalid_grant`), or when the token
 * the refresh made for this very 401 is refused again; any other 401 gets one refresh and one
 * retry. From then on every call fails with `auth_revoked` without a single request until the
 * account is reconnected.
 *
 * `reset()` (sign-out, reconnect) starts a new epoch: a refresh still in flight from before it
 * neither writes the keychain nor hands out its token. If the keychain refuses the rotated pair
 * (locked), the pair stays in memory, is used, and is written again with backoff; `warn` says so.
 */
export class AccountTokenProvider<C> implements AccessTokenProvider {
  private current: C | null = null;
  private inflight: Promise<C> | null = null;
  private epoch = 0;
  /** Set while a sign-out or reconnect swaps the credential: callers wait for it. */
  private switching: Promise<void> | null = null;
  /** A rotated pair the keychain refused: the only live copy of the grant. */
  private unsaved: { cred: C; failures: number; retryAt: number } | null = null;
  private readonly now: () => number;
  private readonly creds: CredentialAdapter<C>;

  constructor(private readonly deps: TokenProviderDeps<C>) {
    this.now = deps.now ?? systemClock.nowMs;
    this.creds = deps.credentials;
  }

  async getAccessToken(): Promise<string> {
    for (;;) {
      while (this.switching) await this.switching;
      if (this.deps.isRevoked()) throw this.revokedError();
      const epoch = this.epoch;
      try {
        await this.retrySave(epoch);
        let cred = this.current ?? (await this.loadOrRevoke());
        if (this.mustRefresh(cred)) cred = await this.refreshOnce((stored) => this.mustRefresh(stored));
        this.checkEpoch(epoch);
        const token = this.creds.accessToken(cred);
        if (token === null) throw this.revokedError();
        return token;
      } catch (e) {
        // Reconnected meanwhile: start again on the new sign-in (signed out: the check above throws).
        if (epoch === this.epoch) throw e;
      }
    }
  }

  async onUnauthorized(rejected: string): Promise<string | null> {
    while (this.switching) await this.switching;
    if (this.deps.isRevoked()) return null;
    const epoch = this.epoch;
    try {
      // Another caller (or process) may already have rotated past the rejected token.
      if (this.inflight) {
        const joined = await this.inflight;
        this.checkEpoch(epoch);
        const token = this.creds.accessToken(joined);
        if (token !== null && token !== rejected) return token;
      }
      const stored = await this.loadOrRevoke();
      const storedToken = this.creds.accessToken(stored);
      if (storedToken !== null && storedToken !== rejected) return storedToken;
      if (!this.creds.canRefresh(stored)) {
        this.deps.markRevoked(this.creds.staticTokenRejected);
        return null;
      }
      // Whatever the token's age: ask the token endpoint. Only its refusal (or a refusal of the
      // token it gives us now, which the client reports as auth_revoked) ends the sign-in.
      const next = await this.refreshOnce((s) => this.creds.accessToken(s) === rejected || this.mustRefresh(s));
      this.checkEpoch(epoch);
      const token = this.creds.accessToken(next);
      return token === null || token === rejected ? null : token;
    } catch (e) {
      // Reconnected meanwhile: the new sign-in's token (signed out: null).
      // expected: the client reports a null as auth_revoked for this request; the new sign-in's
      // own failure, if any, comes with the next call
      if (epoch !== this.epoch && !this.deps.isRevoked()) return this.getAccessToken().catch(() => null);
      if (isStintError(e) && e.code === 'auth_revoked') return null;
      throw e;
    }
  }

  /**
   * Forgets the in-memory credential and any refresh in flight (after a reconnect or sign-out):
   * a refresh that started before neither saves its result nor hands out its token.
   */
  reset(): void {
    this.epoch++;
    this.current = null;
    this.inflight = null;
    if (this.unsaved) {
      this.unsaved = null;
      this.markUnsaved(false);
      this.deps.warn?.(null);
    }
  }

  /**
   * For a sign-out or reconnect: until the returned function is called, callers wait, and a
   * refresh in flight (here; another process's holds the lock the caller takes next) saves
   * nothing and hands out nothing. Then they go on with whatever the keychain holds.
   */
  suspend(): () => void {
    this.reset();
    let done!: () => void;
    const p = new Promise<void>((r) => (done = r));
    this.switching = p;
    return () => {
      if (this.switching === p) this.switching = null;
      this.reset();
      done();
    };
  }

  private revokedError(): StintError {
    return new StintError('auth_revoked', `${this.creds.service} no longer accepts this account’s sign-in. Reconnect the account.`);
  }

  /** Renew first: close to expiry, or no bearer yet (only a refresh token was stored). */
  private mustRefresh(cred: C): boolean {
    return this.creds.canRefresh(cred) && (this.creds.accessToken(cred) === null || this.creds.needsRefresh(cred, this.now()));
  }

  private checkEpoch(epoch: number): void {
    if (epoch !== this.epoch || this.deps.isRevoked()) throw this.revokedError();
  }

  private async loadOrRevoke(): Promise<C> {
    // The keychain holds a dead refresh token while a rotated pair waits to be written.
    if (this.unsaved) return (this.current = this.unsaved.cred);
    // A keychain that cannot be read (locked, D-Bus down) is not a lost sign-in: the error goes
    // to the caller (the run fails and is retried); only a missing or unreadable entry revokes.
    let raw: string | null;
    try {
      raw = await this.deps.secrets.get(this.deps.secretKey);
    } catch (e) {
      const why = e instanceof Error && e.message ? ` (${e.message.replace(/\.$/, '')})` : '';
      throw new StintError('keychain_unavailable', `Stint could not read the ${this.creds.service} sign-in from the keychain${why}. Unlock the keychain; the sign-in is kept and syncing resumes once it can be read.`);
    }
    const cred = this.creds.parse(raw);
    if (!cred) {
      this.current = null;
      this.deps.markRevoked(`No saved ${this.creds.service} sign-in was found for this account (the keychain entry is missing). Reconnect the account.`);
      throw this.revokedError();
    }
    this.current = cred;
    return cred;
  }

  private refreshOnce(stillNeeded: (stored: C) => boolean): Promise<C> {
    if (!this.inflight) {
      const p: Promise<C> = this.refreshUnderLock(stillNeeded, this.epoch).finally(() => {
        if (this.inflight === p) this.inflight = null;
      });
      this.inflight = p;
    }
    return this.inflight;
  }

  private async refreshUnderLock(stillNeeded: (stored: C) => boolean, epoch: number): Promise<C> {
    return withRefreshLock(
      this.deps.lockFile,
      async () => {
        this.checkEpoch(epoch);
        const stored = await this.loadOrRevoke();
        if (!stillNeeded(stored)) return stored; // another process refreshed while we waited
        let next: C;
        try {
          next = await this.creds.refresh(stored);
        } catch (e) {
          if (e instanceof GrantRejectedError) {
            // The keychain's refresh token was spent by another process whose renewed pair the
            // keychain refused: that process still holds the sign-in, so it is not lost.
            const holder = this.unsavedElsewhere();
            if (holder !== null) {
              throw new StintError(
                'keychain_unavailable',
                `Another open Stint (process ${holder}) has the renewed ${this.creds.service} sign-in but could not save it to the keychain yet. Unlock the keychain; nothing was lost.`,
              );
            }
            if (epoch === this.epoch) this.deps.markRevoked(`${this.creds.service} refused to renew the sign-in (it was revoked or has expired). Reconnect the account.`);
            throw this.revokedError();
          }
          throw e;
        }
        // Signed out or reconnected meanwhile: this pair belongs to a sign-in that is gone.
        this.checkEpoch(epoch);
        this.current = next;
        // The old refresh token is dead now: persist the new pair before anyone uses it.
        await this.save(next);
        return next;
      },
      this.deps.lockOptions,
    );
  }

  /** Writes the pair; if the keychain refuses, keeps it in memory and schedules another try. */
  private async save(cred: C): Promise<void> {
    try {
      await this.deps.secrets.set(this.deps.secretKey, this.creds.serialize(cred));
    } catch (e) {
      const failures = (this.unsaved?.failures ?? 0) + 1;
      const wait = Math.min(SAVE_RETRY_BASE_MS * 2 ** (failures - 1), SAVE_RETRY_MAX_MS);
      this.unsaved = { cred, failures, retryAt: this.now() + wait };
      this.markUnsaved(true);
      const why = e instanceof Error && e.message ? `: ${e.message}` : '';
      this.deps.warn?.(
        `Stint renewed the sign-in but could not save it to the keychain${why}. It is kept in memory and saved again automatically; unlock the keychain (or allow Stint to use it) so the sign-in survives a restart.`,
      );
      return;
    }
    if (this.unsaved) {
      this.unsaved = null;
      this.markUnsaved(false);
      this.deps.warn?.(null);
    }
  }

  /**
   * A marker beside the account's lock file (the pid, no secret) while this process holds a
   * renewed pair the keychain refused, so another process that meets the spent refresh token
   * knows the sign-in is not gone. Written and removed under the lock.
   */
  private markUnsaved(on: boolean): void {
    const file = `${this.deps.lockFile}.unsaved`;
    try {
      if (on) writeFileSync(file, String(process.pid));
      else rmSync(file, { force: true });
    } catch {
      // expected: the marker only spares another process a false "reconnect"; the pair itself is kept
    }
  }

  /** The pid of another live process holding an unsaved pair for this account, or null. */
  private unsavedElsewhere(): number | null {
    let pid: number;
    try {
      pid = Number(readFileSync(`${this.deps.lockFile}.unsaved`, 'utf8'));
    } catch {
      // expected: no marker: no other process holds a renewed pair
      return null;
    }
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
    try {
      process.kill(pid, 0); // signal 0: only asks whether it is alive
      return pid;
    } catch (e) {
      // EPERM: alive, another user's; anything else: the holder is gone, and its pair with it.
      return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
    }
  }

  /**
   * Writes an unsaved pair once its backoff has passed (under the lock, like a refresh). A pair
   * the session fallback holds in memory (the keychain was unavailable) is its to save: it is
   * asked to try the keychain again, on its own backoff.
   */
  private async retrySave(epoch: number): Promise<void> {
    const session = this.deps.secrets as Partial<SessionAwareSecretStore>;
    if (session.isSessionOnly?.(this.deps.secretKey)) await session.probe?.();
    const pending = this.unsaved;
    if (!pending || this.now() < pending.retryAt) return;
    await withRefreshLock(
      this.deps.lockFile,
      async () => {
        if (epoch === this.epoch && this.unsaved === pending) await this.save(pending.cred);
      },
      this.deps.lockOptions,
    );
  }
}
