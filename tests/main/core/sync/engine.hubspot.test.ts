import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncStatus } from '../../../../src/common/ipc/sync-schemas';
import { Accounts } from '../../../../src/main/core/auth/accounts';
import { HubspotAccounts } from '../../../../src/main/core/auth/hubspotAccounts';
import type { Db } from '../../../../src/main/core/db/database';
import { openDatabase } from '../../../../src/main/core/db/database';
import { HUBSPOT_TASKS_STREAM } from '../../../../src/main/core/providers/hubspot/adapter';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import { SourceItems } from '../../../../src/main/core/sources/sourceItems';
import { SyncEngine } from '../../../../src/main/core/sync/engine';
import type { HubspotSimulator } from '../../../sim-hubspot/index';
import { OWNERS_SCOPE, startHubspotSimulator } from '../../../sim-hubspot/index';
import { waitFor } from '../../../helpers/waitFor';

// The sync engine polls HubSpot accounts beside the Hubstaff ones and reports them in status().

let dir: string;
let db: Db;
let sim: HubspotSimulator;
let hubstaff: Accounts;
let hubspot: HubspotAccounts;
let engine: SyncEngine | null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stint-engine-hubspot-'));
  db = openDatabase(join(dir, 'stint.db')).db;
  sim = await startHubspotSimulator({ seed: 8 });
  const secrets = new MemorySecretStore();
  hubstaff = new Accounts({ db, secrets, openExternal: async () => {} });
  hubspot = new HubspotAccounts({ db, secrets, apiUrl: sim.baseUrl, client: { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 }, random: () => 0.5 } });
  engine = null;
});

afterEach(async () => {
  await engine?.close();
  hubstaff.close();
  db.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const newEngine = (intervalMs = 30_000): SyncEngine => (engine = new SyncEngine({ db, accounts: hubstaff, hubspot, lockDir: dir, scheduler: { intervalMs } }));
const myTaskIds = (): string[] =>
  sim.control
    .tasks({ ownerId: String(sim.control.state.me.id) })
    .map((t) => String((t as { id: string }).id))
    .sort();
const sidebarIds = (): string[] =>
  new SourceItems(db)
    .list({ provider: 'hubspot' })
    .map((i) => i.externalId)
    .sort();

describe('SyncEngine with HubSpot accounts', () => {
  it('syncNow runs the HubSpot account, counts hubspot_tasks, and status() lists the account and its stream', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await hubspot.signInWithPrivateAppToken(token);
    const e = newEngine();
    expect(e.status().state).toBe('idle');
    const report = await e.syncNow();
    const mine = myTaskIds();
    expect(mine.length).toBeGreaterThan(0);
    expect(report.records.hubspot_tasks).toBe(mine.length);
    expect(report.records.tasks).toBe(0);
    expect(report.requests).toBeGreaterThan(0);
    expect(report.outcomes).toEqual({ [a.id]: 'ok' });
    expect(report.errors).toEqual([]);
    expect(sidebarIds()).toEqual(mine);

    const s = SyncStatus.parse(e.status());
    expect(s.state).toBe('idle');
    expect(s.lastSyncedAt).not.toBeNull();
    expect(s.accounts).toEqual([
      expect.objectContaining({ accountId: a.id, provider: 'hubspot', userId: a.ownerId, status: 'connected', organizations: [{ id: a.portalId, name: a.portalName }], lastError: null }),
    ]);
    expect(s.streams).toEqual([expect.objectContaining({ accountId: a.id, orgId: a.portalId, stream: HUBSPOT_TASKS_STREAM, lastError: null, progress: null })]);
    expect(s.streams[0]!.lastSuccessAt).not.toBeNull();
  });

  it('a missing scope shows as the stream error in status() and in the report; the account stays connected', async () => {
    const { token } = sim.control.createPrivateApp({ scopes: [OWNERS_SCOPE, 'oauth'] });
    const a = await hubspot.signInWithPrivateAppToken(token);
    const e = newEngine();
    const report = await e.syncNow();
    expect(report.outcomes[a.id]).toBe('ok');
    expect(report.errors).toEqual([expect.objectContaining({ accountId: a.id, stream: HUBSPOT_TASKS_STREAM, error: expect.objectContaining({ code: 'missing_scopes' }) })]);
    const s = e.status();
    expect(s.state).toBe('error');
    expect(s.accounts[0]).toMatchObject({ provider: 'hubspot', status: 'connected' });
    expect(s.streams[0]!.lastError?.message).toContain('crm.objects.contacts.read');
  });

  it('the scheduler polls a HubSpot account signed in after start, and picks up new tasks', async () => {
    sim.control.setIndexLag(0);
    const e = newEngine(100);
    const runs: string[] = [];
    e.onStatus((s) => runs.push(s.state));
    e.start();
    const { token } = sim.control.createPrivateApp();
    await hubspot.signInWithPrivateAppToken(token);
    await waitFor(() => sidebarIds().length === myTaskIds().length && myTaskIds().length > 0, 'every task of mine in the sidebar');
    const created = sim.control.createTask({ hs_task_subject: 'Follow up with ACME', hubspot_owner_id: String(sim.control.state.me.id) });
    await waitFor(() => sidebarIds().includes(String(created.id)), 'the new task in the sidebar');
    expect(runs).toContain('syncing');
  });

  it('a full sync re-reads every HubSpot task from the start; an incremental one reads only the lookback window', async () => {
    sim.control.setIndexLag(0);
    const { token } = sim.control.createPrivateApp();
    await hubspot.signInWithPrivateAppToken(token);
    const e = newEngine();
    const n = myTaskIds().length;
    expect((await e.syncNow()).records.hubspot_tasks).toBe(n);
    const incremental = (await e.syncNow()).records.hubspot_tasks!;
    expect(incremental).toBeLessThan(n);
    const full = await e.syncNow({ full: true });
    expect(full.records.hubspot_tasks).toBe(n);
    expect(full.records.tasks).toBe(0);
    expect(sidebarIds()).toEqual(myTaskIds());
  });

  it('a revoked private app token marks the account in error; status says why and the run counts no records', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await hubspot.signInWithPrivateAppToken(token);
    sim.control.revoke(token);
    const e = newEngine();
    const report = await e.syncNow();
    expect(report.outcomes[a.id]).not.toBe('ok');
    expect(report.records.hubspot_tasks).toBe(0);
    const s = e.status();
    expect(s.accounts[0]!.status).not.toBe('connected');
    expect(s.accounts[0]!.lastError?.message).toBeTruthy();
  });
});
