// Secrets (token sets) live only in the OS keychain. Everything else in Stint talks to this
// small interface, so the keychain backend can be swapped or degraded without callers caring.

/** The keychain service name every Stint secret is filed under. */
export const SECRET_SERVICE = 'Stint';

export interface SecretStore {
  /** The stored value, or null when there is none. */
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
}

/** Where secrets currently go: the OS keychain, or memory for this session only. */
export interface KeychainStatus {
  available: boolean;
  /** Why the keychain is unavailable (no secrets in it). Shown to the user. */
  message?: string;
}

/** A SecretStore that can tell whether a secret only lives in memory for this session. */
export interface SessionAwareSecretStore extends SecretStore {
  status(): KeychainStatus;
  /** True when `key` is held in memory only and is lost when the app quits. */
  isSessionOnly(key: string): boolean;
  /** Called whenever `status()` changes. Returns an unsubscribe function. */
  onStatusChange(listener: (status: KeychainStatus) => void): () => void;
  /**
   * Asks the keychain (an unavailable one after its backoff); once it answers, what memory held
   * is saved there. Resolves to the status after.
   */
  probe(): Promise<KeychainStatus>;
}
