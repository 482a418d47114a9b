// Builds what the e2e harness serves: the renderer (as `npm run build` does) unless it is
// already built, and the page-side bridge bundle.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'vite';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const RENDERER_DIR = resolve(ROOT, 'out/renderer');
export const BRIDGE_BUNDLE = resolve(ROOT, 'out/e2e/page-bridge.js');

export default async function globalSetup(): Promise<void> {
  if (!existsSync(resolve(RENDERER_DIR, 'index.html')) || process.env.STINT_E2E_REBUILD) {
    const { build: evBuild } = await import('electron-vite');
    await evBuild({ root: ROOT, logLevel: 'warn' });
  }
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir: resolve(ROOT, 'out/e2e'),
      emptyOutDir: true,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, 'page-bridge.ts'), formats: ['iife'], name: 'StintHarness', fileName: () => 'page-bridge.js' },
    },
  });
}
