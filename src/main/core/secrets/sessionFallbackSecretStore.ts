import { isStintError } from '../../../common/errors';
import { KeytarSecretStore } from './keytarSecretStore';
import { MemorySecretStore } from './memorySecretStore';
import type { KeychainStatus, SecretStore, SessionAwareSecretStore } from './secretStore';

const SESSION_ONLY_NOTE = 'Tokens are kept in memory and you are signed in for this session only.';

/**
 * The keychain, falling back to memory for the rest of the session once it proves unavailable.
 * There is no plain-text fallback: when the keychain fails, secrets live in this process only
 * and `status()` says so, so the UI can show "signed in for this session only".
 */
export class SessionFallbackSecretStore implements SessionAwareSecretStore {
  private readonly memory = new MemorySecretStore();
  private unavailable: string | null = null;
  private readonly listeners = new Set<(status: KeychainStatus) => void>();

  constructor(private readonly keychain: SecretStore = new KeytarSecretStore()) {}

  /** Touches the keychain once, so its state is known before the first sign-in. */
  async probe(): Promise<KeychainStatus> {
    if (this.unavailable === null) {
      try {
        await this.keychain.get('probe');
      } catch (e) {
        this.degrade(e);
      }
    }
    return this.status();
  }

  async get(key: string): Promise<string | null> {
    if (this.unavailable === null) {
      try {
        return await this.keychain.get(key);
      } catch (e) {
        this.degrade(e);
      }
    }
    return this.memory.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    if (this.unavailable === null) {
      try {
        await this.keychain.set(key, value);
        return;
      } catch (e) {
        this.degrade(e);
      }
    }
    await this.memory.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    const inMemory = await this.memory.delete(key);
    if (this.unavailable !== null) return inMemory;
    try {
      return (await this.keychain.delete(key)) || inMemory;
    } catch (e) {
      this.degrade(e);
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
    this.unavailable = `${e.message} ${SESSION_ONLY_NOTE}`;
    const status = this.status();
    for (const l of this.listeners) l(status);
  }
}
