import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, onTestFinished } from 'vitest';

/**
 * A fresh temp directory, removed when the current test finishes (called inside a test or a
 * hook of it) or after each test (called while a suite is being collected).
 */
export function tempDir(prefix = 'stint-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterEach(remove);
  }
  return dir;
}
