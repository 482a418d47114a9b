// `npm run demo`: try Stint without a Hubstaff account. Starts the bundled Hubstaff simulator
// with a seeded organization, then opens Stint on a separate data directory, signed in to it
// (personal-token sign-in and organization selection done for you, tokens kept in memory).
//
//   npm run demo                        the app (needs the Electron binary)
//   npm run demo -- --no-electron       the same bootstrap headless: prints what it did and the
//                                       tray menu it would show, then exits
//   options: --data-dir DIR (default: a new temporary folder, removed afterwards)
//            --seed N (default 7)   --keep (keep the temporary folder)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../src/main/core/app';
import { MemorySecretStore } from '../src/main/core/secrets/index';
import { bootstrapDemo, describeDemo } from '../src/main/core/shell/demo';
import { adaptSyncEngine } from '../src/main/core/shell/syncAdapter';
import { buildTrayView, readTraySnapshot } from '../src/main/core/shell/trayView';
import type { TrayItem } from '../src/main/core/tray/menuModel';
import { electronAvailable, electronMissingMessage } from './electron-check.mjs';
import { DEMO_SEED, demoProcessEnv, startDemoSimulator } from './demo.world';
import { clockFromEnv } from '../src/common/clock';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    'no-electron': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    seed: { type: 'string', default: String(DEMO_SEED) },
    keep: { type: 'boolean', default: false },
  },
});

const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) {
  process.stderr.write(`demo: --seed must be a non-negative integer, got ${values.seed}\n`);
  process.exit(2);
}

const say = (line = ''): void => void process.stdout.write(`${line}\n`);

function trayText(items: TrayItem[]): string[] {
  return items.map((i) => {
    if (i.kind === 'separator') return '  ──────────';
    if (i.kind === 'label') return `  ${i.text}`;
    if (i.kind === 'checkbox') return `  [${i.checked ? 'x' : ' '}] ${i.label}`;
    return `  ${i.label}${i.enabled ? '' : ' (disabled)'}`;
  });
}

async function headless(dataDir: string): Promise<void> {
  // The core runs in this Node process: make sure better-sqlite3's Node build loads.
  const native = spawnSync(process.execPath, [join(root, 'scripts/native.mjs'), 'node'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (native.status !== 0) throw new Error('better-sqlite3 does not load in this Node (see above)');
  const clock = clockFromEnv(process.env);
  const demo = await startDemoSimulator({ seed, clock });
  say(`Hubstaff simulator: ${demo.sim.baseUrl} (API ${demo.sim.apiUrl}), seed ${seed}`);
  say(`Data directory: ${dataDir}`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const app = createApp({ dataDir, env: demo.env, secrets: new MemorySecretStore(), appVersion: pkg.version, clock });
  try {
    const report = await bootstrapDemo(app, { personalToken: demo.personalToken, env: demo.env });
    for (const line of describeDemo(report)) say(line);
    const sync = adaptSyncEngine(app.sync);
    const snap = readTraySnapshot(app, sync.status(), sync.paused, app.clock.now());
    const view = buildTrayView(snap.state);
    say();
    say(`Tray (${view.icon}): ${view.tooltip}`);
    for (const line of trayText(view.menu)) say(line);
    say();
    say('Headless run: the Electron window was not opened. Without --no-electron, `npm run demo` opens it on this data.');
  } finally {
    await app.sync.close();
    app.close();
    await demo.close();
  }
}

async function withElectron(dataDir: string): Promise<number> {
  if (!electronAvailable()) {
    process.stderr.write(`${electronMissingMessage('demo')}\n`);
    return 1;
  }
  const native = spawnSync(process.execPath, [join(root, 'scripts/native.mjs'), 'electron'], { cwd: root, stdio: 'inherit' });
  if (native.status !== 0) return native.status ?? 1;

  // STINT_CLOCK passes on to the app's process with the rest of the environment.
  const demo = await startDemoSimulator({ seed, clock: clockFromEnv(process.env) });
  say(`Hubstaff simulator: ${demo.sim.baseUrl}; Stint data: ${dataDir}`);
  say('Opening Stint signed in to the demo organization. Quit Stint (tray menu) or press Ctrl+C to end the demo.');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const child = spawn(npx, ['electron-vite', 'preview'], { cwd: root, stdio: 'inherit', env: { ...process.env, ...demoProcessEnv(demo, dataDir) } });
  const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 0)));
  await demo.close();
  return code;
}

const temporary = !values['data-dir'];
const dataDir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'stint-demo-'));
let code = 0;
try {
  if (values['no-electron']) await headless(dataDir);
  else code = await withElectron(dataDir);
} catch (e) {
  process.stderr.write(`demo: ${e instanceof Error ? e.message : String(e)}\n`);
  code = 1;
} finally {
  if (temporary && !values.keep) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
