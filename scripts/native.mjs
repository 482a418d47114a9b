#!/usr/bin/env node
// better-sqlite3 is compiled for one runtime's ABI at a time (DESIGN §4). This keeps one build
// per runtime: node_modules holds Node's (tests, CLI, bench); build/native/electron-<version>
// holds Electron's, which the app loads through better-sqlite3's `nativeBinding` option.
//   node scripts/native.mjs node      ensure node_modules' build loads in this Node
//   node scripts/native.mjs electron  ensure an Electron build exists for the installed Electron
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function nodeBuildLoads() {
  // A child process, so a failed dlopen does not poison this one.
  const r = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? null : (r.stderr || 'failed').split('\n').find((l) => l.includes('Error')) ?? r.stderr;
}

function ensureNode() {
  const problem = nodeBuildLoads();
  if (!problem) return;
  console.log(`native: better-sqlite3 does not load in Node ${process.version} (${problem.trim()}); rebuilding it`);
  execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
  const again = nodeBuildLoads();
  if (again) throw new Error(`better-sqlite3 still does not load after a rebuild: ${again}`);
}

function ensureElectron() {
  const electronPkg = join(root, 'node_modules/electron/package.json');
  if (!existsSync(electronPkg)) throw new Error('Electron is not installed: run the set-up command from the README.');
  const version = JSON.parse(readFileSync(electronPkg, 'utf8')).version;
  const target = join(root, 'build/native', `electron-${version}`, 'better_sqlite3.node');
  if (existsSync(target)) return;
  console.log(`native: building better-sqlite3 for Electron ${version} (once)`);
  const src = dirname(require.resolve('better-sqlite3/package.json'));
  const work = mkdtempSync(join(tmpdir(), 'stint-native-'));
  try {
    cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${src}/build`) });
    execFileSync(
      npm,
      ['exec', '--yes', '--', 'node-gyp', 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
      { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
    );
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(work, 'build/Release/better_sqlite3.node'), target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
try {
  if (mode === 'node') ensureNode();
  else if (mode === 'electron') ensureElectron();
  else {
    console.error('usage: node scripts/native.mjs node|electron');
    process.exit(2);
  }
} catch (e) {
  console.error(`native: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
