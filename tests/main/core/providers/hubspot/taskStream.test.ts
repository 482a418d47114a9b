import { afterEach, describe, expect, it } from 'vitest';
import { StintError } from '../../../../../src/common/errors';
import { HubspotApiError } from '../../../../../src/main/core/providers/hubspot/errors';
import type { HubspotSetup } from './simClient';
import { T0, drain, failure, setupHubspot } from './simClient';

let s: HubspotSetup | undefined;
afterEach(async () => {
  await s?.sim.close();
  s = undefined;
});

type SimTask = { id: string; properties: Record<string, string | null> };
const modified = (t: SimTask): number => Date.parse(t.properties.hs_lastmodifieddate!);
/** The simulator's tasks in the stream's order: oldest change first, ties by id. */
const inStreamOrder = (tasks: SimTask[]): SimTask[] => [...tasks].sort((a, b) => modified(a) - modified(b) || Number(a.id) - Number(b.id));
const simTasks = (): SimTask[] => s!.sim.control.tasks() as SimTask[];
const idsOf = (records: { id: string }[]): string[] => records.map((r) => r.id);
const filterValue = (body: unknown): string => (body as { filterGroups: { filters: { value: string }[] }[] }).filterGroups[0]!.filters[0]!.value;

describe('first sync', () => {
  it('reads every task oldest change first from the default start date, with the fields mapped', async () => {
    s = await setupHubspot({ data: { tasks: 60 } });
    const { pages, records } = await drain(s.client().tasksModifiedSince({ pageLimit: 25 }));
    const expected = inStreamOrder(simTasks());
    expect(idsOf(records)).toEqual(idsOf(expected));
    expect(pages.at(-1)!.cursor).toBe(expected.at(-1)!.properties.hs_lastmodifieddate);
    expect(s.searches()[0]!.body).toEqual({
      filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse('2006-06-01T00:00:00Z')) }] }],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      properties: expect.arrayContaining(['hs_task_subject', 'hs_task_status', 'hubspot_owner_id', 'hs_timestamp']),
      limit: 25,
    });
    const sample = expected[17]!;
    expect(records[17]).toEqual({
      id: sample.id,
      subject: sample.properties.hs_task_subject,
      body: sample.properties.hs_task_body,
      status: sample.properties.hs_task_status,
      priority: sample.properties.hs_task_priority,
      type: sample.properties.hs_task_type,
      ownerId: sample.properties.hubspot_owner_id,
      dueAt: sample.properties.hs_timestamp,
      completedAt: sample.properties.hs_task_completion_date,
      createdAt: sample.properties.hs_createdate,
      updatedAt: sample.properties.hs_lastmodifieddate,
      updatedMs: modified(sample),
      archived: false,
      properties: expect.objectContaining({ hs_object_id: sample.id }),
    });
  });

  it('keeps to one owner and to the start date', async () => {
    s = await setupHubspot({ data: { tasks: 60 } });
    const me = s.sim.control.me().id as string;
    const startDate = '2024-03-01T00:00:00Z';
    const { records } = await drain(s.client().tasksModifiedSince({ ownerId: me, startDate }));
    const expected = inStreamOrder(simTasks().filter((t) => t.properties.hubspot_owner_id === me && modified(t) >= Date.parse(startDate)));
    expect(expected.length).toBeGreaterThan(5);
    expect(idsOf(records)).toEqual(idsOf(expected));
  });
});

