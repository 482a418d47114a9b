import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { clockEnv } from '../../../helpers/clock';
import { envWithoutKeychain, keychainAvailable, keytar } from '../secrets/keychainEnv';
import { describeOverStores } from '../secrets/testStores';
import { waitFor } from '../../../helpers/waitFor';
import { countRequests, leakedTokens, setupHarness, type Harness } from './harness';
import { faultyKeychain } from './faultyKeychain';
import { holdingFetch } from './holdingFetch';

const run = promisify(execFile);
const CHILD = join(import.meta.dirname, 'fixtures', 'accountsChild.ts');

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The child's environment: its task, and the harness clock's instant for its own clock to flow from. */
const childEnv = (x: Harness, task: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => ({
  ...env,
  STINT_CHILD: JSON.stringify(task),
  ...clockEnv(x.clock),
});

async function child(x: Harness, task: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD], { cwd: process.cwd(), env: childEnv(x, task, env) });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** Starts a child that waits at its barrier; `go()` releases it and resolves with its result. */
async function waitingChild(x: Harness, task: Record<string, unknown>): Promise<{ go(): void; result: Promise<Record<string, unknown>> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: process.cwd(),
    env: childEnv(x, task),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  proc.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  const result = new Promise<Record<string, unknown>>((resolve, reject) =>
    proc.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length))) : reject(new Error(`child exited with ${code}`)))),
  );
  result.catch(() => {});
  await Promise.race([ready, result]);
  return { go: () => proc.stdin.end('go\n'), result };
}

