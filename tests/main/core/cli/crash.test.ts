import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../../src/common/dates';
import { createApp } from '../../../../src/main/core/app';
import type { Simulator } from '../../../sim/index';
import { startSimulator } from '../../../sim/index';
import { FileSecretStore } from './fixtures/fileSecretStore';
import { clockEnv, flowingTestClock } from '../../../helpers/clock';

// Crash safety (DESIGN §4): `stint sync --once` is killed with SIGKILL at 20 random points of a
// backfill. After each kill the database is intact and holds no duplicate and nothing that is
// not upstream; after a final run, every synced table equals that of an uninterrupted run.
// Kill points are counted in requests the simulator received (plus a random few ms), so the
// test does not depend on how fast this machine is.

const CHILD = fileURLToPath(new URL('./fixtures/cliChild.ts', import.meta.url));
const KILLS = 20;
const TABLES: Record<string, string> = {
  hubstaff_activities: 'organization_id, id',
  hubstaff_daily_activities: 'organization_id, id',
  hubstaff_members: 'organization_id, user_id',
  hubstaff_users: 'organization_id, id',
  hubstaff_projects: 'organization_id, id',
  hubstaff_time_off_requests: 'organization_id, id',
  hubstaff_time_off_policies: 'organization_id, id',
  hubstaff_organizations: 'id',
  source_items: 'provider, org_id, external_id',
};

let sim: Simulator;
const dirs: string[] = [];
// The simulator, this process's core and each CLI child share one clock, from the test instant.
const clock = flowingTestClock();

/** A deterministic PRNG, so a failing run can be replayed (the seed is in the test name). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function prepare(name: string): Promise<{ dataDir: string; secretsFile: string }> {
  const root = mkdtempSync(join(tmpdir(), `stint-crash-${name}-`));
  dirs.push(root);
  const dataDir = join(root, 'data');
  const secretsFile = join(root, 'secrets.json');
  const app = createApp({ dataDir, clock, secrets: new FileSecretStore(secretsFile), env: { STINT_HUBSTAFF_API_URL: sim.apiUrl, STINT_HUBSTAFF_ACCOUNT_URL: sim.baseUrl } });
  try {
    const account = await app.accounts.signInWithPersonalToken(sim.control.issuePersonalAccessToken());
    app.accounts.selectOrganizations(account.id, sim.control.myOrganizationIds());
    const today = clock.now().toISOString().slice(0, 10);
    // Small pages: a long backfill of many transactions to interrupt.
    app.accounts.updateSyncSettings(account.id, { startDate: addDays(today, -13), pageLimit: 25 });
  } finally {
    await app.sync.close();
    app.close();
  }
  return { dataDir, secretsFile };
}

interface Child {
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
  kill(): void;
}

function startChild(dataDir: string, secretsFile: string): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, 'sync', '--once', '--json'], {
    env: { ...process.env, ...clockEnv(clock), STINT_DATA_DIR: dataDir, STINT_TEST_SECRETS: secretsFile, STINT_HUBSTAFF_API_URL: sim.apiUrl, STINT_HUBSTAFF_ACCOUNT_URL: sim.baseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err }))),
    kill: () => child.kill('SIGKILL'),
  };
}

const apiRequests = (): number => sim.requests.filter((r) => r.path.startsWith('/v2')).length;

function snapshot(dataDir: string): Record<string, unknown[]> {
  const db = new Database(join(dataDir, 'stint.db'), { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const [table, key] of Object.entries(TABLES)) {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((c) => c !== 'synced_at');
      out[table] = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${key}`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const today = clock.now().toISOString().slice(0, 10);
  sim = await startSimulator({
    seed: 9,
    clock: clock.nowMs,
    data: {
      membersPerOrg: 6,
      // Weekends too: the backfill is as long whatever weekday the test instant falls on.
      activities: { from: addDays(today, -12), to: addDays(today, -1), density: 0.7, notAfter: new Date(clock.nowMs() - 3_600_000).toISOString(), weekends: true },
    },
  });
});

afterAll(async () => {
  await sim?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('crash safety', () => {
  const seed = 20_261_122;
  it(`kill -9 at ${KILLS} random points of a backfill never corrupts, duplicates or loses data (seed ${seed})`, { timeout: 150_000 }, async () => {
    const random = prng(seed);
    const { dataDir, secretsFile } = await prepare('killed');
    const org = sim.control.myOrganizationIds()[0]!;
    const upstream = new Set(sim.control.activities({ orgId: org }).map((a) => a.id));
    expect(upstream.size).toBeGreaterThan(2_000); // ≥ 80 pages of activities alone

    let kills = 0;
    let progress = 0;
    while (kills < KILLS) {
      const before = apiRequests();
      const wait = 1 + Math.floor(random() * 8); // requests into this run
      const jitter = Math.floor(random() * 6); // then a few ms more: mid-request or mid-write
      const child = startChild(dataDir, secretsFile);
      let done = false;
      void child.exited.then(() => (done = true));
      while (!done && apiRequests() - before < wait) await new Promise((r) => setTimeout(r, 1));
      if (done) break; // the backfill finished before this kill point
      await new Promise((r) => setTimeout(r, jitter));
      child.kill();
      const exit = await child.exited;
      if (exit.signal !== 'SIGKILL') break;
      kills++;

      const db = new Database(join(dataDir, 'stint.db'));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        for (const [table, key] of Object.entries(TABLES)) {
          expect(db.prepare(`SELECT count(*) FROM (SELECT ${key} FROM ${table} GROUP BY ${key} HAVING count(*) > 1)`).pluck().get(), table).toBe(0);
        }
        const ids = db.prepare('SELECT id FROM hubstaff_activities').pluck().all() as number[];
        for (const id of ids) if (!upstream.has(id)) throw new Error(`activity ${id} is not upstream`);
        expect(ids.length).toBeGreaterThanOrEqual(progress); // nothing committed was lost
        progress = ids.length;
      } finally {
        db.close();
      }
    }
    expect(kills).toBe(KILLS);
    expect(progress).toBeLessThan(upstream.size); // the kills all landed inside the backfill

    const last = await startChild(dataDir, secretsFile).exited;
    expect(last.err).toBe('');
    expect(last.code).toBe(0);
    expect(JSON.parse(last.out).status).toBe('idle');

    const clean = await prepare('clean');
    const uninterrupted = await startChild(clean.dataDir, clean.secretsFile).exited;
    expect(uninterrupted.code).toBe(0);

    const a = snapshot(dataDir);
    const b = snapshot(clean.dataDir);
    expect(a.hubstaff_activities).toHaveLength(upstream.size);
    for (const table of Object.keys(TABLES)) expect(a[table], table).toEqual(b[table]);
  });
});
