// Whether this test run has a working OS keychain. `scripts/with-keychain.sh` provides one and
// sets STINT_KEYCHAIN_REQUIRED=1: then a missing keychain fails the run instead of skipping.
// Without it (plain `vitest run`, `npm run test:unit`) the real-keychain suites are skipped
// loudly: their names carry the reason, and tests/setup/keychainNotice.ts prints one warning line.
import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { describe, it } from 'vitest';
import { KEYCHAIN_SKIP_MARK, keychainRequired, probeKeychain, requiredButMissing } from './keychainProbe';

const problem = await probeKeychain();
if (problem && keychainRequired) throw requiredButMissing(problem);
export { keychainRequired };

/** True when keytar reaches a Secret Service; otherwise the real-keychain suites are skipped, by name. */
export const keychainAvailable = problem === null;

/** The reason goes in the name, so every reporter shows it; how to run them is in the closing warning. */
const skippedName = (name: string): string => `${name} — ${KEYCHAIN_SKIP_MARK} (${problem})`;

/**
 * A suite that needs the real OS keychain. Without one it is skipped under a name that says so
 * and why; when the run requires a keychain it never gets here (the probe above throws).
 */
export function describeKeychain(name: string, fn: () => void): void {
  if (keychainAvailable) describe(name, fn);
  else describe.skip(skippedName(name), fn);
}

/** One test that needs the real OS keychain, in a suite that otherwise does not (see describeKeychain). */
export function itKeychain(name: string, options: { timeout?: number }, fn: () => Promise<void>): void {
  if (keychainAvailable) it(name, options, fn);
  else it.skip(skippedName(name), options, fn);
}

/** A keychain service name of its own for each test file, so parallel files never collide. */
export function testService(): string {
  return `Stint-test-${randomUUID()}`;
}

/** Removes every entry a test left under its service (nothing to remove without a keychain). */
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
