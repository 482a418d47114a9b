import { describe, expect, it } from 'vitest';
import { createBridge } from '../../../../src/common/ipc/bridge';
import { COMMAND_NAMES, commands, EVENT_NAMES, type EventName } from '../../../../src/common/ipc/contract';
import { createApp } from '../../../../src/main/core/app';
import { createDispatcher, type Handlers } from '../../../../src/main/core/ipc/dispatcher';
import { tempDir } from '../../../helpers/temp';

function newApp() {
  const app = createApp({ dataDir: tempDir() });
  return app;
}

describe('IPC dispatch through the contract', () => {
  it('has a handler for every command of the contract', () => {
    const app = newApp();
    expect(Object.keys(app.handlers).sort()).toEqual([...COMMAND_NAMES].sort());
    app.close();
  });

  it('runs a valid command and answers its value', async () => {
    const app = newApp();
    const r = await app.dispatch('planner.createTask', { title: 'Write report [1h30m]' });
    expect(r).toMatchObject({ ok: true, value: { title: 'Write report', scheduledMinutes: 90 } });
    app.close();
  });

  it('rejects unknown commands and malformed payloads in main with typed errors', async () => {
    const app = newApp();
    const cases: [unknown, unknown][] = [
      ['nope', {}],
      ['__proto__', {}],
      [42, {}],
      ['planner.createTask', undefined],
      ['planner.createTask', { title: ['x'] }],
      ['planner.createTask', { title: 'x'.repeat(501) }],
      ['planner.createTask', { title: '\u0000\u202e' }], // nothing a person can read (not a SQLite CHECK: internal)
      ['planner.moveEntry', { entryId: 'x', date: '2026-13-01', startMinute: 0 }],
      ['planner.resizeEntry', { entryId: 'x', durationMinutes: 24 * 60 + 1 }],
      ['planner.undo', { sneaky: true }],
      ['settings.update', { weekStartsOn: 9 }],
      ['settings.update', { unknownSetting: 1 }],
      ['settings.update', { workdayStartMinute: 1200, workdayEndMinute: 60 }],
      ['accounts.updateSyncSettings', { accountId: 'hubstaff:1', patch: { refreshWindowDays: 32 } }],
    ];
    for (const [cmd, input] of cases) {
      const r = await app.dispatch(cmd, input);
      expect(r.ok, `${String(cmd)} ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_argument');
    }
    expect(app.planner.listTasks()).toEqual([]);
    app.close();
  });

  it('answers sync status and an empty tracked week before any account exists', async () => {
    const app = newApp();
    expect(await app.dispatch('sync.status', undefined)).toMatchObject({ ok: true, value: { state: 'signed_out', accounts: [] } });
    const week = await app.dispatch('tracked.getWeek', { date: '2026-11-26' });
    expect(week).toMatchObject({ ok: true, value: { weekStart: '2026-11-23', totalSeconds: 0, overtimeSeconds: 0, thresholdSeconds: 40 * 3600 } });
    const bad = await app.dispatch('tracked.getWeek', { date: '2026-11-31' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    app.close();
  });

  it('answers not_found for unknown ids, and a drop of an item not in the cache', async () => {
    const app = newApp();
    const r1 = await app.dispatch('planner.completeTask', { taskId: 'nope' });
    const r2 = await app.dispatch('planner.dropSourceItem', { provider: 'hubstaff', orgId: '1', externalId: '2', date: '2026-11-24', startMinute: 600 });
    expect([r1, r2].map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['not_found', 'not_found']);
    app.close();
  });

  it('drops an item from main’s cache, not from what the renderer claims', async () => {
    const app = newApp();
    app.db
      .prepare(`INSERT INTO source_items (provider, org_id, external_id, title, status, project_name, assignee_ids) VALUES ('hubstaff', '7', '99', 'Write report [1h30m]', 'active', 'Web', '["5"]')`)
      .run();
    const r = await app.dispatch('planner.dropSourceItem', { provider: 'hubstaff', orgId: '7', externalId: '99', date: '2026-11-24', startMinute: 600, title: 'Injected' });
    expect(r).toMatchObject({ ok: true, value: { createdTask: true, task: { title: 'Write report', projectLabel: 'Web' }, entry: { durationMinutes: 90 } } });
    app.close();
  });

  it('strips anything a handler returns beyond the contract, and hides internal errors', async () => {
    const app = newApp();
    const leaky = {
      ...app.handlers,
      'settings.get': () => ({ ...app.settings.get(), accessToken: 'secret-token' }),
      'planner.history': () => {
        throw new Error('database exploded at /home/me/secret/path');
      },
    } as Handlers;
    const internal: string[] = [];
    const dispatch = createDispatcher(leaky, { onInternalError: (c) => internal.push(c) });
    const s = await dispatch('settings.get', undefined);
    expect(JSON.stringify(s)).not.toContain('secret-token');
    const h = await dispatch('planner.history', undefined);
    expect(h).toEqual({ ok: false, error: { code: 'internal', message: 'Unexpected error' } });
    expect(internal).toEqual(['planner.history']);
    app.close();
  });

  it('emits planner.changed after edits, undo and redo', async () => {
    const app = newApp();
    const seen: string[] = [];
    app.events.onAny((name, payload) => seen.push(`${name}:${(payload as { reason?: string }).reason ?? ''}`));
    await app.dispatch('planner.createTask', { title: 'x' });
    await app.dispatch('planner.undo', undefined);
    await app.dispatch('planner.redo', undefined);
    await app.dispatch('planner.createTask', { title: '' }); // refused: no event
    expect(seen).toEqual(['planner.changed:edit', 'planner.changed:undo', 'planner.changed:redo']);
    app.close();
  });
});

describe('createBridge', () => {
  it('exposes exactly the contract and passes calls and events through the given transport', async () => {
    const calls: [string, unknown][] = [];
    const subs = new Map<string, (p: unknown) => void>();
    const bridge = createBridge(
      async (c, i) => {
        calls.push([c, i]);
        return { ok: true, value: null };
      },
      (e, l) => {
        subs.set(e, l);
        return () => subs.delete(e);
      },
    );
    expect(bridge.commands).toEqual(COMMAND_NAMES);
    expect(bridge.events).toEqual(EVENT_NAMES);
    await bridge.invoke('planner.createTask', { title: 'x' });
    expect(calls).toEqual([['planner.createTask', { title: 'x' }]]);

    const refused = await bridge.invoke('shell.exec' as never);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(calls).toHaveLength(1);

    const got: unknown[] = [];
    const off = bridge.on('planner.changed', (p) => got.push(p));
    subs.get('planner.changed')!({ reason: 'sync' });
    off();
    expect(got).toEqual([{ reason: 'sync' }]);
    expect(subs.size).toBe(0);
    expect(() => bridge.on('evil' as EventName, () => {})).toThrow(TypeError);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('every command schema rejects a non-object payload where an object is required', () => {
    for (const name of COMMAND_NAMES) {
      const input = commands[name].input;
      expect(input.safeParse('a string').success, name).toBe(false);
    }
  });
});
