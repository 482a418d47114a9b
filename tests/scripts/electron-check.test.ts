import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm start` and `npm run dev` ask for the Electron binary before the native rebuild and the
// build: without it they stop at once with one line that says what to do.
const root = join(import.meta.dirname, '../..');
const installed = existsSync(join(root, 'node_modules/electron/path.txt'));
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!extra.ELECTRON_OVERRIDE_DIST_PATH) delete e.ELECTRON_OVERRIDE_DIST_PATH;
  return e;
};

describe('the Electron binary check', () => {
  it.each(['start', 'dev'])('npm run %s without the binary: exit 1 and one line naming both ways out, before anything else runs', (script) => {
    if (installed) {
      // This machine has Electron: the check lets the command through (the app is not started here).
      expect(spawnSync(process.execPath, ['scripts/electron-check.mjs'], { cwd: root, env: env() }).status).toBe(0);
      return;
    }
    const r = spawnSync('npm', ['run', '-s', script], { cwd: root, env: env(), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/the Electron binary is not installed .*ELECTRON_SKIP_BINARY_DOWNLOAD= npm ci.*npm run demo -- --no-electron$/)]);
    expect(r.stdout).not.toMatch(/native:|vite|building/i);
  });

  it('an ELECTRON_OVERRIDE_DIST_PATH counts as installed', () => {
    const r = spawnSync(process.execPath, ['scripts/electron-check.mjs'], { cwd: root, env: env({ ELECTRON_OVERRIDE_DIST_PATH: root }), encoding: 'utf8' });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
