// The packaging configuration (build/electron-builder.config.cjs) cannot be run here, so its
// promises are checked as data: the four targets, icons that exist and are big enough, native
// modules rebuilt for Electron and kept out of the asar archive, the app's icons shipped where
// the shell looks for them, and nothing but the built app in the package. The build itself is
// run once, to prove the exchange thread's worker ships and works.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { ExchangeThread } from '../../../src/main/core/providers/hubstaff/exchangeThread';
import { TEST_NOW_MS } from '../../helpers/clock';
import { startSimulator } from '../../sim/index';

const root = resolve(import.meta.dirname, '../../..');
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: unknown;
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean; entitlements: string };
  win: { target: string[]; icon: string };
  nsis: { deleteAppDataOnUninstall: boolean };
}
const config = createRequire(import.meta.url)(resolve(root, 'build/electron-builder.config.cjs')) as BuilderConfig;

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('electron-builder configuration', () => {
  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Stint');
  });

  it('uses icons that exist and are large enough for every platform (mac 512+, win 256+)', () => {
    for (const platform of ['linux', 'mac', 'win'] as const) {
      const file = resolve(root, config[platform].icon);
      expect(existsSync(file), file).toBe(true);
      const { width, height } = pngSize(file);
      expect(width).toBe(height);
      expect(width).toBeGreaterThanOrEqual(512);
    }
  });

  it('rebuilds native modules for Electron and keeps them outside the asar archive', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    const unpacked = config.asarUnpack;
    for (const mod of ['better-sqlite3', 'keytar']) expect(unpacked.some((p) => p.includes(`node_modules/${mod}/`)), mod).toBe(true);
    expect(unpacked).toContain('**/*.node');
    // Both are runtime dependencies, so electron-builder packs (and rebuilds) them.
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; main: string };
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(['better-sqlite3', 'keytar']));
    expect(pkg.main).toMatch(/^\.\/out\//);
  });

  it('ships the built app and the tray icons where the shell reads them, and no sources, tests or simulator', () => {
    const files = config.files;
    expect(files).toContain('out/**');
    expect(files.some((f) => /^(src|tests|scripts)\b/.test(f))).toBe(false);
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*.png'] }]);
    for (const f of ['tray/tray-light.png', 'tray/tray-dark-reconnect@2x.png', 'icon.png']) expect(existsSync(resolve(root, 'resources', f)), f).toBe(true);
    // That the packaged shell reads them from process.resourcesPath/<to> is checked by running it
    // (security.behaviour.test.ts, "the packaged app").
  });

  it('signs macOS builds with the hardened runtime and the entitlements Electron needs', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    const plist = readFileSync(resolve(root, config.mac.entitlements), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
  });
});

// The exchange thread's worker is its own entry in the build: a package without it would run
// every Hubstaff exchange on the main thread. Built here, then run from where the shell loads it.
describe('the build output', () => {
  it('ships the exchange thread’s worker beside the main entry, and it serves a real exchange', { timeout: 120_000 }, async () => {
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(resolve(root, 'out/main/index.js'))).toBe(true);
    const worker = resolve(root, 'out/main/hubstaffExchangeWorker.js');
    const thread = new ExchangeThread(() => new Worker(worker));
    const sim = await startSimulator({ seed: 3, clock: () => TEST_NOW_MS });
    try {
      expect(await thread.ready()).toBe(true);
      const { access_token } = sim.control.issueTokenPair();
      const res = await thread.exchange({ url: `${sim.apiUrl}/users/me`, headers: { Authorization: `Bearer ${access_token}` } }, AbortSignal.timeout(30_000));
      expect(res.status).toBe(200);
      expect(JSON.parse(Buffer.from((res as { body: Uint8Array }).body).toString('utf8'))).toMatchObject({ user: { id: sim.control.me().id } });
      expect(thread.served).toBe(1);
    } finally {
      await thread.close();
      await sim.close();
    }
  });
});
