// POST /crm/v3/objects/tasks/search: filter semantics, sorts, query, properties, paging,
// total, the result cap and validation, checked against the seeded tasks. The search
// per-second limit is lifted here (limits.test.ts covers it).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotSimulator } from './index';
import { startHubspotSimulator } from './index';
import { eq, search } from './test-helpers';

const NO_LIMIT = { searchPerSecond: 1_000_000 };
let sim: HubspotSimulator;
let token: string;
type Task = { id: string; properties: Record<string, string | null>; archived: boolean };
let live: Task[];
let meId: string;

beforeAll(async () => {
  sim = await startHubspotSimulator({ seed: 5, data: { tasks: 60, archivedTasks: 3 }, limits: NO_LIMIT });
  token = sim.control.createPrivateApp().token;
  live = sim.control.tasks() as Task[];
  meId = sim.control.me().id as string;
});
afterAll(async () => {
  await sim.close();
});

const ms = (iso: string | null | undefined): number => (iso === null || iso === undefined ? Number.NaN : Date.parse(iso));
const ids = (tasks: Task[]): string[] => tasks.map((t) => t.id).sort();

/** Every id a search matches, read page by page. */
async function allIds(body: Record<string, unknown>, limit = 200): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const r = await search(sim, token, { ...body, limit, ...(after ? { after } : {}) });
    expect(r.status).toBe(200);
    out.push(...(r.json.results as Task[]).map((t) => t.id));
    after = r.json.paging?.next?.after;
    if (!after) return out.sort();
  }
}