describe('incremental sync with the lookback window', () => {
  it('re-reads the window before the cursor and picks up every change since', async () => {
    s = await setupHubspot({ data: { tasks: 40 } });
    const client = s.client();
    const first = await drain(client.tasksModifiedSince());
    const cursor = first.pages.at(-1)!.cursor!;
    const [old, other] = simTasks();
    s.sim.control.advanceClock(60_000);
    s.sim.control.updateTask(old!.id, { hs_task_subject: 'Renamed in HubSpot' });
    s.sim.control.completeTask(other!.id);
    const created = s.sim.control.createTask({ hs_task_subject: 'New lead [45m]', hubspot_owner_id: s.sim.control.me().id as string });
    s.sim.control.clearRequestLog();

    const second = await drain(client.tasksModifiedSince({ since: cursor, lookbackMinutes: 10 }));
    const windowStart = Date.parse(cursor) - 10 * 60_000;
    expect(filterValue(s.searches()[0]!.body)).toBe(String(windowStart));
    expect(idsOf(second.records)).toEqual(idsOf(inStreamOrder(simTasks().filter((t) => modified(t) >= windowStart))));
    expect(idsOf(second.records)).toEqual(expect.arrayContaining([old!.id, other!.id, created.id as string]));
    expect(second.records.find((r) => r.id === old!.id)!.subject).toBe('Renamed in HubSpot');
    expect(second.records.find((r) => r.id === other!.id)).toMatchObject({ status: 'COMPLETED', completedAt: new Date(T0 + 60_000).toISOString() });
    expect(second.pages.at(-1)!.cursor).toBe(new Date(T0 + 60_000).toISOString());

    // Nothing changed: the cursor stays, and only the lookback window is read again.
    const third = await drain(client.tasksModifiedSince({ since: second.pages.at(-1)!.cursor, lookbackMinutes: 10 }));
    expect(idsOf(third.records).sort()).toEqual([old!.id, other!.id, created.id as string].sort());
    expect(third.pages.at(-1)!.cursor).toBe(second.pages.at(-1)!.cursor);
  });

  it('a change search indexed late is picked up by the next run inside the lookback window (and missed without one)', async () => {
    const run = async (lookbackMinutes: number): Promise<{ second: string[]; third: string[]; late: string }> => {
      s = await setupHubspot({ data: { tasks: 20 } });
      const client = s.client();
      const first = await drain(client.tasksModifiedSince({ lookbackMinutes }));
      const [a, b] = simTasks();
      s.sim.control.advanceClock(1000);
      s.sim.control.updateTask(a!.id, { hs_task_status: 'IN_PROGRESS' }, { indexLagMs: 120_000 }); // indexed late
      s.sim.control.advanceClock(5000);
      s.sim.control.updateTask(b!.id, { hs_task_status: 'WAITING' }, { indexLagMs: 0 });
      s.sim.control.advanceClock(10_000);
      const second = await drain(client.tasksModifiedSince({ since: first.pages.at(-1)!.cursor, lookbackMinutes }));
      s.sim.control.advanceClock(300_000);
      const third = await drain(client.tasksModifiedSince({ since: second.pages.at(-1)!.cursor, lookbackMinutes }));
      const result = { second: idsOf(second.records), third: idsOf(third.records), late: a!.id };
      await s.sim.close();
      s = undefined;
      return result;
    };
    const withWindow = await run(10);
    expect(withWindow.second).not.toContain(withWindow.late); // search did not show it yet
    expect(withWindow.third).toContain(withWindow.late);
    const without = await run(0);
    expect(without.second).not.toContain(without.late);
    expect(without.third).not.toContain(without.late); // the cursor had moved past it
  });
});

