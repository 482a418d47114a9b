import { afterEach, describe, expect, it } from 'vitest';
import { setupSync, type SyncHarness } from './harness';

// A Hubstaff to-do's title is cleaned like every title (src/common/titleText.ts) when sync
// caches it, so the sidebar, a drop and the CLI never see control or bidi characters. A to-do
// whose title has nothing readable left is still cached (it is real work), as "Hubstaff to-do <id>".

let h: SyncHarness;
afterEach(async () => h?.close());

describe('synced Hubstaff titles', () => {
  it('are stored cleaned, and a drop makes a task with the clean title', async () => {
    h = await setupSync();
    const [org] = h.myOrgs;
    const project = (h.sim.control.projects(org) as { id: number }[])[0]!;
    const me = (h.sim.control.me() as { id: number }).id;
    const spoofed = h.sim.control.createTask({ projectId: project.id, summary: 'Pay invoice\u202e fdp.exe\u202c\u0000\r\n[45m]', assigneeIds: [me] }) as { id: number };
    const blank = h.sim.control.createTask({ projectId: project.id, summary: '\u202e\u0000\u2066', assigneeIds: [me] }) as { id: number };
    await h.app.sync.syncNow();

    const stored = (id: number) => h.rows<{ title: string }>("SELECT title FROM source_items WHERE provider = 'hubstaff' AND external_id = ?", String(id))[0]?.title;
    expect(stored(spoofed.id)).toBe('Pay invoice fdp.exe [45m]');
    expect(stored(blank.id)).toBe(`Hubstaff to-do ${blank.id}`);
    // Nothing stored anywhere in the cache holds a control or bidi character.
    const dirty = h.rows("SELECT external_id FROM source_items WHERE title GLOB ('*[' || char(0) || char(1) || char(9) || char(10) || char(13) || char(8238) || char(8294) || ']*')");
    expect(dirty).toEqual([]);

    const { task, entry } = h.app.planner.dropSourceItem({
      item: { provider: 'hubstaff', orgId: String(org), externalId: String(spoofed.id), title: stored(spoofed.id)! },
      date: h.day(0),
      startMinute: 600,
    });
    expect(task.title).toBe('Pay invoice fdp.exe');
    expect(entry.durationMinutes).toBe(45);
    expect(h.rows('SELECT title FROM tasks WHERE id = ?', task.id)).toEqual([{ title: 'Pay invoice fdp.exe' }]);

    // A later fix upstream replaces the fallback at the next poll.
    h.sim.control.updateTask(blank.id, { summary: 'Named at last' });
    h.clock.advance(30_000);
    await h.app.sync.syncNow();
    expect(stored(blank.id)).toBe('Named at last');
  });
});
