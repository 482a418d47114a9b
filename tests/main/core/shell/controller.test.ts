// The tray app's behaviour on the real core (SQLite, sync engine, the simulator over HTTP, the
// demo's seeded organization); only the desktop surface (`ShellUi`) is a recorder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localToday, startOfWeek } from '../../../../src/common/dates';
import type { EventName } from '../../../../src/common/ipc/contract';
import { ShellController } from '../../../../src/main/core/shell/controller';
import { RecordingUi } from './recordingUi';
import { adaptSyncEngine, type ShellSync } from '../../../../src/main/core/shell/syncAdapter';
import { trayIconFile } from '../../../../src/main/core/shell/trayView';
import { createDemoApp, type DemoApp } from '../../../../scripts/demo.world';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_NOW_MS } from '../../../helpers/clock';
import { FlowingClock } from '../../../../src/common/clock';

// A Wednesday afternoon two weeks back: inside the seeded activity, with the week under way.
const wednesday = addDays(startOfWeek(localToday(new Date(TEST_NOW_MS - 14 * 86_400_000)), 1), 2);
const [y, m, d] = wednesday.split('-').map(Number);
const NOW = new Date(y!, m! - 1, d!, 15, 0, 0);

let demo: DemoApp;
let dataDir: string;
const controllers: ShellController[] = [];

function controller(opts: { now?: () => Date; sync?: ShellSync } = {}) {
  const ui = new RecordingUi();
  const { app } = demo;
  const c = new ShellController({ ...app, sync: opts.sync ?? adaptSyncEngine(app.sync), shell: app.shell, ui, log: app.logger.scope('shell'), now: opts.now ?? (() => NOW), tickMs: 3_600_000 });
  controllers.push(c);
  return { c, ui };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'stint-controller-'));
  demo = await createDemoApp({ dataDir, clock: new FlowingClock(NOW) });
  demo.app.settings.update({ overtimeThresholdMinutes: 60, timeFormat: '24h' });
}, 60_000);

