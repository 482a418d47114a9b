import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      // Native modules stay external: they load from node_modules (better-sqlite3's Electron
      // build comes from build/native, see scripts/native.mjs).
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('src/main/electron/index.ts'),
          // The Hubstaff exchange thread's entry; exchangeThread.ts loads it from next to index.js.
          hubstaffExchangeWorker: resolve('src/main/core/providers/hubstaff/exchangeWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload may only require('electron'): bundle everything else into it.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