describe('the 10,000-result cap', () => {
  const BIG = { data: { tasks: 10_050, archivedTasks: 0 } };

  it.each(['every_page', 'at_cap'] as const)('reads more than 10,000 tasks without paging past the cap (restart %s)', async (restart) => {
    s = await setupHubspot(BIG);
    const { pages, records } = await drain(s.client().tasksModifiedSince({ restart }));
    const ids = idsOf(records);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(simTasks().map((t) => t.id).sort());
    const bodies = s.searches().map((r) => r.body as { after?: string });
    expect(s.searches().every((r) => r.status === 200)).toBe(true);
    expect(Math.max(...bodies.map((b) => Number(b.after ?? 0)))).toBeLessThan(10_000);
    if (restart === 'at_cap') {
      // One query up to offset 9,800, then one re-query from the last modification time seen.
      expect(bodies.filter((b) => b.after === undefined)).toHaveLength(2);
      expect(bodies.map((b) => b.after).filter(Boolean).at(-1)).toBe('9800');
      expect(pages.at(-1)!.query).toBe(1);
      expect(pages.find((p) => p.query === 1)!.duplicates).toBeGreaterThanOrEqual(1);
    } else {
      expect(bodies.every((b) => b.after === undefined)).toBe(true);
    }
  });

  it('pages inside one modification time when more records share it than fit a page', async () => {
    s = await setupHubspot({ data: { tasks: 0, archivedTasks: 0 } });
    for (let i = 0; i < 25; i++) s.sim.control.createTask({ hs_task_subject: `Tie ${i}` });
    s.sim.control.advanceClock(1);
    for (let i = 0; i < 5; i++) s.sim.control.createTask({ hs_task_subject: `Later ${i}` });
    const { pages, records } = await drain(s.client().tasksModifiedSince({ pageLimit: 10 }));
    expect(idsOf(records).sort()).toEqual(simTasks().map((t) => t.id).sort());
    expect(records).toHaveLength(30);
    expect(pages.reduce((n, p) => n + p.duplicates, 0)).toBeGreaterThan(0);
    expect(s.searches().some((r) => (r.body as { after?: string }).after !== undefined)).toBe(true);
  });

  it('fails clearly when more than 10,000 tasks share one modification time', async () => {
    s = await setupHubspot({ data: { tasks: 0, archivedTasks: 0 } });
    for (let i = 0; i < 10_001; i++) s.sim.control.createTask({ hs_task_subject: `Imported ${i}` });
    let seen = 0;
    const e = await failure(
      (async () => {
        // Starting at that very time, so the stream cannot move on by re-querying either.
        for await (const page of s!.client().tasksModifiedSince({ startDate: T0 })) seen += page.records.length;
      })(),
    );
    expect(e).toBeInstanceOf(HubspotApiError);
    expect(e).toMatchObject({ code: 'bad_request', reason: 'search_cap' });
    expect(seen).toBe(10_000);
    expect(s.searches().every((r) => r.status === 200)).toBe(true);
  });
});

describe('tolerance and input checks', () => {
  it('skips and counts malformed records; the rest of the page lands', async () => {
    s = await setupHubspot({ data: { tasks: 30 } });
    s.sim.control.injectFaults(
      { kind: 'bad_records', path: '/search$', nth: 1, count: 2, field: 'properties.hs_lastmodifieddate' },
      { kind: 'bad_records', path: '/search$', nth: 2, count: 1, field: 'id' },
    );
    // Plain offset paging (restart at the cap only), so the three pages do not overlap.
    const { pages, records } = await drain(s.client().tasksModifiedSince({ pageLimit: 10, restart: 'at_cap' }));
    expect(pages[0]!.skipped).toEqual([
      { index: 0, reason: expect.stringContaining('hs_lastmodifieddate') },
      { index: 1, reason: expect.stringContaining('hs_lastmodifieddate') },
    ]);
    expect(pages[0]!.records).toHaveLength(8);
    expect(pages[1]!.skipped).toEqual([{ index: 0, reason: expect.stringContaining('id') }]);
    const spoiled = s.sim.requests.flatMap((r) => (r.fault?.recordIds ?? []) as string[]);
    expect(spoiled).toHaveLength(3);
    for (const id of spoiled) expect(idsOf(records)).not.toContain(id);
    expect(records).toHaveLength(27);
    expect(pages.at(-1)!.cursor).toBe(inStreamOrder(simTasks()).at(-1)!.properties.hs_lastmodifieddate);
  });

  it.each([
    [{ pageLimit: 201 }, 'pageLimit'],
    [{ lookbackMinutes: -1 }, 'lookbackMinutes'],
    [{ ownerId: 'me' }, 'ownerId'],
    [{ since: 'yesterday' }, 'since'],
    [{ startDate: 'soon' }, 'startDate'],
  ])('rejects %j before any request', async (query, field) => {
    s = await setupHubspot({ data: { tasks: 3 } });
    const e = await failure(drain(s.client().tasksModifiedSince(query)));
    expect(e).toBeInstanceOf(StintError);
    expect(e).toMatchObject({ code: 'invalid_argument', details: [field] });
    expect(s.api()).toHaveLength(0);
  });
});
