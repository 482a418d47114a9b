export { SECRET_SERVICE } from './secretStore';
export type { KeychainStatus, SecretStore, SessionAwareSecretStore } from './secretStore';
export { KeytarSecretStore } from './keytarSecretStore';
export type { KeytarLike } from './keytarSecretStore';
export { MemorySecretStore } from './memorySecretStore';
export { SessionFallbackSecretStore } from './sessionFallbackSecretStore';
