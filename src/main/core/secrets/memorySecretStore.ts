import type { SecretStore } from './secretStore';

/** Secrets held in this process only: the session-only fallback, never written anywhere. */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.values.delete(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  entries(): [string, string][] {
    return [...this.values];
  }

  clear(): void {
    this.values.clear();
  }
}
