// Every secret that passes through the store is registered with the log redactor, so a token
// can never reach a log line or diagnostics, whichever code path happened to print it.
import type { Redactor } from '../log/redact';
import type { KeychainStatus, SecretStore, SessionAwareSecretStore } from './secretStore';

export class RedactingSecretStore implements SessionAwareSecretStore {
  constructor(
    private readonly inner: SecretStore | SessionAwareSecretStore,
    private readonly redactor: Redactor,
  ) {}

  async get(key: string): Promise<string | null> {
    const value = await this.inner.get(key);
    if (value !== null) this.register(value);
    return value;
  }

  async set(key: string, value: string): Promise<void> {
    this.register(value);
    await this.inner.set(key, value);
  }

  delete(key: string): Promise<boolean> {
    return this.inner.delete(key);
  }

  status(): KeychainStatus {
    return (this.inner as Partial<SessionAwareSecretStore>).status?.() ?? { available: true };
  }

  isSessionOnly(key: string): boolean {
    return (this.inner as Partial<SessionAwareSecretStore>).isSessionOnly?.(key) ?? false;
  }

  onStatusChange(listener: (status: KeychainStatus) => void): () => void {
    return (this.inner as Partial<SessionAwareSecretStore>).onStatusChange?.(listener) ?? (() => {});
  }

  probe(): Promise<KeychainStatus> {
    return (this.inner as Partial<SessionAwareSecretStore>).probe?.() ?? Promise.resolve(this.status());
  }

  /** Registers the value and, for a JSON token set, each string inside it. */
  private register(value: string): void {
    this.redactor.add(value);
    try {
      const walk = (v: unknown): void => {
        if (typeof v === 'string') this.redactor.add(v.length >= 16 ? v : null);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(JSON.parse(value));
    } catch {
      // expected: not JSON: the raw value is registered already
    }
  }
}
