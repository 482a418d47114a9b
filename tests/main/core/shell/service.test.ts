import { afterEach, describe, expect, it } from 'vitest';
import type { ShellSettings } from '../../../../src/common/ipc/shell-schemas';
import { DEFAULT_SHELL_SETTINGS } from '../../../../src/common/ipc/shell-schemas';
import { createApp, type App, type AppOptions } from '../../../../src/main/core/app';
import { MemorySecretStore } from '../../../../src/main/core/secrets/index';
import { tempDir } from './temp';

let app: App | null = null;
afterEach(async () => {
  if (app) {
    await app.sync.close();
    app.close();
  }
  app = null;
});

const open = (opts: Partial<AppOptions> = {}) => {
  app = createApp({ dataDir: tempDir(), secrets: new MemorySecretStore(), ...opts });
  return app;
};

describe('shell commands over the contract', () => {
  it('without a desktop, settings work and say nothing was applied', async () => {
    const a = open();
    expect(await a.dispatch('shell.getSettings', undefined)).toEqual({ ok: true, value: { settings: DEFAULT_SHELL_SETTINGS, applied: { shortcut: null, startAtLogin: null } } });
    const seen: unknown[] = [];
    a.events.onAny((name, payload) => name === 'shell.settingsChanged' && seen.push(payload));
    const r = await a.dispatch('shell.updateSettings', { closeToTray: false });
    expect(r).toMatchObject({ ok: true, value: { settings: { closeToTray: false } } });
    expect(seen).toEqual([(r as { value: unknown }).value]);
    expect(await a.dispatch('shell.updateSettings', { globalShortcut: 'Q' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });

  it('applies settings through the desktop host and reports what happened', async () => {
    const applied: ShellSettings[] = [];
    const a = open({ shellHost: { applySettings: (s) => (applied.push(s), { shortcut: s.globalShortcut ? 'in_use' : 'off', startAtLogin: 'unsupported' }) } });
    expect(a.shell.apply().applied).toEqual({ shortcut: 'in_use', startAtLogin: 'unsupported' });
    expect(await a.dispatch('shell.updateSettings', { globalShortcut: null })).toMatchObject({ ok: true, value: { applied: { shortcut: 'off' } } });
    expect(applied.map((s) => s.globalShortcut)).toEqual([DEFAULT_SHELL_SETTINGS.globalShortcut, null]);
  });

  it('opens allowed links through the host, refuses the rest with a typed error', async () => {
    const opened: string[] = [];
    const a = open({ shellHost: { openUrl: async (u) => void opened.push(u) } });
    expect(await a.dispatch('app.openExternal', { url: 'https://app.hubstaff.com/tasks/1' })).toEqual({ ok: true, value: null });
    for (const url of ['http://app.hubstaff.com/', 'https://evil.example/', 'file:///etc/passwd', '']) {
      expect(await a.dispatch('app.openExternal', { url }), url).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    }
    expect(opened).toEqual(['https://app.hubstaff.com/tasks/1']);
    const headless = createApp({ dataDir: tempDir(), secrets: new MemorySecretStore() });
    try {
      expect(await headless.dispatch('app.openExternal', { url: 'https://app.hubstaff.com/' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      await headless.sync.close();
      headless.close();
    }
  });

  it('keeps a navigation until the page takes it', async () => {
    const a = open();
    const seen: unknown[] = [];
    a.events.onAny((name, payload) => name === 'app.navigate' && seen.push(payload));
    a.shell.navigate({ view: 'reconnect', accountId: null });
    a.shell.navigate({ view: 'settings' });
    expect(seen).toEqual([{ view: 'reconnect', accountId: null }, { view: 'settings' }]);
    expect(await a.dispatch('app.takeNavigation', undefined)).toEqual({ ok: true, value: { view: 'settings' } });
    expect(await a.dispatch('app.takeNavigation', undefined)).toEqual({ ok: true, value: null });
  });
});