describe('response shape', () => {
  it('returns total, string-valued default properties with ISO-ms times, and no paging on the last page', async () => {
    const r = await search(sim, token, { limit: 200 });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(r.json.total).toBe(live.length);
    expect(r.json.paging).toBeUndefined();
    const first = r.json.results[0];
    expect(Object.keys(first.properties).sort()).toEqual(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id']);
    expect(first.properties.hs_object_id).toBe(first.id);
    expect(first.properties.hs_lastmodifieddate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(first).toMatchObject({ archived: false, createdAt: first.properties.hs_createdate, updatedAt: first.properties.hs_lastmodifieddate });
  });

  it('adds requested properties to the defaults, null when unset', async () => {
    const unassigned = live.find((t) => t.properties.hubspot_owner_id === null);
    expect(unassigned).toBeDefined();
    const r = await search(sim, token, { filterGroups: [{ filters: [eq('hs_object_id', unassigned!.id)] }], properties: ['hubspot_owner_id', 'hs_task_subject', 'no_such_property'] });
    expect(r.json.results).toHaveLength(1);
    expect(r.json.results[0].properties).toEqual({
      hs_createdate: unassigned!.properties.hs_createdate,
      hs_lastmodifieddate: unassigned!.properties.hs_lastmodifieddate,
      hs_object_id: unassigned!.id,
      hubspot_owner_id: null,
      hs_task_subject: unassigned!.properties.hs_task_subject,
    });
  });

  it('excludes archived tasks', async () => {
    const archived = sim.control.tasks({ includeArchived: true }).filter((t) => t.archived) as Task[];
    expect(archived).toHaveLength(3);
    const found = await allIds({});
    for (const a of archived) expect(found).not.toContain(a.id);
  });
});

describe('filters', () => {
  const pivotTask = (): Task => [...live].sort((a, b) => ms(a.properties.hs_lastmodifieddate) - ms(b.properties.hs_lastmodifieddate))[30]!;

  it('ANDs filters in a group and ORs groups', async () => {
    const other = live.find((t) => t.properties.hubspot_owner_id && t.properties.hubspot_owner_id !== meId)!.properties.hubspot_owner_id!;
    const found = await allIds({
      filterGroups: [
        { filters: [eq('hs_task_status', 'NOT_STARTED'), eq('hubspot_owner_id', meId)] },
        { filters: [eq('hs_task_status', 'COMPLETED'), eq('hubspot_owner_id', other)] },
      ],
    });
    const expected = live.filter(
      (t) =>
        (t.properties.hs_task_status === 'NOT_STARTED' && t.properties.hubspot_owner_id === meId) ||
        (t.properties.hs_task_status === 'COMPLETED' && t.properties.hubspot_owner_id === other),
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(found).toEqual(ids(expected));
  });

  it('supports every comparison operator', async () => {
    const pivot = pivotTask();
    const p = ms(pivot.properties.hs_lastmodifieddate);
    const lo = ms(live[10]!.properties.hs_createdate);
    const hi = ms(live[40]!.properties.hs_createdate);
    const mod = (t: Task) => ms(t.properties.hs_lastmodifieddate);
    const created = (t: Task) => ms(t.properties.hs_createdate);
    const cases: [Record<string, unknown>, (t: Task) => boolean][] = [
      [eq('hs_task_status', 'COMPLETED', 'NEQ'), (t) => t.properties.hs_task_status !== 'COMPLETED'],
      [eq('hs_lastmodifieddate', String(p), 'LT'), (t) => mod(t) < p],
      [eq('hs_lastmodifieddate', String(p), 'LTE'), (t) => mod(t) <= p],
      [eq('hs_lastmodifieddate', String(p), 'GT'), (t) => mod(t) > p],
      [eq('hs_lastmodifieddate', String(p), 'GTE'), (t) => mod(t) >= p],
      // ISO values work for date-times too.
      [eq('hs_lastmodifieddate', pivot.properties.hs_lastmodifieddate!, 'EQ'), (t) => mod(t) === p],
      [{ propertyName: 'hs_createdate', operator: 'BETWEEN', value: String(lo), highValue: String(hi) }, (t) => created(t) >= lo && created(t) <= hi],
      [{ propertyName: 'hs_task_status', operator: 'IN', values: ['NOT_STARTED', 'WAITING'] }, (t) => ['NOT_STARTED', 'WAITING'].includes(t.properties.hs_task_status!)],
      [{ propertyName: 'hs_task_status', operator: 'NOT_IN', values: ['NOT_STARTED', 'WAITING'] }, (t) => !['NOT_STARTED', 'WAITING'].includes(t.properties.hs_task_status!)],
      [{ propertyName: 'hs_task_body', operator: 'HAS_PROPERTY' }, (t) => t.properties.hs_task_body !== null],
      [{ propertyName: 'hubspot_owner_id', operator: 'NOT_HAS_PROPERTY' }, (t) => t.properties.hubspot_owner_id === null],
      [eq('hs_object_id', live[50]!.id, 'GTE'), (t) => Number(t.id) >= Number(live[50]!.id)],
      [{ propertyName: 'hs_task_subject', operator: 'CONTAINS_TOKEN', value: 'umbr*' }, (t) => /\bumbr/i.test(t.properties.hs_task_subject!)],
      [{ propertyName: 'hs_task_subject', operator: 'NOT_CONTAINS_TOKEN', value: 'call' }, (t) => !/\bcall\b/i.test(t.properties.hs_task_subject!)],
    ];
    for (const [filter, predicate] of cases) {
      const expected = ids(live.filter(predicate));
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(expected.length, JSON.stringify(filter)).toBeLessThan(live.length + (filter.operator === 'NEQ' ? 1 : 0));
      expect(await allIds({ filterGroups: [{ filters: [filter] }] }), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('compares string values case-insensitively, but IN needs lowercase values for strings', async () => {
    const subject = live[3]!.properties.hs_task_subject!;
    const same = ids(live.filter((t) => t.properties.hs_task_subject!.toLowerCase() === subject.toLowerCase()));
    expect(await allIds({ filterGroups: [{ filters: [eq('hs_task_subject', subject.toUpperCase())] }] })).toEqual(same);
    expect(await allIds({ filterGroups: [{ filters: [{ propertyName: 'hs_task_subject', operator: 'IN', values: [subject.toLowerCase()] }] }] })).toEqual(same);
    expect(await allIds({ filterGroups: [{ filters: [{ propertyName: 'hs_task_subject', operator: 'IN', values: [subject.toUpperCase()] }] }] })).toEqual([]);
    // Enumerations are exact.
    expect(await allIds({ filterGroups: [{ filters: [eq('hs_task_status', 'completed')] }] })).toEqual([]);
  });

  it('matches `query` against subject and body words', async () => {
    const expected = ids(live.filter((t) => /\bglobex\b/i.test(`${t.properties.hs_task_subject} ${t.properties.hs_task_body ?? ''}`)));
    expect(expected.length).toBeGreaterThan(0);
    expect(await allIds({ query: 'GLOBEX' })).toEqual(expected);
  });
});

describe('sorts', () => {
  const order = async (sorts: unknown): Promise<string[]> => ((await search(sim, token, { sorts, limit: 200 })).json.results as Task[]).map((t) => t.id);
  const byModified = (dir: 1 | -1) =>
    [...live].sort((a, b) => dir * (ms(a.properties.hs_lastmodifieddate) - ms(b.properties.hs_lastmodifieddate)) || Number(a.id) - Number(b.id)).map((t) => t.id);

  it('sorts by the object form and the string form, ascending and descending', async () => {
    expect(await order([{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }])).toEqual(byModified(1));
    expect(await order([{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }])).toEqual(byModified(-1));
    expect(await order(['hs_lastmodifieddate'])).toEqual(byModified(1));
    expect(await order(['-hs_lastmodifieddate'])).toEqual(byModified(-1));
  });

  it('defaults to creation date, oldest first, and applies only the first rule', async () => {
    const byCreated = [...live].sort((a, b) => ms(a.properties.hs_createdate) - ms(b.properties.hs_createdate) || Number(a.id) - Number(b.id)).map((t) => t.id);
    expect(await order([])).toEqual(byCreated);
    expect(await order([{ propertyName: 'hs_createdate' }, { propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }])).toEqual(byCreated);
  });
});

describe('paging', () => {
  it('pages with `after` offsets until everything was returned once', async () => {
    const pages: number[] = [];
    let after: string | undefined;
    const seen: string[] = [];
    do {
      const r = await search(sim, token, { limit: 7, ...(after ? { after } : {}) });
      expect(r.json.total).toBe(live.length);
      pages.push(r.json.results.length);
      seen.push(...(r.json.results as Task[]).map((t) => t.id));
      after = r.json.paging?.next?.after;
      if (after) expect(after).toBe(String(seen.length));
    } while (after);
    expect(pages).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 4]);
    expect(seen.sort()).toEqual(ids(live));
  });

  it('accepts `after` as a number and defaults `limit` to 10', async () => {
    const r = await search(sim, token, { after: 55 });
    expect(r.json.results).toHaveLength(5);
    expect(r.json.paging).toBeUndefined();
    expect((await search(sim, token, {})).json.results).toHaveLength(10);
  });

  it('caps results: paging stops at the cap and asking past it is a 400', async () => {
    const small = await startHubspotSimulator({ seed: 5, data: { tasks: 40 }, searchResultCap: 25, limits: NO_LIMIT });
    try {
      const t = small.control.createPrivateApp().token;
      const near = await search(small, t, { limit: 10, after: '20' });
      expect(near.json.results).toHaveLength(5);
      expect(near.json.total).toBe(40);
      expect(near.json.paging).toEqual({ next: { after: '25' } });
      const past = await search(small, t, { limit: 10, after: '25' });
      expect(past.status).toBe(400);
      expect(past.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR', correlationId: past.headers.get('x-hubspot-correlation-id') });
    } finally {
      await small.close();
    }
  });

  it('has the real 10,000 cap', async () => {
    const big = await startHubspotSimulator({ seed: 6, data: { tasks: 10_050, archivedTasks: 0 }, limits: NO_LIMIT });
    try {
      const t = big.control.createPrivateApp().token;
      const last = await search(big, t, { limit: 200, after: '9800' });
      expect(last.json.total).toBe(10_050);
      expect(last.json.results).toHaveLength(200);
      expect(last.json.paging).toEqual({ next: { after: '10000' } });
      expect((await search(big, t, { limit: 200, after: '10000' })).status).toBe(400);
    } finally {
      await big.close();
    }
  });
});

describe('validation', () => {
  const f = eq('hs_task_status', 'NOT_STARTED');
  const bad: [string, unknown][] = [
    ['limit over 200', { limit: 201 }],
    ['limit 0', { limit: 0 }],
    ['non-integer after', { after: 'abc' }],
    ['6 filter groups', { filterGroups: Array.from({ length: 6 }, () => ({ filters: [f] })) }],
    ['7 filters in a group', { filterGroups: [{ filters: Array.from({ length: 7 }, () => f) }] }],
    ['19 filters in all', { filterGroups: [...Array.from({ length: 3 }, () => ({ filters: Array.from({ length: 6 }, () => f) })), { filters: [f] }] }],
    ['unknown operator', { filterGroups: [{ filters: [eq('hs_task_status', 'x', 'LIKE')] }] }],
    ['unknown property', { filterGroups: [{ filters: [eq('nope', 'x')] }] }],
    ['BETWEEN without highValue', { filterGroups: [{ filters: [{ propertyName: 'hs_createdate', operator: 'BETWEEN', value: '1' }] }] }],
    ['IN without values', { filterGroups: [{ filters: [{ propertyName: 'hs_task_status', operator: 'IN' }] }] }],
    ['a date that is not one', { filterGroups: [{ filters: [eq('hs_lastmodifieddate', 'yesterday', 'GT')] }] }],
    ['a bad sort direction', { sorts: [{ propertyName: 'hs_createdate', direction: 'UP' }] }],
    ['a request over 3,000 characters', { query: 'x'.repeat(3001) }],
  ];
  it.each(bad)('answers 400 VALIDATION_ERROR for %s', async (_name, body) => {
    const r = await search(sim, token, body);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 'error', message: expect.any(String), correlationId: r.headers.get('x-hubspot-correlation-id'), category: 'VALIDATION_ERROR' });
  });

  it('accepts the limits themselves (5 groups, 6 per group, 18 in all)', async () => {
    const r = await search(sim, token, { filterGroups: [...Array.from({ length: 3 }, () => ({ filters: Array.from({ length: 6 }, () => f) }))] });
    expect(r.status).toBe(200);
    const five = await search(sim, token, { filterGroups: Array.from({ length: 5 }, () => ({ filters: [f] })) });
    expect(five.status).toBe(200);
  });

  it('answers malformed JSON with a 400', async () => {
    const r = await fetch(`${sim.baseUrl}/crm/v3/objects/tasks/search`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"limit": ' });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ category: 'VALIDATION_ERROR' });
  });
});
