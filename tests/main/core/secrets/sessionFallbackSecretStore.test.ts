import { describe, expect, it } from 'vitest';
import { StintError } from '../../../../src/common/errors';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import type { SecretStore } from '../../../../src/main/core/secrets/secretStore';
import { SessionFallbackSecretStore } from '../../../../src/main/core/secrets/sessionFallbackSecretStore';

// The real keychain failure is exercised in keychainUnavailable.test.ts (a child process with no
// D-Bus). These cases pin the fallback's rules with a keychain that starts failing mid-session.

class FlakyKeychain implements SecretStore {
  readonly inner = new MemorySecretStore();
  failing = false;
  private check(): void {
    if (this.failing) throw new StintError('keychain_unavailable', 'The system keychain is unavailable (locked).');
  }
  async get(k: string) {
    this.check();
    return this.inner.get(k);
  }
  async set(k: string, v: string) {
    this.check();
    return this.inner.set(k, v);
  }
  async delete(k: string) {
    this.check();
    return this.inner.delete(k);
  }
}

describe('SessionFallbackSecretStore', () => {
  it('switches to memory for the rest of the session when the keychain fails, and says so once', async () => {
    const keychain = new FlakyKeychain();
    const store = new SessionFallbackSecretStore(keychain);
    const events: unknown[] = [];
    store.onStatusChange((s) => events.push(s));
    await store.set('a', '1');
    expect(store.isSessionOnly('a')).toBe(false);

    keychain.failing = true;
    await store.set('b', '2');
    expect(store.status()).toMatchObject({ available: false, message: expect.stringContaining('locked') });
    expect(store.isSessionOnly('b')).toBe(true);
    expect(await store.get('b')).toBe('2');
    expect(events).toHaveLength(1);

    // Even once the keychain recovers, this session stays in memory (no half-and-half state).
    keychain.failing = false;
    await store.set('c', '3');
    expect(await keychain.inner.get('c')).toBeNull();
    expect(store.isSessionOnly('c')).toBe(true);
    expect(events).toHaveLength(1);
  });

  it('lets errors other than keychain_unavailable surface (they are bugs, not a missing keychain)', async () => {
    const broken: SecretStore = {
      get: async () => {
        throw new TypeError('bug');
      },
      set: async () => {},
      delete: async () => false,
    };
    const store = new SessionFallbackSecretStore(broken);
    await expect(store.get('x')).rejects.toThrow('bug');
    expect(store.status()).toEqual({ available: true });
  });
});
