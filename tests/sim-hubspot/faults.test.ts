// Fault injection (each kind, recorded in the request log) and the search indexing lag.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubspotSimulator } from './index';
import { startHubspotSimulator } from './index';
import { hs, search } from './test-helpers';

const T0 = Date.parse('2024-06-03T09:00:00.000Z');
let sim: HubspotSimulator;
let token: string;

beforeEach(async () => {
  sim = await startHubspotSimulator({ seed: 9, data: { tasks: 12 }, clock: () => T0, limits: { searchPerSecond: 1000 } });
  token = sim.control.createPrivateApp().token;
});
afterEach(async () => {
  await sim.close();
});

const owners = () => hs(sim, token, '/crm/v3/owners');

describe('status faults', () => {
  it('answers 429 in each policy form on the Nth matching request', async () => {
    sim.control.injectFaults(
      { kind: 'rate_limit', path: '/owners$', nth: 1, policy: 'DAILY' },
      { kind: 'rate_limit', path: '/owners$', nth: 2 },
      { kind: 'rate_limit', path: '/search$', nth: 1, policy: 'SECONDLY' },
    );
    expect((await owners()).json).toMatchObject({ policyName: 'DAILY', message: 'You have reached your daily limit.' });
    expect((await owners()).json).toMatchObject({ policyName: 'TEN_SECONDLY_ROLLING' });
    const secondly = await search(sim, token, {});
    expect(secondly.json.policyName).toBeUndefined();
    expect(secondly.json.message).toBe('You have reached your secondly limit.');
    expect((await owners()).status).toBe(200);
    expect(sim.requests.map((e) => e.category ?? null)).toEqual(['RATE_LIMITS:DAILY', 'RATE_LIMITS:TEN_SECONDLY_ROLLING', 'RATE_LIMITS:SECONDLY', null]);
  });

  it('answers 500 and 503 as JSON and 502/504 as gateway HTML', async () => {
    sim.control.injectFaults({ kind: 'server_error', nth: 1 }, { kind: 'unavailable', nth: 2 }, { kind: 'server_error', status: 502, nth: 3 }, { kind: 'server_error', status: 504, nth: 4 });
    const [a, b, c, d] = [await owners(), await owners(), await owners(), await owners()];
    expect([a.status, b.status, c.status, d.status]).toEqual([500, 503, 502, 504]);
    expect(a.json).toMatchObject({ status: 'error', category: 'INTERNAL_ERROR', correlationId: a.headers.get('x-hubspot-correlation-id') });
    expect(b.json.message).toBe('Service Unavailable');
    expect(c.headers.get('content-type')).toBe('text/html');
    expect(c.text).toContain('502 Bad Gateway');
    expect(d.text).toContain('504 Gateway Timeout');
    expect(sim.control.listFaults().map((f) => f.fired)).toEqual([1, 1, 1, 1]);
  });

  it('honours method, times and clearFaults', async () => {
    sim.control.injectFaults({ kind: 'server_error', path: '/search$', method: 'POST', times: 1 });
    expect((await owners()).status).toBe(200);
    expect((await search(sim, token, {})).status).toBe(500);
    expect((await search(sim, token, {})).status).toBe(200);
    sim.control.injectFaults({ kind: 'server_error' });
    sim.control.clearFaults();
    expect((await owners()).status).toBe(200);
  });
});

describe('transport faults', () => {
  it('delays a slow answer, resets a connection, and cuts a JSON body', async () => {
    sim.control.injectFaults({ kind: 'slow', nth: 1, delayMs: 150 }, { kind: 'reset', nth: 2 }, { kind: 'malformed_json', nth: 3 });
    // Slow, then reset, then cut: a client waiting out the slow answer still gets it whole.
    expect((await owners()).status).toBe(200);
    await expect(owners()).rejects.toThrow();
    const cut = await owners();
    expect(cut.status).toBe(200);
    expect(cut.json).toBeNull();
    expect(() => JSON.parse(cut.text) as unknown).toThrow(SyntaxError);
    expect(sim.requests.map((e) => e.fault?.kind)).toEqual(['slow', 'reset', 'malformed_json']);
    expect(sim.requests[1]!.status).toBe(0);
  });

  it('spoils records, nested fields included, and logs their ids', async () => {
    sim.control.injectFaults(
      { kind: 'bad_records', path: '/search$', nth: 1, count: 2, field: 'properties.hs_lastmodifieddate' },
      { kind: 'bad_records', path: '/search$', nth: 2, mode: 'missing_field', field: 'id' },
    );
    const a = await search(sim, token, { limit: 5 });
    expect(a.json.results.slice(0, 2).map((t: { properties: Record<string, unknown> }) => t.properties.hs_lastmodifieddate)).toEqual(['not-a-valid-value', 'not-a-valid-value']);
    expect(a.json.results[2].properties.hs_lastmodifieddate).toMatch(/Z$/);
    expect(sim.requests[0]!.fault?.recordIds).toEqual(a.json.results.slice(0, 2).map((t: { id: string }) => t.id));
    const b = await search(sim, token, { limit: 5 });
    expect(b.json.results[0].id).toBeUndefined();
  });
});

describe('indexing lag', () => {
  it('keeps a change out of search until the lag passes, while GET shows it at once', async () => {
    sim.control.setIndexLag(30_000);
    const [first] = sim.control.tasks();
    const id = first!.id as string;
    sim.control.advanceClock(1000);
    sim.control.updateTask(id, { hs_task_subject: 'Renamed' });
    const created = sim.control.createTask({ hs_task_subject: 'Brand new' });
    const bySubject = async (): Promise<Record<string, string>> => {
      const r = await search(sim, token, { limit: 200, properties: ['hs_task_subject'] });
      return Object.fromEntries(r.json.results.map((t: { id: string; properties: { hs_task_subject: string } }) => [t.id, t.properties.hs_task_subject]));
    };
    let seen = await bySubject();
    expect(seen[id]).toBe((first!.properties as Record<string, string>).hs_task_subject); // the old version
    expect(seen[created.id as string]).toBeUndefined(); // not indexed yet
    expect((await hs(sim, token, `/crm/v3/objects/tasks/${id}`, { query: { properties: 'hs_task_subject' } })).json.properties.hs_task_subject).toBe('Renamed');
    sim.control.advanceClock(30_000);
    seen = await bySubject();
    expect(seen[id]).toBe('Renamed');
    expect(seen[created.id as string]).toBe('Brand new');
  });

  it('takes a per-change lag, and archiving disappears from search after it', async () => {
    const [a, b] = sim.control.tasks();
    sim.control.updateTask(a!.id as string, { hs_task_status: 'COMPLETED' }, { indexLagMs: 5000 });
    sim.control.archiveTask(b!.id as string, { indexLagMs: 5000 });
    expect(sim.control.searchableTaskIds()).toContain(b!.id);
    sim.control.advanceClock(5000);
    expect(sim.control.searchableTaskIds()).not.toContain(b!.id);
    const done = await search(sim, token, { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'EQ', value: a!.id }] }], properties: ['hs_task_status', 'hs_task_completion_date'] });
    expect(done.json.results[0].properties).toMatchObject({ hs_task_status: 'COMPLETED', hs_task_completion_date: new Date(T0).toISOString() });
  });
});
