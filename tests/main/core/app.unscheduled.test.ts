// `planner.listUnscheduled`: the renderer's "Unscheduled" list — open tasks with no entry.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/core/app';
import { MemorySecretStore } from '../../../src/main/core/secrets';
import { tempDir } from '../../helpers/temp';

describe('planner.listUnscheduled over IPC', () => {
  let app: App | undefined;
  afterEach(() => app?.close());

  it('lists open tasks without entries, and follows scheduling, completion and deletion', async () => {
    app = createApp({ dataDir: tempDir(), secrets: new MemorySecretStore() });
    const list = async () => {
      const r = await app!.dispatch('planner.listUnscheduled', undefined);
      if (!r.ok) throw new Error(r.error.message);
      // Tasks created in the same millisecond have no defined order between them.
      return (r.value as { title: string }[]).map((t) => t.title).sort();
    };
    const a = app.planner.createTask({ title: 'Write report [1h30m]' });
    const b = app.planner.createTask({ title: 'Call Sam' });
    const done = app.planner.createTask({ title: 'Done already' });
    app.planner.completeTask({ taskId: done.id });
    expect(await list()).toEqual(['Call Sam', 'Write report']);

    const entry = app.planner.addEntry({ taskId: a.id, date: '2026-11-24', startMinute: 600 });
    expect(await list()).toEqual(['Call Sam']);
    app.planner.deleteEntry({ entryId: entry.id });
    expect(await list()).toEqual(['Call Sam', 'Write report']);
    app.planner.completeTask({ taskId: b.id });
    expect(await list()).toEqual(['Write report']);

    expect(await app.dispatch('planner.listUnscheduled', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });
});
