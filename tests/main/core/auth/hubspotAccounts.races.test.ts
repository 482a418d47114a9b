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
import { DEFAULT_CLIENT, startHubspotSimulator, type HubspotSimulator } from '../../../sim-hubspot/index';
import { describeOverStores, testSecrets, type TestSecrets } from '../secrets/testStores';
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

  async function signedIn(gate: ReturnType<typeof holdingFetch>) {
    const hubspot = new HubspotAccounts({
      db,
      secrets: backend.store,
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
});
