import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowingClock } from '../../../../src/common/clock';
import { addDays } from '../../../../src/common/dates';
import { clockEnv, flowingTestClock } from '../../../helpers/clock';
import type { Simulator } from '../../../sim/index';
import { startSimulator } from '../../../sim/index';
import { clearService, envWithoutKeychain, itKeychain, keytar, testService } from '../secrets/keychainEnv';

// The `stint` binary (bin/stint.mjs, through tsx) end to end, each command its own process,
// the sign-in kept in the real OS keychain between them (run under scripts/with-keychain.sh).
// The simulator's clock and the binary's (STINT_CLOCK) flow from the test instant.

const BIN = fileURLToPath(new URL('../../../../bin/stint.mjs', import.meta.url));

let sim: Simulator | null = null;
let clock: FlowingClock | null = null;
let dir = '';
let service = '';
afterEach(async () => {
  await sim?.close();
  sim = null;
  clock = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (service) await clearService(service);
});

function stint(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<{ code: number | null; out: string; err: string }> {
  // Each command starts at the simulator's current instant.
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...(clock ? clockEnv(clock) : {}) }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

async function start(): Promise<NodeJS.ProcessEnv> {
  const c = (clock = flowingTestClock());
  const today = c.now().toISOString().slice(0, 10);
  const notAfter = new Date(c.nowMs() - 3_600_000).toISOString();
  sim = await startSimulator({ seed: 4, clock: () => c.nowMs(), data: { activities: { from: addDays(today, -6), to: addDays(today, -1), density: 0.3, notAfter } } });
  dir = mkdtempSync(join(tmpdir(), 'stint-bin-'));
  return { STINT_DATA_DIR: dir, STINT_HUBSTAFF_API_URL: sim.apiUrl, STINT_HUBSTAFF_ACCOUNT_URL: sim.baseUrl };
}

describe('stint binary', () => {
  itKeychain('signs in with a PAT from stdin into the keychain; later commands (other processes) sync with it', { timeout: 60_000 }, async () => {
    const vars = await start();
    service = testService();
    const env = { ...process.env, ...vars, STINT_KEYCHAIN_SERVICE: service };
    const s = sim!;
    const me = s.control.me() as { id: number; name: string };

    const auth = await stint(['auth', 'pat'], env, `${s.control.issuePersonalAccessToken()}\n`);
    expect(auth).toEqual({ code: 0, out: `Signed in to Hubstaff as ${me.name} (user ${me.id}).\nNext: stint orgs, then stint orgs select <ids>.\n`, err: '' });
    expect((await keytar.findCredentials(service)).map((c) => c.account)).toEqual([`hubstaff:${me.id}`]);

    const orgs = await stint(['orgs', '--json'], env);
    expect(orgs.code).toBe(0);
    const [org] = JSON.parse(orgs.out) as { id: number }[];
    expect((await stint(['orgs', 'select', String(org!.id)], env)).code).toBe(0);

    const sync = await stint(['sync', '--once', '--json'], env);
    expect(sync.err).toBe('');
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.out)).toMatchObject({ status: 'idle', records: { activities: s.control.countActivities({ orgId: org!.id }) } });

    const status = JSON.parse((await stint(['status', '--json'], env)).out);
    expect(status.accounts[0]).toMatchObject({ userId: String(me.id), status: 'connected', organizations: [org!.id] });
  });

  it('without a keychain, commands that need the sign-in fail with exit 1 and one clear line, and store nothing', { timeout: 60_000 }, async () => {
    const vars = await start();
    const env = { ...envWithoutKeychain(), ...vars, STINT_KEYCHAIN_SERVICE: testService() };
    const auth = await stint(['auth', 'pat'], env, sim!.control.issuePersonalAccessToken());
    expect(auth.code).toBe(1);
    expect(auth.err).toBe('stint: The system keychain is unavailable, so the CLI cannot read or keep a Hubstaff sign-in (run it in a desktop session with a keyring).\n');
    expect(sim!.requests.filter((r) => r.path === '/access_tokens')).toHaveLength(0);
    const status = await stint(['status', '--json'], env);
    expect(status).toEqual({ code: 0, out: '{"accounts":[]}\n', err: '' });
  });
});
