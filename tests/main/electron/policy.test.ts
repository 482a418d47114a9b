import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, commandChannel } from '../../../src/common/ipc/contract';
import { forwardEvents, registerIpc, type IpcMainLike } from '../../../src/main/electron/ipc';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl, secureWebPreferences } from '../../../src/main/electron/policy';
import { AppEvents } from '../../../src/main/core/events';

const root = resolve(import.meta.dirname, '../../..');

describe('window security policy', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a strict CSP: own origin only, no inline or eval script, no remote content', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    // The page carries the same policy as a meta tag (for loads that bypass the header).
    const html = readFileSync(resolve(root, 'src/renderer/index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline script
  });

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
