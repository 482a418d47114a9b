// HubSpot sign-out against an OAuth refresh in flight, mirroring accounts.races.test.ts: the
// token endpoint's answer arrives and is held until the test releases it, so the interleaving
// is deterministic. Real SQLite, the HubSpot simulator over HTTP, the memory secret store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { HubspotAccounts } from '../../../../src/main/core/auth/hubspotAccounts';
import { openDatabase, type Db } from '../../../../src/main/core/db/database';
import { TOKEN_PATH } from '../../../../src/main/core/providers/hubspot/oauth';
import { TEST_NOW_MS } from '../../../helpers/clock';
import { waitFor } from '../../../helpers/waitFor';
import { DEFAULT_CLIENT, startHubspotSimulator, type HubspotSimulator } from '../../../sim-hubspot/index';
import { describeOverStores, testSecrets, type TestSecrets } from '../secrets/testStores';
import type { SecretStore } from '../../../../src/main/core/secrets/secretStore';
import { faultyKeychain } from './faultyKeychain';
import { holdingFetch } from './holdingFetch';

let dir: string;
let db: Db;
let sim: HubspotSimulator;
let backend: TestSecrets;


describeOverStores('HubSpot sign-out against an OAuth refresh in flight (simulator)', 'memory', (store) => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stint-hubspot-races-'));
    db = openDatabase(join(dir, 'stint.db')).db;
    sim = await startHubspotSimulator({ seed: 21, clock: () => TEST_NOW_MS });
    backend = testSecrets(store);
  });
  afterEach(async () => {
    db.close();
    await sim.close();
    await backend.clear();
    rmSync(dir, { recursive: true, force: true });
  });

  async function signedIn(gate: ReturnType<typeof holdingFetch>, wrap: (s: SecretStore) => SecretStore = (x) => x) {
    const hubspot = new HubspotAccounts({
      db,
      secrets: wrap(backend.store),
      apiUrl: sim.baseUrl,
      fetch: gate.fetch,
      now: () => sim.control.now(),
      client: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, random: () => 0.5 },
    });
    sim.control.setRotateRefreshTokens(true);
    const account = await hubspot.signInWithOAuth({ clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: sim.control.issueOAuthTokens().refresh_token });
    return { hubspot, account };
  }

  const apiCalls = (): number => sim.requests.filter((r) => r.path !== TOKEN_PATH).length;

  it('sign-out while a refresh is held: the rotated pair is not written, the keychain stays empty, no token is handed out', async () => {
    const gate = holdingFetch((path) => path === TOKEN_PATH);
    const { hubspot, account } = await signedIn(gate);
    const client = await hubspot.client(account.id);
    sim.control.advanceClock(31 * 60_000); // the access token from sign-in has expired
    const held = gate.hold();
    const calling = client.accountDetails().catch((e: unknown) => e);
    await held.arrived;
    const before = apiCalls();
    const signingOut = hubspot.signOut(account.id);
    held.release();
    await signingOut;
    expect(await calling).toMatchObject({ code: 'auth_revoked' });
    expect(apiCalls()).toBe(before); // the rotated access token was never sent
    expect(await backend.read(account.id)).toBeNull();
    await expect(client.accountDetails()).rejects.toMatchObject({ code: 'auth_revoked' });
    await expect(hubspot.client(account.id)).rejects.toMatchObject({ code: 'auth_revoked' });
    expect(apiCalls()).toBe(before);
    expect(await backend.read(account.id)).toBeNull();
    expect(hubspot.get(account.id).status).toBe('needs_reconnect');
  });

  it('sign-out with purge while a refresh is held: the account and its entry are gone, nothing is written after', async () => {
    const gate = holdingFetch((path) => path === TOKEN_PATH);
    const { hubspot, account } = await signedIn(gate);
    const client = await hubspot.client(account.id);
    sim.control.advanceClock(31 * 60_000);
    const held = gate.hold();
    const calling = client.accountDetails().catch((e: unknown) => e);
    await held.arrived;
    const signingOut = hubspot.signOut(account.id, { purgeCache: true });
    held.release();
    await signingOut;
    expect(await calling).toMatchObject({ code: 'auth_revoked' });
    expect(await backend.read(account.id)).toBeNull();
    expect(hubspot.list()).toEqual([]);
  });

  it('a client that was signed out hands out no token even when its access token is still fresh', async () => {
    const gate = holdingFetch((path) => path === TOKEN_PATH);
    const { hubspot, account } = await signedIn(gate);
    const client = await hubspot.client(account.id);
    await client.accountDetails();
    const before = apiCalls();
    await hubspot.signOut(account.id);
    await expect(client.accountDetails()).rejects.toMatchObject({ code: 'auth_revoked' });
    expect(apiCalls()).toBe(before);
  });

  it('reconnect while a refresh of the old sign-in is held: only the new grant is stored, and the client runs on it', async () => {
    const gate = holdingFetch((path) => path === TOKEN_PATH);
    const { hubspot, account } = await signedIn(gate);
    const client = await hubspot.client(account.id);
    sim.control.advanceClock(31 * 60_000);
    const held = gate.hold();
    const calling = client.accountDetails().catch((e: unknown) => e);
    await held.arrived;
    const oldEntry = JSON.parse((await backend.read(account.id))!) as { refreshToken: string };
    const given = sim.control.issueOAuthTokens().refresh_token;
    const reconnecting = hubspot.reconnect(account.id, { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: given });
    // The reconnect verifies its grant (one renewal, not held), then waits for the refresh lock.
    await waitFor(() => sim.requests.filter((r) => r.path === TOKEN_PATH).length >= 2, 'the reconnect to renew its own grant');
    held.release();
    await reconnecting;
    const entry = JSON.parse((await backend.read(account.id))!) as { refreshToken: string; accessToken: string };
    expect(entry.refreshToken).not.toBe(oldEntry.refreshToken);
    // The held refresh of the old grant rotated it, but its pair was never written.
    expect(sim.requests.filter((r) => r.path === TOKEN_PATH && r.status === 200)).toHaveLength(3);
    await calling; // settles on the new sign-in or as revoked; either way it wrote nothing
    expect(JSON.parse((await backend.read(account.id))!)).toEqual(entry);
    await expect(client.accountDetails()).resolves.toMatchObject({ portalId: expect.any(Number) });
    expect(hubspot.get(account.id)).toMatchObject({ status: 'connected', statusMessage: null });
  });

  it('a keychain that refuses the rotated pair once: kept in memory and used, saved later, connected with a warning meanwhile', async () => {
    const keychain = faultyKeychain({ as: 'error' });
    const gate = holdingFetch(() => false);
    const { hubspot, account } = await signedIn(gate, keychain.wrap);
    const client = await hubspot.client(account.id);
    const before = await backend.read(account.id);
    sim.control.advanceClock(31 * 60_000);
    keychain.failWrites(1);
    await client.accountDetails();
    expect(await backend.read(account.id)).toBe(before); // the write failed
    const warned = hubspot.setStatus(account.id, 'connected'); // a sync that went well does not hide it
    expect(warned).toMatchObject({ status: 'connected', statusMessage: expect.stringMatching(/could not save it to the keychain: The keychain is locked/) });
    // The pair in memory is used: the keychain's refresh token is spent (rotation is on).
    const renewals = sim.requests.filter((r) => r.path === TOKEN_PATH).length;
    await client.accountDetails();
    expect(sim.requests.filter((r) => r.path === TOKEN_PATH).length).toBe(renewals);
    sim.control.advanceClock(60_000);
    await client.accountDetails();
    const saved = JSON.parse((await backend.read(account.id))!) as { refreshToken: string };
    expect(saved.refreshToken).not.toBe((JSON.parse(before!) as { refreshToken: string }).refreshToken);
    expect(hubspot.get(account.id)).toMatchObject({ status: 'connected', statusMessage: null });
    // A restart renews from what the keychain holds now.
    const restarted = new HubspotAccounts({ db, secrets: backend.store, apiUrl: sim.baseUrl, now: () => sim.control.now(), lockDir: dir });
    sim.control.advanceClock(31 * 60_000);
    await expect((await restarted.client(account.id)).accountDetails()).resolves.toMatchObject({ portalId: expect.any(Number) });
  });

  it('a keychain that cannot be read does not park the account', async () => {
    const keychain = faultyKeychain();
    const { account } = await signedIn(holdingFetch(() => false));
    const hubspot = new HubspotAccounts({ db, secrets: keychain.wrap(backend.store), apiUrl: sim.baseUrl, now: () => sim.control.now(), lockDir: dir });
    keychain.failReads();
    await expect((await hubspot.client(account.id)).accountDetails()).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringMatching(/HubSpot sign-in/) });
    expect(hubspot.get(account.id).status).toBe('connected');
    keychain.readsWork();
    await expect((await hubspot.client(account.id)).accountDetails()).resolves.toMatchObject({ portalId: expect.any(Number) });
  });

  it('a private app client that was signed out hands out no token', async () => {
    const hubspot = new HubspotAccounts({ db, secrets: backend.store, apiUrl: sim.baseUrl, now: () => sim.control.now(), lockDir: dir });
    const account = await hubspot.signInWithPrivateAppToken(sim.control.createPrivateApp().token, { email: sim.control.state.me.email });
    const client = await hubspot.client(account.id);
    await client.accountDetails();
    const before = apiCalls();
    await hubspot.signOut(account.id);
    await expect(client.accountDetails()).rejects.toMatchObject({ code: 'auth_revoked' });
    expect(apiCalls()).toBe(before);
    expect(await backend.read(account.id)).toBeNull();
  });
});
