import { isStintError } from '../../../common/errors';
import { systemClock } from '../../../common/clock';
import { KeytarSecretStore } from './keytarSecretStore';
import { MemorySecretStore } from './memorySecretStore';
import type { KeychainStatus, SecretStore, SessionAwareSecretStore } from './secretStore';

const SESSION_ONLY_NOTE = 'Tokens are kept in memory and you are signed in for this session only, until the keychain can be used again (unlock it): then Stint saves them there.';

/** First and longest wait before asking an unavailable keychain again. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;

/**
 * The keychain, falling back to memory while it is unavailable (locked, no keyring, D-Bus
 * down). There is no plain-text fallback: secrets then live in this process only and `status()`
 * says so, so the UI can show "signed in for this session only".
 *
 * The keychain is asked again, with backoff, on later calls. Once it answers, every secret kept
 * in memory is written to it (a renewed sign-in must survive a restart: the keychain still holds
 * the spent refresh token) and deletions made meanwhile are applied, then memory is dropped.
 * A read of a secret this session never held, while the keychain cannot be read, throws: an
 * unreadable entry is not a missing one, and a missing one would ask the user to sign in again.
 */
export class SessionFallbackSecretStore implements SessionAwareSecretStore {
  private readonly memory = new MemorySecretStore();
  /** Keys deleted while the keychain was unavailable: deleted there too once it is back. */
  private readonly deleted = new Set<string>();
  private unavailable: string | null = null;
  private failures = 0;
  private retryAt = 0;
  private readonly listeners = new Set<(status: KeychainStatus) => void>();
  private readonly now: () => number;

  constructor(
    private readonly keychain: SecretStore = new KeytarSecretStore(),
    opts: { now?: () => number } = {},
  ) {
    this.now = opts.now ?? systemClock.nowMs;
  }

  /** Touches the keychain once, so its state is known before the first sign-in. */
  async probe(): Promise<KeychainStatus> {
    if (this.unavailable === null) {
      try {
        await this.keychain.get('probe');
      } catch (e) {
        this.degrade(e);
      }
    } else {
      await this.recover();
    }
    return this.status();
  }

  async get(key: string): Promise<string | null> {
    if (this.unavailable === null || (await this.recover())) {
      try {
        return await this.keychain.get(key);
      } catch (e) {
        this.degrade(e);
      }
    }
    if (this.deleted.has(key)) return null;
    const held = await this.memory.get(key);
    if (held !== null) return held;
    // Not held this session: the keychain may still have it, so ask it again (throws while it cannot be read).
    return this.keychain.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    if (this.unavailable === null || (await this.recover())) {
      try {
        await this.keychain.set(key, value);
        return;
      } catch (e) {
        this.degrade(e);
      }
    }
    this.deleted.delete(key);
    await this.memory.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    const inMemory = await this.memory.delete(key);
    if (this.unavailable !== null && !(await this.recover())) {
      this.deleted.add(key);
      return inMemory;
    }
    try {
      return (await this.keychain.delete(key)) || inMemory;
    } catch (e) {
      this.degrade(e);
      this.deleted.add(key);
      return inMemory;
    }
  }

  status(): KeychainStatus {
    return this.unavailable === null ? { available: true } : { available: false, message: this.unavailable };
  }

  isSessionOnly(key: string): boolean {
    return this.unavailable !== null && this.memory.has(key);
  }

  onStatusChange(listener: (status: KeychainStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private degrade(e: unknown): void {
    // Only a keychain failure switches to memory; anything else is a bug and must surface.
    if (!isStintError(e) || e.code !== 'keychain_unavailable') throw e;
    const first = this.unavailable === null;
    this.failures++;
    this.retryAt = this.now() + Math.min(RETRY_BASE_MS * 2 ** (this.failures - 1), RETRY_MAX_MS);
    this.unavailable = `${e.message} ${SESSION_ONLY_NOTE}`;
    if (first) this.notify();
  }

  /**
   * Once the backoff has passed, tries the keychain again: writes what memory holds, applies
   * deletions, and on success is back to normal. Returns whether the keychain is available.
   */
  private async recover(): Promise<boolean> {
    if (this.unavailable === null) return true;
    if (this.now() < this.retryAt) return false;
    try {
      await this.keychain.get('probe');
      for (const [key, value] of this.memory.entries()) await this.keychain.set(key, value);
      for (const key of this.deleted) await this.keychain.delete(key);
    } catch (e) {
      this.degrade(e);
      return false;
    }
    this.memory.clear();
    this.deleted.clear();
    this.unavailable = null;
    this.failures = 0;
    this.notify();
    return true;
  }

  private notify(): void {
    const status = this.status();
    for (const l of this.listeners) l(status);
  }
}
