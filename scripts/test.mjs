#!/usr/bin/env node
// `npm test`: every suite, in the order that fails fastest — typecheck, lint, the Node suites
// (unit, integration against the simulator, keychain inside a D-Bus session with an unlocked
// gnome-keyring), the build, then e2e in Chromium — and one closing "N passed, N failed" line.
//
// `node scripts/test.mjs --node-only FILE…` runs only the Node suites of those files (the
// time-travel matrix, scripts/time-travel.sh). With STINT_TEST_TOTALS=FILE the counts are also
// appended to FILE, one "passed failed skipped" line per run, for a total over many runs.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Not test-results/: Playwright empties that folder when it starts.
const results = join(root, 'test-reports');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const vitestJson = join(results, 'vitest.json');
const playwrightJson = join(results, 'playwright.json');

const nodeOnly = process.argv[2] === '--node-only';
const files = nodeOnly ? process.argv.slice(3) : [];
const vitest = ['scripts/with-keychain.sh', 'npx', 'vitest', 'run', ...files, '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`];
const steps = nodeOnly
  ? [
      ['native', 'node', ['scripts/native.mjs', 'node']],
      ['unit + integration + keychain', 'bash', vitest],
    ]
  : [
      ['typecheck', 'npm', ['run', '-s', 'typecheck']],
      ['lint', 'npm', ['run', '-s', 'lint']],
      ['native', 'node', ['scripts/native.mjs', 'node']],
      ['unit + integration + keychain', 'bash', vitest],
      ['build', 'npm', ['run', '-s', 'build']],
      ['e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }],
    ];

let failedStep = null;
for (const [name, cmd, args, env] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`--- ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests ?? 0;
  failed += v.numFailedTests ?? 0;
  skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightJson)) {
  const s = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
}
if (failedStep) console.log(`\nFailed step: ${failedStep}`);
if (process.env.STINT_TEST_TOTALS) appendFileSync(process.env.STINT_TEST_TOTALS, `${passed} ${failed + (failedStep ? 1 : 0)} ${skipped}\n`);
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep || failed ? 1 : 0);
