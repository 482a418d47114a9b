// Vitest global setup: a run that requires the keychain (`npm test`, scripts/with-keychain.sh)
// fails at once without one; any other run without one ends with one warning line on stderr
// saying how many keychain tests were skipped, why, and how to run them.
import type { TestProject } from 'vitest/node';
import { KEYCHAIN_HINT, KEYCHAIN_SKIP_MARK, keychainRequired, probeKeychain, requiredButMissing } from '../main/core/secrets/keychainProbe';

/** How many tests of this run were skipped for want of a keychain (their names carry the mark). */
function skippedKeychainTests(project: TestProject): number | null {
  try {
    let n = 0;
    for (const module of project.vitest.state.getTestModules()) {
      for (const test of module.children.allTests()) if (test.result().state === 'skipped' && test.fullName.includes(KEYCHAIN_SKIP_MARK)) n++;
    }
    return n;
  } catch {
    return null; // vitest's state API moved: still warn, without the count
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const problem = await probeKeychain();
  if (problem === null) return undefined;
  if (keychainRequired) throw requiredButMissing(problem);
  return () => {
    const n = skippedKeychainTests(project);
    if (n === 0) return; // no keychain test was in this run
    const what = n === null ? 'the tests that need the OS keychain' : `${n} test${n === 1 ? '' : 's'} that need the OS keychain`;
    process.stderr.write(`\n⚠ keychain tests SKIPPED: ${what}, as this run has no Secret Service (${problem}); ${KEYCHAIN_HINT}.\n`);
  };
}