afterAll(async () => {
  for (const c of controllers) c.stop();
  await demo.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ShellController', () => {
  it('renders today’s plan, tracked time and the sync line in the tray', () => {
    const { c, ui } = controller();
    c.start();
    expect(ui.views).toHaveLength(1);
    const labels = ui.labels();
    expect(labels[0]).toMatch(/^Today: \d+h( \d+m)? planned · \d+(h|m).* tracked$/);
    expect(labels).toContain('15:30–16:15  Focus block: inbox and follow-ups');
    expect(labels).toContain('16:30–16:45  Plan tomorrow');
    expect(labels).toEqual(expect.arrayContaining(['Sync now', 'Open Stint', 'Pause sync', 'Quit Stint']));
    expect(ui.last.icon).toBe('normal');
    // Nothing changed: no redraw.
    c.refresh();
    expect(ui.views).toHaveLength(1);
  });

  it('announces the weekly overtime once, with the week and figures, also across a restart of the shell', () => {
    const week = demo.app.tracked.week(startOfWeek(wednesday, 1), { overtimeThresholdMinutes: 60 });
    expect(week.totalSeconds).toBeGreaterThan(3600);
    demo.app.db.prepare("DELETE FROM settings WHERE key = 'shell.notificationMemory'").run();

    const { c, ui } = controller();
    c.start();
    c.refresh();
    const notes = ui.notes.filter((n) => n.kind === 'overtime');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'overtime', weekStart: startOfWeek(wednesday, 1), title: 'Past your weekly hours' });
    expect(notes[0]!.body).toMatch(/^You have tracked \d+h( \d+m)? this week, over your 1h threshold\.$/);

    // The shell restarts (a new controller on the same data): the week was announced already.
    c.stop();
    const again = controller();
    again.c.start();
    again.c.refresh();
    expect(again.ui.notes.filter((n) => n.kind === 'overtime')).toEqual([]);

    // A click opens the window on that week.
    const navigations: unknown[] = [];
    const off = demo.app.events.onAny((name: EventName, payload) => name === 'app.navigate' && navigations.push(payload));
    again.c.handleNotificationClick(notes[0]!);
    off();
    expect(again.ui.shown).toBe(1);
    expect(navigations).toEqual([{ view: 'week', date: startOfWeek(wednesday, 1), entryId: null }]);
  });

  it('reminds of an entry about to start when turned on, once', async () => {
    await demo.app.dispatch('shell.updateSettings', { notifyEntryStart: true, entryReminderMinutes: 5 });
    let now = new Date(y!, m! - 1, d!, 15, 20);
    const { c, ui } = controller({ now: () => now });
    c.start();
    expect(ui.notes.filter((n) => n.kind === 'entry-start')).toEqual([]);
    now = new Date(y!, m! - 1, d!, 15, 26);
    c.refresh();
    c.refresh();
    const reminders = ui.notes.filter((n) => n.kind === 'entry-start');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ title: 'In 4 min: Focus block: inbox and follow-ups', date: wednesday });
    await demo.app.dispatch('shell.updateSettings', { notifyEntryStart: false });
  });

  it('carries out the tray actions: open, open an entry, pause, sync now, quit', async () => {
    const { c, ui } = controller();
    c.start();
    const navigations: unknown[] = [];
    const off = demo.app.events.onAny((name: EventName, payload) => name === 'app.navigate' && navigations.push(payload));

    await c.handleTrayAction('open');
    expect(ui.shown).toBe(1);
    const entry = ui.last.menu.find((i) => i.kind === 'action' && i.id === 'open-entry') as { target: string };
    await c.handleTrayAction('open-entry', entry.target);
    expect(navigations).toEqual([{ view: 'week', date: localToday(NOW), entryId: entry.target }]);
    expect(await demo.app.dispatch('app.takeNavigation', undefined)).toEqual({ ok: true, value: navigations[0] });

    await c.handleTrayAction('toggle-pause');
    expect(ui.last.menu.find((i) => i.kind === 'checkbox')).toMatchObject({ checked: true });
    expect(demo.app.sync.status().state).toBe('paused');
    await c.handleTrayAction('toggle-pause');
    expect(ui.last.menu.find((i) => i.kind === 'checkbox')).toMatchObject({ checked: false });

    const requests = demo.demo.sim.requests.length;
    await c.handleTrayAction('sync-now');
    expect(demo.demo.sim.requests.length).toBeGreaterThan(requests);

    await c.handleTrayAction('quit');
    expect(ui.quits).toBe(1);
    off();
  });

  it('follows plan edits and status changes without being asked', async () => {
    const { c, ui } = controller();
    c.start();
    const task = demo.app.planner.createTask({ title: 'Late call [30m]' });
    demo.app.planner.addEntry({ taskId: task.id, date: wednesday, startMinute: 20 * 60 });
    expect(ui.labels()).toContain('20:00–20:30  Late call');
    demo.app.sync.pause();
    demo.app.sync.resume();
    expect(ui.views.length).toBeGreaterThan(1);
  });

  it('syncs at once when the network comes back, only on a change', () => {
    const calls: boolean[] = [];
    const base = adaptSyncEngine(demo.app.sync);
    const sync: ShellSync = { ...base, status: () => base.status(), onStatus: (l) => base.onStatus(l), paused: false, networkChanged: (o) => void calls.push(o) };
    const { c } = controller({ sync });
    c.observeNetwork(true);
    c.observeNetwork(true);
    c.observeNetwork(false);
    c.observeNetwork(false);
    c.observeNetwork(true);
    expect(calls).toEqual([false, true]);
  });

  it('picks tray icon files that exist, for each state and menu bar', () => {
    const resources = resolve(import.meta.dirname, '../../../../resources');
    for (const state of ['normal', 'syncing', 'offline', 'needs_reconnect'] as const) {
      for (const dark of [false, true]) {
        const file = trayIconFile(resources, state, dark);
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png')), file).toBe(true);
      }
    }
    expect(trayIconFile('/r', 'needs_reconnect', true)).toBe('/r/tray/tray-dark-reconnect.png');
  });
});
