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

/** A 401 on a token this young means the grant is gone, not that the token went stale. */
export const FRESH_TOKEN_WINDOW_MS = 120_000;

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
  now?: () => number;
  refreshSkewMs?: number;
}

const revokedError = (): StintError => new StintError('auth_revoked', 'Hubstaff no longer accepts this account’s sign-in. Reconnect the account.');

/**
 * Access tokens for one account. Refreshes ahead of expiry, once per account however many
 * callers ask at the same time (single-flight), under a cross-process lock: take the lock,
 * re-read the keychain, refresh only if the stored token still needs it, save the rotated pair
 * to the keychain, release; only then is the new access token handed out. A refused refresh, or
 * a 401 on a token fresh from a refresh, marks the account `needs_reconnect`; from then on every
 * call fails with `auth_revoked` without a single request until the account is reconnected.
 */
export class AccountTokenProvider implements AccessTokenProvider {
  private current: StoredCredential | null = null;
  private inflight: Promise<StoredCredential> | null = null;
  private readonly now: () => number;
  private readonly skewMs: number;

  constructor(private readonly deps: TokenProviderDeps) {
    this.now = deps.now ?? systemClock.nowMs;
    this.skewMs = deps.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
  }

  async getAccessToken(): Promise<string> {
    if (this.deps.isRevoked()) throw revokedError();
    const cred = this.current ?? (await this.loadOrRevoke());
    if (!needsRefresh(cred, this.now(), this.skewMs)) return cred.accessToken;
    const next = await this.refreshOnce((stored) => needsRefresh(stored, this.now(), this.skewMs));
    return next.accessToken;
  }

  async onUnauthorized(rejected: string): Promise<string | null> {
    if (this.deps.isRevoked()) return null;
    try {
      // Another caller (or process) may already have rotated past the rejected token.
      if (this.inflight) {
        const joined = await this.inflight;
        if (joined.accessToken !== rejected) return joined.accessToken;
      }
      const stored = await this.loadOrRevoke();
      if (stored.accessToken !== rejected) return stored.accessToken;
      if (stored.kind === 'organization' || !stored.refreshToken) {
        this.deps.markRevoked('Hubstaff rejected the organization token (expired or revoked). Sign in with a new token.');
        return null;
      }
      if (this.now() - stored.obtainedAt < FRESH_TOKEN_WINDOW_MS) {
        this.deps.markRevoked('Hubstaff rejected a token it had just issued: the sign-in was revoked. Reconnect the account.');
        return null;
      }
      const next = await this.refreshOnce((s) => s.accessToken === rejected || needsRefresh(s, this.now(), this.skewMs));
      return next.accessToken === rejected ? null : next.accessToken;
    } catch (e) {
      if (isStintError(e) && e.code === 'auth_revoked') return null;
      throw e;
    }
  }

  /** Forgets the in-memory credential (after a reconnect or sign-out). */
  reset(): void {
    this.current = null;
  }

  private async loadOrRevoke(): Promise<StoredCredential> {
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
    this.inflight ??= this.refreshUnderLock(stillNeeded).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async refreshUnderLock(stillNeeded: (stored: StoredCredential) => boolean): Promise<StoredCredential> {
    return withRefreshLock(
      this.deps.lockFile,
      async () => {
        if (this.deps.isRevoked()) throw revokedError();
        const stored = await this.loadOrRevoke();
        if (!stillNeeded(stored)) return stored; // another process refreshed while we waited
        let next: StoredCredential;
        try {
          next = await this.deps.refresh(stored);
        } catch (e) {
          if (e instanceof GrantRejectedError) {
            this.deps.markRevoked('Hubstaff refused to renew the sign-in (it was revoked or has expired). Reconnect the account.');
            throw revokedError();
          }
          throw e;
        }
        // The old refresh token is dead now: persist the new pair before anyone uses it.
        await this.deps.secrets.set(this.deps.secretKey, serializeCredential(next));
        this.current = next;
        return next;
      },
      this.deps.lockOptions,
    );
  }
}
