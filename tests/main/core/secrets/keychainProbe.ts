// Whether keytar reaches a Secret Service in this process, and how a run without one says so.
// No vitest import: the global setup (tests/setup/keychainNotice.ts) uses it in vitest's main
// process, keychainEnv.ts in each test worker.
import keytar from 'keytar';

/** Null when the keychain works, otherwise keytar's reason (it holds no secret). */
export async function probeKeychain(): Promise<string | null> {
  try {
    await keytar.getPassword('Stint-probe', 'probe');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** `scripts/with-keychain.sh` (and so `npm test`) sets this: then a missing keychain fails the run. */
export const keychainRequired = process.env.STINT_KEYCHAIN_REQUIRED === '1';

/** Marks the name of every suite skipped for want of a keychain; the global setup counts them by it. */
export const KEYCHAIN_SKIP_MARK = 'SKIPPED, no keychain';

export const KEYCHAIN_HINT = 'run `npm test` or `bash scripts/with-keychain.sh npx vitest run …` to run them';

export function requiredButMissing(problem: string): Error {
  return new Error(`STINT_KEYCHAIN_REQUIRED=1 but the keychain does not work, and keychain tests may not skip: ${problem}`);
}
