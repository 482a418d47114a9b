// Benchmark runner: `npm run bench [-- --json] [-- name…]`. Each benchmark module reports
// figures measured in one run (ratios to a baseline measured in the same run, so machines of
// different speed compare). Add a benchmark by appending it to BENCHMARKS.
import type { BenchResult, Benchmark } from './types';

const BENCHMARKS: Benchmark[] = [
  {
    name: 'hubstaff-ingest',
    description: '200,000 activities over HTTP through the Hubstaff client into SQLite',
    run: async () => (await import('./hubstaff-ingest')).run(),
  },
  { name: 'sync-scale', description: 'week query, sidebar and start-up: 1,000,000 vs 10,000 cached activities', run: async () => (await import('./sync-scale')).run() },
  { name: 'hubspot-idle', description: 'HubSpot idle polls for 2 h on an account of 10,700 tasks: requests per poll, re-check spread', run: async () => (await import('./hubspot-idle')).run() },
  { name: 'renderer-week', description: 'Week view in Chromium: 300 entries + 5,000 sidebar items vs an empty week; long tasks while dragging', run: async () => (await import('./renderer-week')).run() },
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((n) => !BENCHMARKS.some((b) => b.name === n));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const bench of BENCHMARKS.filter((b) => only.length === 0 || only.includes(b.name))) {
  if (!json) console.log(`» ${bench.name}: ${bench.description}`);
  for (const r of await bench.run()) {
    results.push(r);
    if (json) console.log(JSON.stringify(r));
  }
}

if (!json) {
  const rows = results.map((r) => [r.name, formatValue(r.value), r.unit, r.goal, r.ok ? 'ok' : 'MISSED']);
  const head = ['name', 'value', 'unit', 'goal', 'ok'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}
if (args.includes('--strict') && results.some((r) => !r.ok)) process.exitCode = 1;

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 0 : 2);
}
