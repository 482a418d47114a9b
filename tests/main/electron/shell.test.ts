// The Electron shell, run for real against a fake `electron` module (the binary cannot run
// here): its IPC wiring (the security handlers: security.behaviour.test.ts), then the tray app behaviour:
// close to tray, the tray menu and its actions, the global shortcut, start at login,
// notifications once per episode, diagnostics, and quitting.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commandChannel, COMMAND_NAMES, eventChannel, type CommandName } from '../../../src/common/ipc/contract';
import { DEFAULT_SHELL_SETTINGS } from '../../../src/common/ipc/shell-schemas';
import { startSimulator, type Simulator } from '../../sim/index';
import { app, fakeElectron, fakeEvent, registry } from './fakeElectron';
import { clockEnv, localTimeOfTestDay } from '../../helpers/clock';
import { waitFor } from '../../helpers/waitFor';
import { FlowingClock } from '../../../src/common/clock';
import { localToday } from '../../../src/common/dates';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);

const { runShell } = await import('../../../src/main/electron/main');

const root = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
const temp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p));
  dirs.push(d);
  return d;
};
const savedEnv = { ...process.env };
let sim: Simulator;
let shell: ReturnType<typeof runShell>;
let appUrl = '';

const until = (cond: () => boolean, what: string) => waitFor(cond, what);
// 10:00 local on the test day, for the shell and the simulator alike: a block planned for
// 23:10 tonight is still to come, whatever the hour the suite runs at.
const clock = new FlowingClock(localTimeOfTestDay(10));

/** Calls a contract command through the registered ipcMain handler, as the preload would. */
const invoke = async (name: CommandName, input?: unknown, url = appUrl) => {
  const h = registry.ipc.get(commandChannel(name)) as (e: unknown, a: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  return h({ senderFrame: { url } }, input);
};

const win = () => registry.windows[0]!;
const tray = () => registry.trays[0]!;
const menuItem = (label: RegExp) => tray().menu!.items.find((i) => typeof i.label === 'string' && label.test(i.label)) as { label: string; click?: () => void; enabled?: boolean } | undefined;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, data: { activities: false }, clock: clock.nowMs });
  const data = temp('stint-shell-');
  process.env.STINT_DATA_DIR = data;
  process.env.XDG_CONFIG_HOME = temp('stint-xdg-');
  process.env.STINT_HUBSTAFF_ACCOUNT_URL = sim.baseUrl;
  process.env.STINT_HUBSTAFF_API_URL = sim.apiUrl;
  // Tokens in memory: a test run never writes to the keychain of the desktop it runs on.
  process.env.STINT_SECRETS = 'memory';
  process.env.STINT_CLOCK = clockEnv(clock).STINT_CLOCK;
  delete process.env.STINT_DEMO;
  delete process.env.APPIMAGE;
  delete process.env.ELECTRON_RENDERER_URL;
  app.userData = data;
  app.appPath = root;
  shell = runShell();
  await until(() => registry.windows.length === 1 && registry.trays.length === 1, 'the window and the tray');
  appUrl = win().url!;
});