// The children share the parent's backend: a file (always) or the real keychain (when there is one).
describeOverStores('several Stint processes on one account', 'file', (store) => {
  it('three processes meeting an expired token refresh exactly once and all use the new token', async () => {
    h = await setupHarness({ store });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    // Mark the stored token expired, as if the app had slept past its expiry.
    const entry = (await h.keychainEntry(account.id))!;
    const now = h.clock.nowMs();
    await h.backend.store.set(account.id, JSON.stringify({ ...entry, expiresAt: now - 60_000, obtainedAt: now - 3600_000 }));
    const before = countRequests(h.sim, (r) => r.grantType === 'refresh_token');

    const task = { mode: 'get-token', dataDir: h.dir, store: h.childStore(), accountUrl: h.sim.baseUrl, apiUrl: h.sim.apiUrl, accountId: account.id };
    const children = await Promise.all([waitingChild(h, task), waitingChild(h, task), waitingChild(h, task)]);
    for (const c of children) c.go();
    const results = await Promise.all(children.map((c) => c.result));

    expect(countRequests(h.sim, (r) => r.grantType === 'refresh_token') - before).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['connected', 'connected', 'connected']);
    const stored = (await h.keychainEntry(account.id))!;
    const expected = createHash('sha256').update(stored.accessToken as string).digest('hex');
    expect(results.map((r) => r.tokenHash)).toEqual([expected, expected, expected]);
    expect(h.accounts.get(account.id).status).toBe('connected');
  });

  it('a second process that starts while this one holds a refresh waits for the lock and takes the rotated pair: one refresh between them', async () => {
    const gate = holdingFetch((path) => path.endsWith('/access_tokens'));
    h = await setupHarness({ store, sim: { accessTokenLifetimeSec: 3600 }, accounts: { fetch: gate.fetch } });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    h.clock.advance(2 * 3600_000);
    const before = countRequests(h.sim, (r) => r.grantType === 'refresh_token');
    const held = gate.hold();
    const refreshing = h.accounts.tokenProvider(account.id).getAccessToken();
    await held.arrived; // the server rotated; this process has not saved yet, and holds the lock
    const other = await waitingChild(h, { mode: 'get-token', dataDir: h.dir, store: h.childStore(), accountUrl: h.sim.baseUrl, apiUrl: h.sim.apiUrl, accountId: account.id });
    other.go();
    held.release();
    const token = await refreshing;
    const r = await other.result;
    expect(countRequests(h.sim, (x) => x.grantType === 'refresh_token') - before).toBe(1);
    expect(r).toEqual({ tokenHash: createHash('sha256').update(token).digest('hex'), status: 'connected' });
  });

  it('a process killed -9 in the middle of a refresh (holding the lock) loses nothing: the next one refreshes once and stays connected', async () => {
    h = await setupHarness({ store, sim: { accessTokenLifetimeSec: 3600 } });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    h.clock.advance(2 * 3600_000);
    const before = countRequests(h.sim, (r) => r.grantType === 'refresh_token');
    const task = { mode: 'get-token', dataDir: h.dir, store: h.childStore(), accountUrl: h.sim.baseUrl, apiUrl: h.sim.apiUrl, accountId: account.id, hangOnRefresh: true };
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: process.cwd(), env: childEnv(h, task), stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('ready\n'), 'the child at its barrier');
    proc.stdin.end('go\n');
    const exited = new Promise((r) => proc.on('exit', (_code, signal) => r(signal)));
    await waitFor(() => out.includes('held\n'), 'the child to take the lock and start its refresh');
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const token = await h.accounts.tokenProvider(account.id).getAccessToken();
    expect(countRequests(h.sim, (r) => r.grantType === 'refresh_token') - before).toBe(1);
    expect((await h.keychainEntry(account.id))!.accessToken).toBe(token);
    expect(h.accounts.get(account.id).status).toBe('connected');
  });

  it('a renewed pair the keychain refused lives in this process: another process meeting the spent refresh token does not park the account', async () => {
    const keychain = faultyKeychain({ as: 'error' });
    h = await setupHarness({ store, sim: { accessTokenLifetimeSec: 3600 }, wrapStore: keychain.wrap });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    h.clock.advance(2 * 3600_000);
    keychain.failWrites(1);
    const renewed = await h.accounts.tokenProvider(account.id).getAccessToken(); // rotated; the keychain kept the spent pair
    const task = { mode: 'get-token', dataDir: h.dir, store: h.childStore(), accountUrl: h.sim.baseUrl, apiUrl: h.sim.apiUrl, accountId: account.id };
    const blocked = await waitingChild(h, task);
    blocked.go();
    expect(await blocked.result).toMatchObject({ error: 'keychain_unavailable', message: expect.stringMatching(/Another open Stint \(process \d+\) has the renewed Hubstaff sign-in but could not save it to the keychain yet/), status: 'connected' });
    expect(h.accounts.get(account.id).status).toBe('connected');
    // The keychain takes the pair at this process's next try: the other process then signs in from it.
    h.clock.advance(60_000);
    expect(await h.accounts.tokenProvider(account.id).getAccessToken()).toBe(renewed);
    const after = await waitingChild(h, task);
    after.go();
    expect(await after.result).toEqual({ tokenHash: createHash('sha256').update(renewed).digest('hex'), status: 'connected' });
  });
});

describe('keychain unavailable (real keytar in a process without D-Bus)', () => {
  it('signs in for this session only: tokens in memory, none on disk, and the UI is told', async () => {
    h = await setupHarness();
    const pat = h.sim.control.issuePersonalAccessToken();
    const store = { kind: 'keychain', service: h.service };
    const r = await child(h, { mode: 'sign-in-pat', dataDir: h.dir, store, accountUrl: h.sim.baseUrl, apiUrl: h.sim.apiUrl, pat }, envWithoutKeychain());
    expect(r.keychain).toMatchObject({ available: false, message: expect.stringContaining('for this session only') });
    expect(r.view).toMatchObject({ status: 'connected', sessionOnly: true, authKind: 'personal' });
    expect(r.orgCount).toBe(h.sim.control.myOrganizationIds().length);
    expect(r.leaked).toBe(0);
    // Nothing reached the keychain (when this process has one to look in; the child never does),
    // and no refresh token the simulator issued is on disk.
    if (keychainAvailable) expect(await keytar.findCredentials(h.service)).toEqual([]);
    expect(leakedTokens(h.dataDirBytes(), h.sim.control.listRefreshTokens().map((t) => t.token))).toEqual([]);
  });
});
