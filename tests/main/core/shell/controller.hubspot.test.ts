// The tray and notifications treat a HubSpot account like a Hubstaff one: on the real core, the
// HubSpot simulator over HTTP and SQLite; only the desktop surface (`ShellUi`) is a recorder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../../src/common/ipc/contract';
import { createApp, type App } from '../../../../src/main/core/app';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import { ShellController } from '../../../../src/main/core/shell/controller';
import { RecordingUi } from './recordingUi';
import { adaptSyncEngine } from '../../../../src/main/core/shell/syncAdapter';
import { DEFAULT_CLIENT, startHubspotSimulator, type HubspotSimulator } from '../../../sim-hubspot/index';

let dir: string;
let sim: HubspotSimulator;
let app: App;
let ctl: ShellController;
let ui: RecordingUi;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stint-controller-hubspot-'));
  sim = await startHubspotSimulator({ seed: 11 });
  app = createApp({ dataDir: dir, secrets: new MemorySecretStore(), env: { STINT_HUBSPOT_API_URL: sim.baseUrl } });
  ui = new RecordingUi();
  ctl = new ShellController({ ...app, sync: adaptSyncEngine(app.sync), shell: app.shell, ui, log: app.logger.scope('shell'), tickMs: 3_600_000 });
});

afterEach(async () => {
  ctl.stop();
  await app.sync.close();
  app.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the shell with a HubSpot account', () => {
  it('a refused OAuth renewal: one notification giving HubSpot’s reason, Reconnect HubSpot in the tray opening that account', async () => {
    const { refresh_token } = sim.control.issueOAuthTokens();
    const a = await app.hubspot.signInWithOAuth({ clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token });
    ctl.start();
    expect((await app.sync.syncNow()).outcomes[a.id]).toBe('ok');
    expect(ui.notes).toEqual([]);
    expect(ui.last.menu.some((i) => i.kind === 'action' && i.id === 'reconnect')).toBe(false);

    sim.control.revoke(refresh_token);
    sim.control.advanceClock(31 * 60_000); // the 30-minute access token has expired
    expect((await app.sync.syncNow()).outcomes[a.id]).toBe('needs_reconnect');
    ctl.refresh();
    ctl.refresh(); // a later poll in the same episode says nothing new

    const reason = app.hubspot.get(a.id).statusMessage;
    expect(reason).toMatch(/HubSpot/);
    expect(ui.notes).toEqual([expect.objectContaining({ kind: 'reconnect', title: 'HubSpot needs reconnecting', accountId: a.id })]);
    expect(ui.notes[0]!.body.startsWith(reason!)).toBe(true);

    const item = ui.last.menu.find((i) => i.kind === 'action' && i.id === 'reconnect');
    expect(item).toMatchObject({ label: 'Reconnect HubSpot…', target: a.id });
    const navigations: unknown[] = [];
    const off = app.events.onAny((name: EventName, payload) => name === 'app.navigate' && navigations.push(payload));
    await ctl.handleTrayAction('reconnect', a.id);
    off();
    expect(navigations).toEqual([{ view: 'reconnect', accountId: a.id }]);
    expect(ui.shown).toBe(1);
    // The cached tasks stay in the sidebar while the account waits to be reconnected.
    expect(app.sourceItems.list({ provider: 'hubspot' }).length).toBeGreaterThan(0);
  });

  it('status carries each account’s reason, and the CLI-facing report names the HubSpot stream', async () => {
    const { token } = sim.control.createPrivateApp();
    const a = await app.hubspot.signInWithPrivateAppToken(token);
    sim.control.revoke(token);
    const report = await app.sync.syncNow();
    expect(report.outcomes[a.id]).toBe('needs_reconnect');
    const row = app.sync.status().accounts.find((x) => x.accountId === a.id)!;
    expect(row.statusMessage).toBe(app.hubspot.get(a.id).statusMessage);
    expect(row.statusMessage).toMatch(/token/i);
    expect(Object.keys(report.records)).toEqual(expect.arrayContaining(['hubspot_tasks', 'tasks', 'activities']));
  });
});