afterAll(async () => {
  if (shell.core()) app.quit();
  await sim.close();
  process.env = savedEnv;
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Window options, CSP, request filter, permissions, navigation and external links are driven
// launch mode by launch mode in security.behaviour.test.ts; here, the IPC wiring.
describe('security: what the shell registers', () => {
  it('registers one IPC handler per contract command, refusing any frame but the app page', async () => {
    expect([...registry.ipc.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
    expect(await invoke('settings.get', undefined, 'https://evil.example/index.html')).toMatchObject({ ok: false });
    expect(await invoke('settings.get')).toMatchObject({ ok: true });
  });
});

describe('tray app behaviour', () => {
  it('closing the window hides it to the tray, and sync keeps polling', () => {
    win().show();
    win().close();
    expect(win().destroyed).toBe(false);
    expect(win().visible).toBe(false);
    expect(shell.core()!.sync.isStarted).toBe(true);
  });

  it('renders the tray from core’s menu model, with the icon for the light or dark menu bar', () => {
    const t = tray();
    expect(t.image.path).toBe(join(root, 'resources/tray/tray-light.png'));
    expect(existsSync(t.image.path)).toBe(true);
    expect(t.tooltip).toMatch(/^Stint — /);
    const labels = t.menu!.items.map((i) => i.label ?? i.type);
    expect(labels).toEqual(['Today: 0m planned', 'Nothing planned today', 'separator', 'Not connected to Hubstaff', 'Sync now', 'Open Stint', 'separator', 'Quit Stint']);
    expect(menuItem(/^Sync now$/)!.enabled).toBe(false);

    fakeElectron.nativeTheme.shouldUseDarkColors = true;
    fakeElectron.nativeTheme.emit('updated');
    expect(t.image.path).toBe(join(root, 'resources/tray/tray-dark.png'));
    fakeElectron.nativeTheme.shouldUseDarkColors = false;
    fakeElectron.nativeTheme.emit('updated');

    menuItem(/^Open Stint$/)!.click!();
    expect(win().visible).toBe(true);
    win().hide();
    t.emit('click');
    expect(win().visible).toBe(true);
  });

  it('the tray follows the plan: a new entry today shows up in the menu, in the time format', async () => {
    const date = localToday(clock.now());
    await invoke('settings.update', { timeFormat: '24h' });
    const task = (await invoke('planner.createTask', { title: 'Write the tray test [45m]' })) as { value: { id: string } };
    await invoke('planner.addEntry', { taskId: task.value.id, date, startMinute: 23 * 60 + 10 });
    expect(tray().menu!.items[0]!.label).toBe('Today: 45m planned');
    expect(menuItem(/Write the tray test/)?.label).toBe('23:10–23:55  Write the tray test');
    // Changing the setting rewrites the menu at once.
    await invoke('settings.update', { timeFormat: '12h' });
    expect(menuItem(/Write the tray test/)?.label).toBe('11:10 PM–11:55 PM  Write the tray test');
  });

  it('a global shortcut from settings shows the window; changing it re-registers; a taken one is reported', async () => {
    expect([...registry.shortcuts.keys()]).toEqual([DEFAULT_SHELL_SETTINGS.globalShortcut]);
    win().hide();
    registry.shortcuts.get(DEFAULT_SHELL_SETTINGS.globalShortcut!)!();
    expect(win().visible).toBe(true);

    const r = await invoke('shell.updateSettings', { globalShortcut: 'Alt+F9' });
    expect(r).toMatchObject({ ok: true, value: { settings: { globalShortcut: 'Alt+F9' }, applied: { shortcut: 'registered' } } });
    expect([...registry.shortcuts.keys()]).toEqual(['Alt+F9']);

    registry.takenShortcuts.add('Control+Alt+K');
    expect(await invoke('shell.updateSettings', { globalShortcut: 'Control+Alt+K' })).toMatchObject({ ok: true, value: { applied: { shortcut: 'in_use' } } });
    expect(await invoke('shell.updateSettings', { globalShortcut: 'K' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    // One Electron refuses (not held by anyone): "invalid", not "in use", and the log says why.
    registry.invalidShortcuts.add('Control+Alt+F24');
    expect(await invoke('shell.updateSettings', { globalShortcut: 'Control+Alt+F24' })).toMatchObject({ ok: true, value: { applied: { shortcut: 'invalid' } } });
    expect(readFileSync(join(process.env.STINT_DATA_DIR!, 'logs', 'stint.log'), 'utf8')).toMatch(/"msg":"the global shortcut was refused".*conversion failure from Control\+Alt\+F24/);
    expect(await invoke('shell.updateSettings', { globalShortcut: null })).toMatchObject({ ok: true, value: { applied: { shortcut: 'off' } } });
    expect(registry.shortcuts.size).toBe(0);
  });

  it.runIf(process.platform === 'linux')('start at login writes and removes an XDG autostart entry that starts hidden', async () => {
    const file = join(process.env.XDG_CONFIG_HOME!, 'autostart', 'stint.desktop');
    expect(await invoke('shell.updateSettings', { startAtLogin: true })).toMatchObject({ ok: true, value: { applied: { startAtLogin: 'enabled' } } });
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toMatch(/^Exec=.* --hidden$/m);
    expect(await invoke('shell.updateSettings', { startAtLogin: false })).toMatchObject({ ok: true, value: { applied: { startAtLogin: 'disabled' } } });
    expect(existsSync(file)).toBe(false);
  });

  it('with close-to-tray off, closing the window is not prevented, and the app quits once it has closed', async () => {
    await invoke('shell.updateSettings', { closeToTray: false });
    const e = fakeEvent();
    win().emit('close', e);
    expect(e.defaultPrevented).toBe(false);
    // The quit that follows is observed, not performed, so the rest of the suite keeps its app.
    const quit = app.quit;
    let asked = 0;
    app.quit = () => void asked++;
    try {
      for (const l of app.listeners('window-all-closed')) (l as () => void)();
    } finally {
      app.quit = quit;
    }
    expect(asked).toBe(process.platform === 'darwin' ? 0 : 1);

    await invoke('shell.updateSettings', { closeToTray: true });
    const e2 = fakeEvent();
    win().emit('close', e2);
    expect(e2.defaultPrevented).toBe(true);
  });

  it('copies diagnostics to the clipboard', async () => {
    const r = await invoke('app.copyDiagnostics');
    expect(r).toMatchObject({ ok: true, value: { copied: true } });
    expect(registry.clipboard).toContain('Stint diagnostics');
    expect(registry.clipboard).toContain('stint 0.1.0-test');
  });

  it('needs-reconnect: one notification per episode, and Reconnect opens the window on the reconnect flow', async () => {
    const pat = sim.control.issuePersonalAccessToken();
    const signedIn = (await invoke('accounts.signInPersonalToken', { token: pat })) as { ok: boolean; value: { id: string } };
    expect(signedIn.ok).toBe(true);
    const accountId = signedIn.value.id;
    expect(await invoke('accounts.selectOrganizations', { accountId, selection: sim.control.myOrganizationIds() })).toMatchObject({ ok: true });
    await until(() => menuItem(/^Sync now$/)?.enabled === true, 'a connected account in the tray');

    sim.control.revokeGrant((sim.control.me() as { id: number }).id);
    const before = registry.notifications.length;
    menuItem(/^Sync now$/)!.click!();
    await until(() => registry.notifications.length > before, 'the reconnect notification');
    const note = registry.notifications.at(-1)!;
    expect(note.options.title).toBe('Hubstaff needs reconnecting');
    expect(tray().image.path).toBe(join(root, 'resources/tray/tray-light-reconnect.png'));

    // Further polls in the same episode say nothing more.
    await shell.core()!.sync.syncNow();
    shell.core()!.sync.resumedFromSleep();
    await new Promise((r) => setTimeout(r, 200));
    expect(registry.notifications.length).toBe(before + 1);

    // The tray's Reconnect and the notification both open the window on the reconnect flow.
    win().hide();
    win().webContents.sent.length = 0;
    menuItem(/^Reconnect Hubstaff/)!.click!();
    expect(win().visible).toBe(true);
    expect(win().webContents.sent).toContainEqual([eventChannel('app.navigate'), { view: 'reconnect', accountId }]);
    expect(await invoke('app.takeNavigation')).toMatchObject({ ok: true, value: { view: 'reconnect', accountId } });
    expect(await invoke('app.takeNavigation')).toMatchObject({ ok: true, value: null });
    win().hide();
    note.emit('click');
    expect(win().visible).toBe(true);

    // The episode ends with a reconnect; a later loss is a new episode with a new notice.
    const again = await invoke('accounts.reconnect', { accountId, method: { kind: 'personal', token: sim.control.issuePersonalAccessToken() } });
    expect(again).toMatchObject({ ok: true, value: { status: 'connected' } });
    await until(() => !menuItem(/^Reconnect Hubstaff/), 'the reconnect item to go');
    sim.control.revokeGrant((sim.control.me() as { id: number }).id);
    await shell.core()!.sync.syncNow();
    await until(() => registry.notifications.length === before + 2, 'a second episode notice');

    // Diagnostics name the account state and never a token.
    const diag = (await invoke('app.copyDiagnostics')) as { value: { text: string } };
    expect(diag.value.text).toContain(`${accountId} [hubstaff, personal] needs_reconnect`);
    expect(diag.value.text).not.toContain(pat);
  });

  it('Pause sync in the tray pauses polling and says so', async () => {
    menuItem(/^Pause sync$/)!.click!();
    const item = tray().menu!.items.find((i) => i.label === 'Pause sync') as { checked: boolean };
    expect(item.checked).toBe(true);
    menuItem(/^Pause sync$/)!.click!();
    expect((tray().menu!.items.find((i) => i.label === 'Pause sync') as { checked: boolean }).checked).toBe(false);
  });

  it('Quit really closes the window, removes the tray, releases the shortcut and closes the core', async () => {
    await invoke('shell.updateSettings', { globalShortcut: 'Alt+F9' });
    menuItem(/^Quit Stint$/)!.click!();
    expect(win().destroyed).toBe(true);
    expect(tray().destroyed).toBe(true);
    expect(registry.shortcuts.size).toBe(0);
    expect(shell.core()).toBeNull();
  });
});
