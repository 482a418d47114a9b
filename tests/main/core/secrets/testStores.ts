// The secret stores the behaviour suites run over. What they test (refresh, rotation, the
// cross-process lock, a revoked grant, what is stored where) is the same whichever store holds
// the tokens, so each suite runs over a store that works everywhere — memory, or a file that
// several processes share — and again over the real OS keychain when the run has one.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { KeytarSecretStore } from '../../../../src/main/core/secrets/keytarSecretStore';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import type { SecretStore } from '../../../../src/main/core/secrets/secretStore';
import { FileSecretStore } from '../cli/fixtures/fileSecretStore';
import { clearService, describeKeychain, keytar, testService } from './keychainEnv';

/** memory: one process (instances share the object); file: several processes; keychain: the real OS keychain. */
export type StoreKind = 'memory' | 'file' | 'keychain';

/** How a child process opens the same store (memory cannot be shared with one). */
export type ChildStore = { kind: 'keychain'; service: string } | { kind: 'file'; file: string };

export interface TestSecrets {
  kind: StoreKind;
  /** The backend, what the OS keychain is to Stint: every Accounts instance in a test shares it. */
  store: SecretStore;
  /** The keychain service name (also given to children that must not find anything in it). */
  service: string;
  /** The raw value under `key`, read straight from the backend. */
  read(key: string): Promise<string | null>;
  /** Every key the backend holds, sorted. */
  keys(): Promise<string[]>;
  /** For a child process; throws for memory. */
  child(): ChildStore;
  /** Removes everything the test stored. */
  clear(): Promise<void>;
}

/** MemorySecretStore, plus the key listing a test needs to say "nothing was stored". */
class ListedMemorySecretStore extends MemorySecretStore {
  readonly stored = new Set<string>();
  override async set(key: string, value: string): Promise<void> {
    await super.set(key, value);
    this.stored.add(key);
  }
  override async delete(key: string): Promise<boolean> {
    this.stored.delete(key);
    return super.delete(key);
  }
}

export function testSecrets(kind: StoreKind): TestSecrets {
  const service = testService();
  if (kind === 'memory') {
    const store = new ListedMemorySecretStore();
    return {
      kind,
      store,
      service,
      read: (key) => store.get(key),
      keys: async () => [...store.stored].sort(),
      child: () => {
        throw new Error('a memory store cannot be shared with a child process; use the file store');
      },
      clear: async () => {
        for (const key of [...store.stored]) await store.delete(key);
      },
    };
  }
  if (kind === 'file') {
    // Outside every data directory, so a leak scan of the data directory never sees it.
    const dir = mkdtempSync(join(tmpdir(), 'stint-secrets-'));
    const file = join(dir, 'secrets.json');
    const store = new FileSecretStore(file);
    return {
      kind,
      store,
      service,
      read: (key) => store.get(key),
      keys: async () => (existsSync(file) ? Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object).sort() : []),
      child: () => ({ kind: 'file', file }),
      clear: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const store = new KeytarSecretStore(service);
  return {
    kind,
    store,
    service,
    read: (key) => keytar.getPassword(service, key),
    keys: async () => (await keytar.findCredentials(service)).map((c) => c.account).sort(),
    child: () => ({ kind: 'keychain', service }),
    clear: () => clearService(service),
  };
}

const LABEL: Record<StoreKind, string> = { memory: 'memory store', file: 'file store shared by processes', keychain: 'real keychain' };

/**
 * The suite once per store: the portable one (memory, or file for several processes) always,
 * the real keychain when there is one (skipped loudly otherwise, see describeKeychain).
 */
export function describeOverStores(name: string, portable: 'memory' | 'file', fn: (kind: StoreKind) => void): void {
  describe(`${name} [${LABEL[portable]}]`, () => fn(portable));
  describeKeychain(`${name} [${LABEL.keychain}]`, () => fn('keychain'));
}
