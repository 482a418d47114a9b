import { afterEach, describe, expect, it } from 'vitest';
import { HubstaffClient } from '../../../../../src/main/core/providers/hubstaff/client';
import { staticTokenProvider } from '../../../../../src/main/core/providers/hubstaff/tokens';
import type { SimSetup } from './simClient';
import { drain, setupSim } from './simClient';

let s: SimSetup | undefined;
afterEach(async () => {
  await s?.sim.close();
  s = undefined;
});

const minimumRequests = (n: number, limit: number) => Math.max(1, Math.ceil(n / limit));

describe('pagination against the simulator', () => {
  it('reads every activity of a range with the minimum number of requests, following next_page_start_id', async () => {
    s = await setupSim({ membersPerOrg: 4, activities: { from: '2024-06-03', to: '2024-06-16', density: 0.6 } });
    const limit = 97;
    const client = s.client({ pageLimit: limit });
    const start = '2024-06-03T00:00:00Z';
    const stop = '2024-06-17T00:00:00Z';
    const { pages, records } = await drain(client.activities(s.orgId, { start, stop }));

    const expected = s.sim.control.activities({ orgId: s.orgId, from: start, to: stop }).map((a) => a.id);
    expect(expected.length).toBeGreaterThan(3 * limit);
    expect(records.map((r) => r.id).sort()).toEqual([...expected].sort());
    expect(pages.every((p) => p.skipped.length === 0)).toBe(true);

    // Two 7-day slices; per slice exactly ceil(n / limit) requests, each from the previous page's cursor.
    const slices = [...new Set(pages.map((p) => p.slice!.start))];
    expect(slices).toEqual(['2024-06-03T00:00:00Z', '2024-06-10T00:00:00Z']);
    const minimum = pages
      .filter((p, i, all) => all.findIndex((q) => q.slice!.index === p.slice!.index) === i)
      .map((p) => minimumRequests(s!.sim.control.countActivities({ orgId: s!.orgId, from: p.slice!.start, to: p.slice!.stop }), limit))
      .reduce((a, b) => a + b, 0);
    const log = s.api();
    expect(log).toHaveLength(minimum);
    expect(client.requestCount).toBe(minimum);
    expect(log.every((r) => r.query.page_limit === String(limit))).toBe(true);
    for (const [i, p] of pages.entries()) {
      expect(log[i]!.query.page_start_id ?? '0').toBe(String(p.pageStartId));
      if (p.nextPageStartId !== null) expect(pages[i + 1]!.pageStartId).toBe(p.nextPageStartId);
    }
    expect(pages.filter((p) => p.nextPageStartId === null)).toHaveLength(2); // the last page of each slice
  });

  it('a cursor that repeats stops the read with a clear error after that page, instead of fetching it again and again', async () => {
    s = await setupSim({ activities: { from: '2024-06-03', to: '2024-06-03', total: 300 } });
    // The second page answers with its own page_start_id as the next one.
    s.sim.control.injectFaults({ kind: 'stuck_cursor', path: '/activities$', nth: 2 });
    const client = s.client({ pageLimit: 100 });
    const pages = client.activities(s.orgId, { start: '2024-06-03T00:00:00Z', stop: '2024-06-04T00:00:00Z' });
    const first = await pages.next();
    expect(first.value!.records).toHaveLength(100);
    await expect(pages.next()).rejects.toMatchObject({ message: expect.stringMatching(/page cursor did not advance \((\d+) → \1\)/) });
    expect(s.api()).toHaveLength(2); // not one request more
    expect(client.requestCount).toBe(2);
  });

  it('asks for 500 per page by default and refuses a limit above 500', async () => {
    s = await setupSim({ membersPerOrg: 6, activities: { from: '2024-06-03', to: '2024-06-04', total: 1200 } });
    const client = s.client();
    const { records, pages } = await drain(client.activities(s.orgId, { start: '2024-06-03T00:00:00Z', stop: '2024-06-05T00:00:00Z' }));
    expect(records).toHaveLength(1200);
    expect(pages.map((p) => p.records.length)).toEqual([500, 500, 200]);
    expect(s.api().map((r) => r.query.page_limit)).toEqual(['500', '500', '500']);
    expect(() => s!.client({ pageLimit: 501 })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => s!.client({ pageLimit: 0 })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('an exact multiple of the page limit costs no extra request', async () => {
    s = await setupSim({ activities: { from: '2024-06-03', to: '2024-06-03', total: 300 } });
    const { records } = await drain(s.client({ pageLimit: 100 }).activities(s.orgId, { start: '2024-06-03T00:00:00Z', stop: '2024-06-04T00:00:00Z' }));
    expect(records).toHaveLength(300);
    expect(s.api()).toHaveLength(3);
  });

  it('resumes from a page cursor', async () => {
    s = await setupSim({ activities: { from: '2024-06-03', to: '2024-06-03', total: 250 } });
    const range = { start: '2024-06-03T00:00:00Z', stop: '2024-06-04T00:00:00Z' };
    const first = await s.client({ pageLimit: 100 }).activities(s.orgId, range).next();
    const cursor = first.value!.nextPageStartId!;
    const rest = await drain(s.client({ pageLimit: 100 }).activities(s.orgId, { ...range, pageStartId: cursor }));
    expect(first.value!.records.length + rest.records.length).toBe(250);
    expect(new Set([...first.value!.records, ...rest.records].map((r) => r.id)).size).toBe(250);
  });
});

describe('range slicing against the simulator', () => {
  it('activities: 7-day windows, stop exclusive', async () => {
    s = await setupSim({ activities: { from: '2024-06-03', to: '2024-06-14', density: 0.3 } });
    const { projectId, userId } = firstProjectAndMe(s);
    const boundary = s.sim.control.addActivity({ userId, projectId, timeSlot: '2024-06-20T00:00:00Z' });
    const client = s.client();
    const before = await drain(client.activities(s.orgId, { start: '2024-06-03T00:00:00Z', stop: '2024-06-20T00:00:00Z' }));
    expect(before.records.some((r) => r.id === boundary.id)).toBe(false);
    const windows = s.api().map((r) => [r.query['time_slot[start]'], r.query['time_slot[stop]']]);
    expect(windows).toEqual([
      ['2024-06-03T00:00:00Z', '2024-06-10T00:00:00Z'],
      ['2024-06-10T00:00:00Z', '2024-06-17T00:00:00Z'],
      ['2024-06-17T00:00:00Z', '2024-06-20T00:00:00Z'],
    ]);
    expect(before.pages.map((p) => p.slice!.total)).toEqual(before.pages.map(() => 3));
    const after = await drain(client.activities(s.orgId, { start: '2024-06-20T00:00:00Z', stop: '2024-06-20T00:10:00Z' }));
    expect(after.records.map((r) => r.id)).toEqual([boundary.id]);
  });

  it('daily activities: 31-day windows, stop inclusive', async () => {
    s = await setupSim({ activities: { from: '2024-05-01', to: '2024-07-05', density: 0.2 } });
    const { records, pages } = await drain(s.client().dailyActivities(s.orgId, { startDate: '2024-05-01', stopDate: '2024-07-05' }));
    expect(s.api().map((r) => [r.query['date[start]'], r.query['date[stop]']])).toEqual([
      ['2024-05-01', '2024-05-31'],
      ['2024-06-01', '2024-07-01'],
      ['2024-07-02', '2024-07-05'],
    ]);
    expect(pages.map((p) => p.slice!.index)).toEqual([0, 1, 2]);
    const expected = s.sim.control.dailyActivities({ orgId: s.orgId, from: '2024-05-01', to: '2024-07-05' });
    expect(records.map((r) => r.id).sort()).toEqual(expected.map((d) => d.id as number).sort());
    expect(records.some((r) => r.date === '2024-07-05')).toBe(true); // the stop day itself
  });

  it('activity updates: 7-day windows over updated[start]/updated[stop]', async () => {
    s = await setupSim({ activities: { from: '2024-06-03', to: '2024-06-07', density: 0.3 } });
    const [a, b] = s.sim.control.activities({ orgId: s.orgId });
    s.sim.control.editActivity(a!.id, { tracked: 300 });
    s.sim.control.editActivity(b!.id, { tracked: 200 });
    const now = s.sim.control.now();
    const { records } = await drain(s.client().activityUpdates(s.orgId, { updatedStart: new Date(now - 10 * 86_400_000), updatedStop: new Date(now + 60_000) }));
    const log = s.api();
    expect(log).toHaveLength(2);
    expect(log.every((r) => r.path === `/v2/organizations/${s!.orgId}/activities/updates`)).toBe(true);
    expect(Date.parse(log[0]!.query['updated[stop]'] as string) - Date.parse(log[0]!.query['updated[start]'] as string)).toBe(7 * 86_400_000);
    expect(log[1]!.query['updated[start]']).toBe(log[0]!.query['updated[stop]']);
    expect(records.map((r) => [r.id, r.tracked]).sort()).toEqual([[a!.id, 300], [b!.id, 200]].sort());
  });
});

describe('the other streams', () => {
  it('usersMe and organizations', async () => {
    s = await setupSim();
    const client = s.client();
    const me = await client.usersMe();
    expect(me.id).toBe(s.sim.control.me().id);
    const { records } = await drain(client.organizations());
    expect(records.map((o) => o.id)).toEqual([s.orgId]); // an org token sees its own org
  });

  it('members side-load their users with include[]=users', async () => {
    s = await setupSim({ membersPerOrg: 5 });
    const { records } = await drain(s.client().members(s.orgId));
    expect(s.api()[0]!.query['include[]']).toBe('users');
    expect(records).toHaveLength(5);
    for (const m of records) expect(m.user?.id).toBe(m.user_id);
  });

  it('tasks filter by status[] and user_ids[]', async () => {
    s = await setupSim({ tasksPerProject: 6, completedTaskRatio: 0.5 });
    const meId = s.sim.control.me().id as number;
    const { records } = await drain(s.client().tasks(s.orgId, { status: ['completed'], userIds: [meId] }));
    const q = s.api()[0]!.query;
    expect(q['status[]']).toBe('completed');
    expect(q['user_ids[]']).toBe(String(meId));
    const expected = s.sim.control.tasks({ orgId: s.orgId, status: ['completed'], assigneeId: meId }).map((t) => t.id);
    expect(records.map((t) => t.id).sort()).toEqual((expected as number[]).sort());
    expect(records.every((t) => t.status === 'completed' && t.assignee_ids.includes(meId))).toBe(true);
  });

  it('projects (all statuses) and time off requests', async () => {
    s = await setupSim({ projectsPerOrg: 2, archivedProjectsPerOrg: 1, timeOffRequestsPerMember: 2, membersPerOrg: 2 });
    const client = s.client();
    const projects = await drain(client.projects(s.orgId));
    expect(projects.records.map((p) => p.status).sort()).toEqual(['active', 'active', 'archived']);
    const timeOff = await drain(client.timeOffRequests(s.orgId));
    expect(timeOff.records).toHaveLength(s.sim.control.timeOffRequests(s.orgId).length);
    expect(timeOff.records.length).toBeGreaterThan(0);
  });

  it('refuses a bad organization id before any request', () => {
    const client = new HubstaffClient({ tokens: staticTokenProvider('x'), baseUrl: 'http://127.0.0.1:9/v2' });
    expect(() => client.members(-1)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

function firstProjectAndMe(setup: SimSetup): { projectId: number; userId: number } {
  const project = setup.sim.control.projects(setup.orgId)[0]!;
  return { projectId: project.id as number, userId: setup.sim.control.me().id as number };
}
