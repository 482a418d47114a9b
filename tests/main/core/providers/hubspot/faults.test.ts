import { afterEach, describe, expect, it } from 'vitest';
import { HubspotApiError } from '../../../../../src/main/core/providers/hubspot/errors';
import type { HubspotSetup } from './simClient';
import { drain, failure, setupHubspot } from './simClient';

let s: HubspotSetup | undefined;
afterEach(async () => {
  await s?.sim.close();
  s = undefined;
});

const ME = 'me@stint.example';

describe('transient failures are retried with bounded backoff', () => {
  it.each([
    ['500 JSON', { kind: 'server_error' as const }],
    ['502 gateway HTML', { kind: 'server_error' as const, status: 502 as const }],
    ['503', { kind: 'unavailable' as const }],
    ['a reset connection', { kind: 'reset' as const }],
    ['a cut JSON body', { kind: 'malformed_json' as const }],
  ])('%s, twice, then success', async (_name, fault) => {
    s = await setupHubspot({ data: { tasks: 10 } });
    s.sim.control.injectFaults({ ...fault, path: '/search$', nth: [1, 2] });
    const { records } = await drain(s.client().tasksModifiedSince());
    expect(records).toHaveLength(10);
    expect(s.searches()).toHaveLength(3);
    // Equal-jitter backoff from the test policy (base 10 ms, cap 40 ms, random 0.5): 8, then 15.
    expect(s.sleeps).toEqual([8, 15]);
    expect(s.events.map((e) => e.outcome)).toEqual(['retry', 'retry', 'ok']);
  });

  it('a timeout is retried', async () => {
    s = await setupHubspot({ data: { tasks: 10 } });
    s.sim.control.injectFaults({ kind: 'slow', path: '/owners$', nth: 1, delayMs: 1500 });
    const owner = await s.client({ timeoutMs: 300 }).ownerByEmail(ME);
    expect(owner?.email).toBe(ME);
    expect(s.events[0]).toMatchObject({ outcome: 'retry', status: null, code: 'unavailable' });
  });

  it('gives up after maxAttempts with unavailable and the last correlation id', async () => {
    s = await setupHubspot();
    s.sim.control.injectFaults({ kind: 'server_error', path: '/owners$' });
    const e = await failure(s.client().ownerByEmail(ME));
    expect(e).toBeInstanceOf(HubspotApiError);
    expect(e).toMatchObject({ code: 'unavailable', reason: 'server', status: 500, attempts: 4 });
    expect((e as Error).message).toMatch(/gave up after 4 attempts/);
    expect((e as HubspotApiError).correlationId).toBe(s.api().at(-1)!.correlationId);
    expect(s.sleeps).toEqual([8, 15, 30]);
  });
});

describe('errors that are not retried', () => {
  it('400 VALIDATION_ERROR is a bad_request with HubSpot’s message, after one request', async () => {
    s = await setupHubspot();
    const e = await failure(s.client().searchTasks({ limit: 500 }));
    expect(e).toMatchObject({ code: 'bad_request', reason: 'validation', status: 400, attempts: 1, category: 'VALIDATION_ERROR' });
    expect((e as Error).message).toBe('HubSpot rejected the request: limit must be between 1 and 200');
    expect(s.api()).toHaveLength(1);
  });

  it('404 is null for a single record, after one request', async () => {
    s = await setupHubspot();
    expect(await s.client().getTask('99999999999')).toBeNull();
    expect(s.api().map((r) => r.status)).toEqual([404]);
  });
});

describe('the raw search and list calls', () => {
  it('searchTasks returns one parsed page with total and the next cursor', async () => {
    s = await setupHubspot({ data: { tasks: 30 } });
    const open = await s.client().searchTasks({
      filterGroups: [{ filters: [{ propertyName: 'hs_task_status', operator: 'NEQ', value: 'COMPLETED' }] }],
      properties: ['hs_task_subject', 'hs_task_status'],
      limit: 5,
    });
    const expected = (s.sim.control.tasks() as { properties: { hs_task_status: string } }[]).filter((t) => t.properties.hs_task_status !== 'COMPLETED');
    expect(open.total).toBe(expected.length);
    expect(open.records).toHaveLength(5);
    expect(open.nextAfter).toBe('5');
    expect(open.records.every((r) => r.status !== 'COMPLETED' && r.subject !== null)).toBe(true);
  });

  it('tasks() pages through GET with cursors, and owners() lists owners', async () => {
    s = await setupHubspot({ data: { tasks: 30, archivedTasks: 2 } });
    const client = s.client();
    const { pages, records } = await drain(client.tasks({ pageLimit: 12 }));
    expect(pages.map((p) => p.records.length)).toEqual([12, 12, 6]);
    expect(records.map((r) => r.id)).toEqual((s.sim.control.tasks() as { id: string }[]).map((t) => t.id));
    expect((await drain(client.tasks({ archived: true }))).records).toHaveLength(2);
    expect((await drain(client.owners())).records.map((o) => o.email)).toEqual((s.sim.control.owners() as { email: string }[]).map((o) => o.email));
  });
});
