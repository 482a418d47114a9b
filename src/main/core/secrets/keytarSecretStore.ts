import { StintError } from '../../../common/errors';
import { SECRET_SERVICE, type SecretStore } from './secretStore';

/** The part of keytar Stint uses (injectable so a test can stand in for a broken backend). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/**
 * The OS keychain through keytar: service `Stint`, one keychain account per key. Any backend
 * failure (no D-Bus session, locked or missing keyring, native module not loadable) surfaces
 * as `keychain_unavailable`; the value is never written anywhere else.
 */
export class KeytarSecretStore implements SecretStore {
  private backend: Promise<KeytarLike> | null;

  constructor(
    private readonly service: string = SECRET_SERVICE,
    backend?: KeytarLike,
  ) {
    this.backend = backend ? Promise.resolve(backend) : null;
  }

  get(key: string): Promise<string | null> {
    return this.call('read', (k) => k.getPassword(this.service, key));
  }

  set(key: string, value: string): Promise<void> {
    return this.call('save', (k) => k.setPassword(this.service, key, value));
  }

  delete(key: string): Promise<boolean> {
    return this.call('delete', (k) => k.deletePassword(this.service, key));
  }

  private async call<T>(what: string, op: (k: KeytarLike) => Promise<T>): Promise<T> {
    try {
      return await op(await this.load());
    } catch (e) {
      // Never echo arguments: only the backend's own message, which holds no secret.
      const reason = e instanceof Error ? e.message : String(e);
      throw new StintError('keychain_unavailable', `The system keychain is unavailable (could not ${what} a secret: ${reason}).`, {
        cause: e,
      });
    }
  }

  // Loaded lazily: a missing native build is one more way for the keychain to be unavailable.
  private load(): Promise<KeytarLike> {
    this.backend ??= import('keytar').then((m) => ((m as { default?: KeytarLike }).default ?? m) as KeytarLike);
    const loading = this.backend;
    loading.catch(() => {
      if (this.backend === loading) this.backend = null;
    });
    return loading;
  }
}
