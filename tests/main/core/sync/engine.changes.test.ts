import { afterEach, describe, expect, it } from 'vitest';
import { recentData, setupSync, type SyncHarness } from './harness';
import { TEST_NOW_MS } from '../../../helpers/clock';

// Changes made in Hubstaff after the first sync reach the cache: late activity edits at the
// next poll (through activities/updates, without re-reading days), to-dos created, completed or
// deleted at the next poll, and activities removed at the next refresh-window re-read (or a
// full re-read for older ones). Local tasks linked to a removed to-do stay, marked.

let h: SyncHarness;
afterEach(async () => h?.close());

const MIN = 60_000;
const DAY = 86_400_000;

function me(h: SyncHarness): number {
  return (h.sim.control.me() as { id: number }).id;
}

async function poll(h: SyncHarness, ms = 30_000) {
  h.sim.control.clearRequestLog();
  h.clock.advance(ms);
  return h.app.sync.syncNow();
}

describe('changes upstream', () => {
  it('a late edit to a 2-day-old activity lands at the next poll, for the cost of a steady poll', async () => {
    h = await setupSync({ data: recentData(TEST_NOW_MS, {}, { weekends: true }) });
    await h.app.sync.syncNow();
    const twoDaysAgo = new Date(h.clock.nowMs() - 2 * DAY);
    const from = new Date(Date.UTC(twoDaysAgo.getUTCFullYear(), twoDaysAgo.getUTCMonth(), twoDaysAgo.getUTCDate()));
    const victim = h.sim.control.activities({ userId: me(h), from: from.toISOString(), to: new Date(from.getTime() + DAY).toISOString() })[0]!;
    expect(victim).toBeDefined();
    const before = h.rows<{ tracked: number }>('SELECT tracked FROM hubstaff_activities WHERE id = ?', victim.id)[0]!.tracked;
    const tracked = before === 321 ? 322 : 321;
    h.sim.control.editActivity(victim.id, { tracked });

    const report = await poll(h);
    expect(h.rows('SELECT tracked FROM hubstaff_activities WHERE id = ?', victim.id)).toEqual([{ tracked }]);
    expect(report.requests).toBe(2); // tasks + activities/updates: no day was re-read
    expect(h.api().some((r) => r.path.endsWith('/activities'))).toBe(false);
  });

  it('a to-do created, completed or deleted in Hubstaff shows in the sidebar items after the next poll', async () => {
    h = await setupSync();
    await h.app.sync.syncNow();
    const [org] = h.myOrgs;
    const project = (h.sim.control.projects(org) as { id: number; name: string }[])[0]!;
    const created = h.sim.control.createTask({ projectId: project.id, summary: 'Call the printer [45m]', assigneeIds: [me(h)] }) as { id: number };
    const item = () => h.app.sourceItems.list().find((i) => i.externalId === String(created.id));

    expect(item()).toBeUndefined();
    await poll(h);
    expect(item()).toMatchObject({ provider: 'hubstaff', orgId: String(org), title: 'Call the printer [45m]', status: 'active', projectName: project.name, assigneeIds: [String(me(h))] });

    h.sim.control.completeTask(created.id);
    await poll(h);
    expect(item()?.status).toBe('completed');

    // Dropped on the calendar, the to-do gets a linked local task; deleting it upstream keeps the task, marked.
    const changes: string[] = [];
    h.app.events.onAny((name, payload) => changes.push(`${name}:${JSON.stringify(payload)}`));
    const { task } = h.app.planner.dropSourceItem({ item: { provider: 'hubstaff', orgId: String(org), externalId: String(created.id), title: 'Call the printer [45m]' }, date: h.day(0), startMinute: 600 });
    h.sim.control.deleteTask(created.id);
    await poll(h);
    expect(item()).toBeUndefined();
    expect(h.rows('SELECT removed FROM source_items WHERE external_id = ?', String(created.id))).toEqual([{ removed: 1 }]);
    expect(h.app.planner.getTask({ taskId: task.id })).toMatchObject({ id: task.id, sourceRemoved: true, title: 'Call the printer' });
    expect(changes).toContain('planner.changed:{"reason":"sync"}');
    // Other items were not touched.
    expect(h.rows('SELECT count(*) AS n FROM source_items WHERE removed = 1')).toEqual([{ n: 1 }]);
  });

  it('an activity removed upstream leaves the cache at the next refresh-window re-read; older ones at a full re-read', async () => {
    // Weekends worked too, so "the last two days" hold activities whatever day the test runs.
    h = await setupSync({ settings: { refreshWindowDays: 3 }, data: recentData(TEST_NOW_MS, {}, { weekends: true }) });
    await h.app.sync.syncNow();
    const user = me(h);
    const recent = h.sim.control.activities({ userId: user, from: new Date(h.clock.nowMs() - 2 * DAY).toISOString() })[0]!;
    const old = h.sim.control.activities({ userId: user, to: new Date(h.clock.nowMs() - 8 * DAY).toISOString() })[0]!;
    h.sim.control.deleteActivity(recent.id);
    h.sim.control.deleteActivity(old.id);
    const cached = (id: number) => h.rows('SELECT id FROM hubstaff_activities WHERE id = ?', id).length;

    await poll(h); // updates only: Hubstaff reports no deletions
    expect(cached(recent.id)).toBe(1);
    const total = h.rows<{ n: number }>('SELECT count(*) AS n FROM hubstaff_activities')[0]!.n;

    await poll(h, 15 * MIN); // the refresh window (3 days) is re-read and replaces its rows
    expect(cached(recent.id)).toBe(0);
    expect(cached(old.id)).toBe(1);
    expect(h.rows('SELECT count(*) AS n FROM hubstaff_activities')).toEqual([{ n: total - 1 }]);

    h.sim.control.clearRequestLog();
    const full = await h.app.sync.syncNow({ full: true });
    expect(full.errors).toEqual([]);
    expect(cached(old.id)).toBe(0);
    const [org] = h.myOrgs;
    expect(h.rows('SELECT count(*) AS n FROM hubstaff_activities')).toEqual([{ n: h.sim.control.countActivities({ orgId: org! }) }]);
    // The full re-read also listed every other stream again.
    expect(new Set(h.api().map((r) => r.path.split('/').slice(4).join('/') || r.path))).toEqual(
      new Set(['/v2/users/me', '/v2/organizations', 'projects', 'tasks', 'members', 'time_off_requests', 'time_off_policies', 'activities/daily', 'activities']),
    );
  });

  it('a page with a malformed record is stored without it, and the sweep is skipped so nothing live is dropped', async () => {
    h = await setupSync({ settings: { refreshWindowDays: 3, pageLimit: 500 } });
    await h.app.sync.syncNow();
    const total = h.rows<{ n: number }>('SELECT count(*) AS n FROM hubstaff_activities')[0]!.n;
    h.sim.control.injectFaults({ kind: 'bad_records', path: '/activities$', count: 2, field: 'tracked', times: 1 });
    const report = await poll(h, 15 * MIN);
    expect(report.skipped.activities).toBe(2);
    expect(report.errors).toEqual([]);
    // The two spoiled records were not re-read, and their cached copies were kept.
    expect(h.rows('SELECT count(*) AS n FROM hubstaff_activities')).toEqual([{ n: total }]);
  });
});
