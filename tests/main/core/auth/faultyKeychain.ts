import { StintError } from '../../../../src/common/errors';
import type { SecretStore } from '../../../../src/main/core/secrets/secretStore';

// A keychain that fails on demand, for the fault-injection tests of the shared account
// lifecycle: as keytar reports a locked keychain or a D-Bus hiccup (`keychain_unavailable`, which
// the session fallback handles), or with any other error (which reaches the token provider).

export interface FaultyKeychain {
  wrap(inner: SecretStore): SecretStore;
  /** The next `n` writes fail. */
  failWrites(n?: number): void;
  /** Reads fail until `readsWork()`. */
  failReads(): void;
  readsWork(): void;
}

export const LOCKED = 'The keychain is locked';

export function faultyKeychain(opts: { as?: 'keychain_unavailable' | 'error' } = {}): FaultyKeychain {
  let writesToFail = 0;
  let readsFail = false;
  const locked = (): Error => (opts.as === 'error' ? new Error(LOCKED) : new StintError('keychain_unavailable', LOCKED));
  return {
    wrap: (inner) => ({
      get: async (k) => {
        if (readsFail) throw locked();
        return inner.get(k);
      },
      delete: (k) => inner.delete(k),
      set: async (k, v) => {
        if (writesToFail > 0) {
          writesToFail--;
          throw locked();
        }
        return inner.set(k, v);
      },
    }),
    failWrites: (n = 1) => void (writesToFail = n),
    failReads: () => void (readsFail = true),
    readsWork: () => void (readsFail = false),
  };
}
