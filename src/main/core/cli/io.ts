import type { AppOptions } from '../app';
import type { SecretStore } from '../secrets/secretStore';

/** Where the CLI reads and writes: the process, or a test's buffers. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of stdin as text (only `auth pat` reads it). */
  readStdin(): Promise<string>;
  env: Readonly<Record<string, string | undefined>>;
  /** Calls `listener` on Ctrl-C / SIGTERM (continuous `stint sync`); returns the unsubscribe. */
  onInterrupt(listener: () => void): () => void;
}

/** What tests swap: the keychain (for a MemorySecretStore) and the core's tuning. */
export interface CliDeps {
  secrets?: SecretStore;
  app?: Partial<Omit<AppOptions, 'dataDir' | 'secrets' | 'env'>>;
}
