// `npm run demo` up to the Electron binary: the launcher's environment (scripts/demo.world.ts)
// given to the real shell on a fake `electron` module. The app signs itself in to the seeded
// simulator, syncs, plans the week, and shows it in the tray, without touching the keychain or
// the login items.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandChannel } from '../../../src/common/ipc/contract';
import { demoProcessEnv, DEMO_USER, startDemoSimulator, type DemoSimulator } from '../../../scripts/demo.world';
import { app, registry } from './fakeElectron';
import { clockEnv, localTimeOfTestDay } from '../../helpers/clock';
import { waitFor } from '../../helpers/waitFor';
import { FlowingClock } from '../../../src/common/clock';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const { runShell } = await import('../../../src/main/electron/main');

const savedEnv = { ...process.env };
let demo: DemoSimulator;
let dataDir: string;
let xdg: string;

// 10:00 local on the test day: the demo plans blocks still to come today, so the tray has some.
const clock = new FlowingClock(localTimeOfTestDay(10));
const labels = () => (registry.trays[0]?.menu?.items ?? []).map((i) => String(i.label ?? i.type));

beforeAll(async () => {
  demo = await startDemoSimulator({ clock });
  dataDir = mkdtempSync(join(tmpdir(), 'stint-demo-shell-'));
  xdg = mkdtempSync(join(tmpdir(), 'stint-demo-xdg-'));
  Object.assign(process.env, demoProcessEnv(demo, dataDir), clockEnv(clock), { XDG_CONFIG_HOME: xdg });
  delete process.env.STINT_SECRETS;
  app.userData = dataDir;
  app.appPath = resolve(import.meta.dirname, '../../..');
}, 30_000);

afterAll(async () => {
  app.quit();
  await demo.close();
  process.env = savedEnv;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(xdg, { recursive: true, force: true });
});

describe('the app in demo mode', () => {
  it('opens signed in to the demo organization, synced, with the week planned and shown in the tray', async () => {
    const shell = runShell();
    await waitFor(() => labels().some((l) => l.startsWith('Synced')) && labels().some((l) => /Focus block/.test(l)), 'the demo in the tray', { timeoutMs: 40_000 });
    const core = shell.core()!;
    const [account] = core.accounts.list();
    expect(account).toMatchObject({ name: DEMO_USER.name, status: 'connected', authKind: 'personal' });
    expect(account!.organizations.map((o) => o.id)).toEqual(demo.sim.control.myOrganizationIds());
    expect(core.sourceItems.list({ provider: 'hubstaff' }).length).toBeGreaterThan(0);
    expect(core.sync.isStarted).toBe(true);
    expect(registry.windows[0]!.url).toMatch(/renderer\/index\.html$/);

    // Tokens lived in memory only; the demo never registered itself to start at login.
    const view = (await (registry.ipc.get(commandChannel('shell.getSettings')) as (e: unknown, a: unknown) => Promise<{ value: { applied: unknown } }>)({ senderFrame: { url: registry.windows[0]!.url } }, undefined)).value;
    expect(view.applied).toMatchObject({ startAtLogin: 'unsupported' });
    expect(existsSync(join(xdg, 'autostart'))).toBe(false);
    expect(registry.loginItems).toEqual([]);
  }, 60_000);
});
