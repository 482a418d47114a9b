#!/usr/bin/env node
// Whether the Electron binary is installed (npm skips its download under
// ELECTRON_SKIP_BINARY_DOWNLOAD=1). `npm start`, `npm run dev` and `npm run demo` ask first, so
// a machine without it hears so in one line at once, not after a native rebuild and a build.
//   node scripts/electron-check.mjs [what]   exit 0 if installed, else 1 with what to do
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** True when electron's postinstall fetched the binary, or an override points at one. */
export function electronAvailable(env = process.env) {
  return existsSync(join(root, 'node_modules/electron/path.txt')) || Boolean(env.ELECTRON_OVERRIDE_DIST_PATH);
}

/** The one line a person reads when it is missing. */
export function electronMissingMessage(what = 'stint') {
  return `${what}: the Electron binary is not installed (npm skipped it: ELECTRON_SKIP_BINARY_DOWNLOAD). Reinstall without it (ELECTRON_SKIP_BINARY_DOWNLOAD= npm ci), or run the headless demo: npm run demo -- --no-electron`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!electronAvailable()) {
    process.stderr.write(`${electronMissingMessage(process.argv[2])}\n`);
    process.exit(1);
  }
}
