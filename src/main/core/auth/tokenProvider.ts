import { StintError, isStintError } from '../../../common/errors';
import type { AccessTokenProvider } from '../providers/hubstaff/tokens';
import type { SecretStore } from '../secrets/secretStore';
import { DEFAULT_REFRESH_SKEW_MS, needsRefresh, parseCredential, serializeCredential, type StoredCredential } from './credential';
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

export interface TokenProviderDeps {
  /** Keychain key of the account's credential. */
  secretKey: string;
  secrets: SecretStore;
  /** The cross-process lock file for this account's refreshes. */
  lockFile: string;
  lockOptions?: RefreshLockOptions;
  /** Calls the token endpoint. Throws GrantRejectedError when the grant is refused. */
  refresh(current: StoredCredential): Promise<StoredCredential>;
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
  refreshSkewMs?: number;
}

const revokedError = (): StintError => new StintError('auth_revoked', 'Hubstaff no longer accepts this account’s sign-in. Reconnect the account.');

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
export class AccountTokenProvider implements AccessTokenProvider {
  private current: StoredCredential | null = null;
  private inflight: Promise<StoredCredential> | null = null;
  private epoch = 0;
  /** Set while a sign-out or reconnect swaps the credential: callers wait for it. */
  private switching: Promise<void> | null = null;
  /** A rotated pair the keychain refused: the only live copy of the grant. */
  private unsaved: { cred: StoredCredential; failures: number; retryAt: number } | null = null;
  private readonly now: () => number;
  private readonly skewMs: number;

  constructor(private readonly deps: TokenProviderDeps) {
    this.now = deps.now ?? systemClock.nowMs;
    this.skewMs = deps.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
  }

  async getAccessToken(): Promise<string> {
    for (;;) {
      while (this.switching) await this.switching;
      if (this.deps.isRevoked()) throw revokedError();
      const epoch = this.epoch;
      try {
        await this.retrySave(epoch);
        let cred = this.current ?? (await this.loadOrRevoke());
        if (needsRefresh(cred, this.now(), this.skewMs)) cred = await this.refreshOnce((stored) => needsRefresh(stored, this.now(), this.skewMs));
        this.checkEpoch(epoch);
        return cred.accessToken;
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
        if (joined.accessToken !== rejected) return joined.accessToken;
      }
      const stored = await this.loadOrRevoke();
      if (stored.accessToken !== rejected) return stored.accessToken;
      if (stored.kind === 'organization' || !stored.refreshToken) {
        this.deps.markRevoked('Hubstaff rejected the organization token (expired or revoked). Sign in with a new token.');
        return null;
      }
      // Whatever the token's age: ask the token endpoint. Only its refusal (or a refusal of the
      // token it gives us now, which the client reports as auth_revoked) ends the sign-in.
      const next = await this.refreshOnce((s) => s.accessToken === rejected || needsRefresh(s, this.now(), this.skewMs));
      this.checkEpoch(epoch);
      return next.accessToken === rejected ? null : next.accessToken;
    } catch (e) {
      // Reconnected meanwhile: the new sign-in's token (signed out: null).
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

  private checkEpoch(epoch: number): void {
    if (epoch !== this.epoch || this.deps.isRevoked()) throw revokedError();
  }

  private async loadOrRevoke(): Promise<StoredCredential> {
    // The keychain holds a dead refresh token while a rotated pair waits to be written.
    if (this.unsaved) return (this.current = this.unsaved.cred);
    const cred = parseCredential(await this.deps.secrets.get(this.deps.secretKey));
    if (!cred) {
      this.current = null;
      this.deps.markRevoked('No saved sign-in was found for this account (the keychain entry is missing). Reconnect the account.');
      throw revokedError();
    }
    this.current = cred;
    return cred;
  }

  private refreshOnce(stillNeeded: (stored: StoredCredential) => boolean): Promise<StoredCredential> {
    if (!this.inflight) {
      const p: Promise<StoredCredential> = this.refreshUnderLock(stillNeeded, this.epoch).finally(() => {
        if (this.inflight === p) this.inflight = null;
      });
      this.inflight = p;
    }
    return this.inflight;
  }

  private async refreshUnderLock(stillNeeded: (stored: StoredCredential) => boolean, epoch: number): Promise<StoredCredential> {
    return withRefreshLock(
      this.deps.lockFile,
      async () => {
        this.checkEpoch(epoch);
        const stored = await this.loadOrRevoke();
        if (!stillNeeded(stored)) return stored; // another process refreshed while we waited
        let next: StoredCredential;
        try {
          next = await this.deps.refresh(stored);
        } catch (e) {
          if (e instanceof GrantRejectedError) {
            if (epoch === this.epoch) this.deps.markRevoked('Hubstaff refused to renew the sign-in (it was revoked or has expired). Reconnect the account.');
            throw revokedError();
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
  private async save(cred: StoredCredential): Promise<void> {
    try {
      await this.deps.secrets.set(this.deps.secretKey, serializeCredential(cred));
    } catch (e) {
      const failures = (this.unsaved?.failures ?? 0) + 1;
      const wait = Math.min(SAVE_RETRY_BASE_MS * 2 ** (failures - 1), SAVE_RETRY_MAX_MS);
      this.unsaved = { cred, failures, retryAt: this.now() + wait };
      const why = e instanceof Error && e.message ? `: ${e.message}` : '';
      this.deps.warn?.(
        `Stint renewed the sign-in but could not save it to the keychain${why}. It is kept in memory and saved again automatically; unlock the keychain (or allow Stint to use it) so the sign-in survives a restart.`,
      );
      return;
    }
    if (this.unsaved) {
      this.unsaved = null;
      this.deps.warn?.(null);
    }
  }

  /** Writes an unsaved pair once its backoff has passed (under the lock, like a refresh). */
  private async retrySave(epoch: number): Promise<void> {
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
