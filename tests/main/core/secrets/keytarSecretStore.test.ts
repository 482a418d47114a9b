import { execFileSync } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../../src/main/core/secrets/keytarSecretStore';
import { SessionFallbackSecretStore } from '../../../../src/main/core/secrets/sessionFallbackSecretStore';
import { clearService, describeKeychain, keytar, testService } from './keychainEnv';

const service = testService();
afterAll(() => clearService(service));

/** Reads an entry from a separate process, so we know it lives in the OS keychain, not in us. */
function readFromAnotherProcess(account: string): string | null {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `import k from 'keytar'; process.stdout.write(JSON.stringify(await k.getPassword(${JSON.stringify(service)}, ${JSON.stringify(account)})));`],
    { cwd: process.cwd(), encoding: 'utf8' },
  );
  return JSON.parse(out) as string | null;
}

describeKeychain('KeytarSecretStore (real keychain)', () => {
  const store = new KeytarSecretStore(service);

  it('stores, overwrites, reads and deletes one entry per key', async () => {
    const value = JSON.stringify({ v: 1, accessToken: 'a-1', refreshToken: 'r-1' });
    await store.set('hubstaff:1', value);
    expect(await store.get('hubstaff:1')).toBe(value);
    expect(readFromAnotherProcess('hubstaff:1')).toBe(value);
    await store.set('hubstaff:1', 'second');
    expect(await store.get('hubstaff:1')).toBe('second');
    expect(await store.get('hubstaff:2')).toBeNull();
    expect(await store.delete('hubstaff:1')).toBe(true);
    expect(await store.delete('hubstaff:1')).toBe(false);
    expect(await store.get('hubstaff:1')).toBeNull();
    expect(readFromAnotherProcess('hubstaff:1')).toBeNull();
  });

  it('files entries under its service name, one account per key', async () => {
    await store.set('hubstaff:10', 'x');
    await store.set('hubstaff:11', 'y');
    const creds = await keytar.findCredentials(service);
    expect(creds.map((c) => c.account).sort()).toEqual(['hubstaff:10', 'hubstaff:11']);
    await store.delete('hubstaff:10');
    await store.delete('hubstaff:11');
  });

  it('through the session fallback, keeps using the keychain while it works', async () => {
    const fallback = new SessionFallbackSecretStore(store);
    expect(await fallback.probe()).toEqual({ available: true });
    await fallback.set('hubstaff:20', 'kept');
    expect(fallback.isSessionOnly('hubstaff:20')).toBe(false);
    expect(readFromAnotherProcess('hubstaff:20')).toBe('kept');
    expect(await fallback.delete('hubstaff:20')).toBe(true);
    expect(readFromAnotherProcess('hubstaff:20')).toBeNull();
  });
});
