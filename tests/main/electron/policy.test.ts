import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commandChannel } from '../../../src/common/ipc/contract';
import { forwardEvents, registerIpc, type IpcMainLike } from '../../../src/main/electron/ipc';
import { isAllowedExternalUrl, isAppUrl } from '../../../src/main/electron/policy';
import { AppEvents } from '../../../src/main/core/events';

// The allow-list and the app-page test as functions; what the running shell does with them
// (window options, navigation, window.open, permissions, CSP, openExternal) is checked in
// security.behaviour.test.ts.
describe('URL rules', () => {
  it('opens only https Hubstaff/HubSpot URLs externally', () => {
    expect(isAllowedExternalUrl('https://app.hubstaff.com/tasks/1')).toBe(true);
    expect(isAllowedExternalUrl('https://app.hubspot.com/contacts/1')).toBe(true);
    for (const bad of ['http://app.hubstaff.com/', 'https://evil.com/', 'https://app.hubstaff.com.evil.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@app.hubstaff.com/', 'not a url']) {
      expect(isAllowedExternalUrl(bad), bad).toBe(false);
    }
    expect(isAllowedExternalUrl('http://127.0.0.1:5000/authorizations/new?x=1', 'http://127.0.0.1:5000/authorizations/new?')).toBe(true);
  });

  it('recognises only the app page itself as the app', () => {
    expect(isAppUrl('file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(isAppUrl('file:///etc/passwd', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('https://evil.com/index.html', 'http://localhost:5173/index.html')).toBe(false);
  });
});

describe('IPC wiring', () => {
  it('registers one handler per contract command and refuses untrusted frames', async () => {
    const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    const dispatched: unknown[] = [];
    registerIpc(
      { handle: (ch, fn) => handlers.set(ch, fn) },
      async (c, i) => {
        dispatched.push([c, i]);
        return { ok: true, value: null };
      },
      (url) => url === 'app://index.html',
    );
    expect([...handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
    const h = handlers.get(commandChannel('planner.undo'))!;
    await h({ senderFrame: { url: 'app://index.html' } }, undefined);
    const refused = await h({ senderFrame: { url: 'https://evil.com/' } }, undefined);
    expect(refused).toMatchObject({ ok: false });
    expect(dispatched).toEqual([['planner.undo', undefined]]);
  });

  it('forwards validated core events to every window', () => {
    const events = new AppEvents();
    const sent: unknown[] = [];
    const off = forwardEvents(events, () => [{ send: (ch, p) => sent.push([ch, p]) }]);
    events.emit('planner.changed', { reason: 'sync' });
    expect(() => events.emit('planner.changed', { reason: 'bogus' } as never)).toThrow();
    off();
    events.emit('planner.changed', { reason: 'edit' });
    expect(sent).toEqual([['stint:evt:planner.changed', { reason: 'sync' }]]);
  });
});
