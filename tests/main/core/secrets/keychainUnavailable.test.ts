import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { envWithoutKeychain, testService } from './keychainEnv';

const run = promisify(execFile);

describe('keychain unavailable (real keytar, no D-Bus session)', () => {
  it('fails clearly as keychain_unavailable and falls back to memory for the session only', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'noKeychainChild.ts'), testService()], {
      cwd: process.cwd(),
      env: envWithoutKeychain(),
    });
    const r = JSON.parse(stdout);
    expect(r.rawError.code).toBe('keychain_unavailable');
    expect(r.rawError.message).toMatch(/keychain is unavailable .*D-Bus/);
    expect(r.rawError.message).not.toContain('secret-value');
    expect(r.before).toEqual({ available: true });
    expect(r.after.available).toBe(false);
    expect(r.after.message).toContain('for this session only');
    expect(r.events).toEqual([r.after]);
    expect(r.readBack).toBe('secret-value');
    expect(r.sessionOnly).toBe(true);
    expect(r.otherSessionOnly).toBe(false);
    expect(r.deleted).toBe(true);
    expect(r.afterDelete).toBeNull();
  });
});
