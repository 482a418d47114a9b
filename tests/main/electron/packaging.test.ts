// The packaging configuration (build/electron-builder.config.cjs) cannot be run here, so its
// promises are checked as data: the four targets, icons that exist and are big enough, native
// modules rebuilt for Electron and kept out of the asar archive, the app's icons shipped where
// the shell looks for them, and nothing but the built app in the package.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

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
