// Builds the renderer and the page-side bridge into a directory of the caller's own, for runs
// that must not share out/ with a concurrent build or e2e run (the renderer benchmark).
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { build } from 'vite';
import { ROOT } from './global-setup';

export interface PrivateBuild {
  rendererDir: string;
  bridgeBundle: string;
}

export async function buildPrivately(outDir: string): Promise<PrivateBuild> {
  const rendererDir = resolve(outDir, 'renderer');
  const bridgeDir = resolve(outDir, 'bridge');
  // The renderer as electron-vite builds it (same root, React plugin, relative base).
  await build({
    configFile: false,
    root: resolve(ROOT, 'src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: rendererDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  });
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      outDir: bridgeDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: resolve(import.meta.dirname, 'page-bridge.ts'), formats: ['iife'], name: 'StintHarness', fileName: () => 'page-bridge.js' },
    },
  });
  return { rendererDir, bridgeBundle: resolve(bridgeDir, 'page-bridge.js') };
}
