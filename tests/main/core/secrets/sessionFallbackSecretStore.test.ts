import { describe, expect, it } from 'vitest';
import { StintError } from '../../../../src/common/errors';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import type { SecretStore } from '../../../../src/main/core/secrets/secretStore';
import { SessionFallbackSecretStore } from '../../../../src/main/core/secrets/sessionFallbackSecretStore';
import { testClock } from '../../../helpers/clock';

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
  it('switches to memory when the keychain fails, says so once, and never takes an unreadable entry for a missing one', async () => {
    const clock = testClock();
    const keychain = new FlakyKeychain();
    const store = new SessionFallbackSecretStore(keychain, { now: clock.nowMs });
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
    // 'a' is in the keychain, which cannot be read: an error, not "no sign-in".
    await expect(store.get('a')).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(events).toHaveLength(1);
  });

  it('once the keychain answers again (after the backoff), writes what memory held and applies deletions made meanwhile', async () => {
    const clock = testClock();
    const keychain = new FlakyKeychain();
    const store = new SessionFallbackSecretStore(keychain, { now: clock.nowMs });
    const events: { available: boolean }[] = [];
    store.onStatusChange((s) => events.push(s));
    await store.set('gone', 'x');
    keychain.failing = true;
    await store.set('renewed', 'pair-2'); // e.g. a rotated token pair: the keychain still has the spent one
    await store.delete('gone'); // a sign-out while the keychain is locked
    expect(await store.get('gone')).toBeNull();

    keychain.failing = false;
    await store.get('renewed'); // within the backoff: memory still answers, the keychain is not asked
    expect(await keychain.inner.get('renewed')).toBeNull();
    clock.advance(5_000);
    expect(await store.get('renewed')).toBe('pair-2');
    expect(await keychain.inner.get('renewed')).toBe('pair-2');
    expect(await keychain.inner.get('gone')).toBeNull();
    expect(store.status()).toEqual({ available: true });
    expect(store.isSessionOnly('renewed')).toBe(false);
    expect(events.map((e) => e.available)).toEqual([false, true]);
  });

  it('backs off between attempts while the keychain stays unavailable', async () => {
    const clock = testClock();
    const keychain = new FlakyKeychain();
    const store = new SessionFallbackSecretStore(keychain, { now: clock.nowMs });
    keychain.failing = true;
    await store.set('k', 'v');
    let asked = 0;
    const get = keychain.get.bind(keychain);
    keychain.get = async (k: string) => (asked++, get(k));
    for (const wait of [5_000, 10_000, 20_000]) {
      clock.advance(wait - 1);
      await store.set('k', 'v');
      expect(asked).toBe(0);
      clock.advance(1);
      await store.set('k', 'v');
      expect(asked).toBe(1);
      asked = 0;
    }
    expect(store.status().available).toBe(false);
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
