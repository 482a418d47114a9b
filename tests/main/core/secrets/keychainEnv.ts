// Whether this test run has a working OS keychain. `scripts/with-keychain.sh` provides one and
// sets STINT_KEYCHAIN_REQUIRED=1: then a missing keychain fails the run instead of skipping.
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';

async function probe(): Promise<string | null> {
  try {
    await keytar.getPassword('Stint-probe', 'probe');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const problem = await probe();
export const keychainRequired = process.env.STINT_KEYCHAIN_REQUIRED === '1';
if (problem && keychainRequired) throw new Error(`STINT_KEYCHAIN_REQUIRED=1 but the keychain does not work: ${problem}`);

/** True when keytar reaches a Secret Service; otherwise keychain tests are skipped (run them via scripts/with-keychain.sh). */
export const keychainAvailable = problem === null;

/** A keychain service name of its own for each test file, so parallel files never collide. */
export function testService(): string {
  return `Stint-test-${randomUUID()}`;
}

/** Removes every entry a test left under its service. */
export async function clearService(service: string): Promise<void> {
  if (!keychainAvailable) return;
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
}

/** The environment of a headless session: no D-Bus session bus, no X display to autolaunch one. */
export function envWithoutKeychain(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
}

export { keytar };
