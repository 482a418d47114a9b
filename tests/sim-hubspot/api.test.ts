// Tasks and owners GETs, account details, token metadata, the error envelopes with their
// correlation ids, and the control API over HTTP.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubspotSimulator } from './index';
import { DEFAULT_SCOPES, TASK_ID_BASE, startHubspotSimulator } from './index';
import { hs, search } from './test-helpers';

const T0 = Date.parse('2024-06-03T09:00:00.000Z');
let sim: HubspotSimulator;
let token: string;

beforeEach(async () => {
  sim = await startHubspotSimulator({ seed: 8, data: { tasks: 25, archivedTasks: 2 }, clock: () => T0 });
  token = sim.control.createPrivateApp().token;
});
afterEach(async () => {
  await sim.close();
});

describe('GET /crm/v3/objects/tasks', () => {
  it('lists live tasks by id with `after` cursors and a link, and no paging on the last page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const r = await hs(sim, token, '/crm/v3/objects/tasks', { query: { limit: '10', ...(after ? { after } : {}), properties: 'hs_task_subject,hs_task_status' } });
      expect(r.status).toBe(200);
      expect(r.json.total).toBeUndefined();
      for (const t of r.json.results) expect(Object.keys(t.properties)).toEqual(expect.arrayContaining(['hs_task_subject', 'hs_task_status', 'hs_object_id']));
      seen.push(...r.json.results.map((t: { id: string }) => t.id));
      after = r.json.paging?.next?.after;
      if (after) expect(r.json.paging.next.link).toBe(`${sim.baseUrl}/crm/v3/objects/tasks?limit=10&after=${after}`);
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(sim.control.tasks().map((t) => t.id));
    expect(new Set(seen).size).toBe(25);
  });

  it('takes repeated `properties`, lists archived ones with archived=true, and caps limit at 100', async () => {
    const r = await hs(sim, token, '/crm/v3/objects/tasks', { query: { properties: ['hs_task_body', 'hubspot_owner_id'], limit: '100' } });
    expect(Object.keys(r.json.results[0].properties).sort()).toEqual(['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_task_body', 'hubspot_owner_id']);
    const archived = await hs(sim, token, '/crm/v3/objects/tasks', { query: { archived: 'true' } });
    expect(archived.json.results).toHaveLength(2);
    expect(archived.json.results.every((t: { archived: boolean; archivedAt: string }) => t.archived && typeof t.archivedAt === 'string')).toBe(true);
    expect((await hs(sim, token, '/crm/v3/objects/tasks', { query: { limit: '101' } })).status).toBe(400);
  });

  it('gets one task, and 404s an unknown or archived one', async () => {
    const id = sim.control.tasks()[4]!.id as string;
    const r = await hs(sim, token, `/crm/v3/objects/tasks/${id}`, { query: { properties: 'hs_task_status' } });
    expect(r.json).toMatchObject({ id, archived: false, properties: { hs_object_id: id, hs_task_status: expect.any(String) } });
    const missing = await hs(sim, token, `/crm/v3/objects/tasks/${TASK_ID_BASE + 999}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ status: 'error', message: 'resource not found', correlationId: missing.headers.get('x-hubspot-correlation-id'), category: 'OBJECT_NOT_FOUND' });
    const archivedId = sim.control.tasks({ includeArchived: true }).find((t) => t.archived)!.id as string;
    expect((await hs(sim, token, `/crm/v3/objects/tasks/${archivedId}`)).status).toBe(404);
    expect((await hs(sim, token, `/crm/v3/objects/tasks/${archivedId}`, { query: { archived: 'true' } })).status).toBe(200);
  });
});

describe('owners, account, token metadata', () => {
  it('finds owners by email (case-insensitively) and by user id', async () => {
    const me = sim.control.me();
    const byEmail = await hs(sim, token, '/crm/v3/owners', { query: { email: 'ME@stint.example' } });
    expect(byEmail.json.results).toEqual([me]);
    expect(me).toMatchObject({ email: 'me@stint.example', userId: expect.any(Number), id: expect.stringMatching(/^\d+$/) });
    const byUser = await hs(sim, token, `/crm/v3/owners/${String(me.userId)}`, { query: { idProperty: 'userId' } });
    expect(byUser.json).toEqual(me);
    expect((await hs(sim, token, `/crm/v3/owners/${String(me.id)}`)).json).toEqual(me);
    expect((await hs(sim, token, '/crm/v3/owners')).json.results).toHaveLength(5);
    expect((await hs(sim, token, '/crm/v3/owners/1')).status).toBe(404);
  });

  it('tells the account time zone and offset', async () => {
    sim.control.setTimeZone('America/New_York');
    const r = await hs(sim, token, '/account-info/v3/details');
    expect(r.json).toMatchObject({ portalId: expect.any(Number), timeZone: 'America/New_York', utcOffset: '-04:00', utcOffsetMilliseconds: -4 * 3_600_000 });
  });

  it('describes an OAuth access token and its user; a private app token by its creator', async () => {
    const pair = sim.control.issueOAuthTokens();
    const info = await hs(sim, null, `/oauth/v1/access-tokens/${pair.access_token}`);
    expect(info.json).toMatchObject({ token: pair.access_token, user: 'me@stint.example', user_id: sim.control.me().userId, scopes: DEFAULT_SCOPES, expires_in: 1800, token_type: 'access' });
    expect((await hs(sim, null, '/oauth/v1/access-tokens/nope')).status).toBe(404);
    const priv = await hs(sim, null, '/oauth/v2/private-apps/get/access-token-info', { body: { tokenKey: token } });
    expect(priv.json).toMatchObject({ userId: sim.control.me().userId, scopes: DEFAULT_SCOPES });
  });
});

describe('error envelopes', () => {
  it('401 INVALID_AUTHENTICATION without a token, or with an unknown or revoked one', async () => {
    const none = await hs(sim, null, '/crm/v3/objects/tasks');
    const unknown = await hs(sim, 'pat-na1-00000000-0000-0000-0000-000000000000', '/crm/v3/objects/tasks');
    sim.control.revoke(token);
    const revoked = await search(sim, token, {});
    for (const r of [none, unknown, revoked]) {
      expect(r.status).toBe(401);
      expect(r.json).toEqual({
        status: 'error',
        message: expect.stringContaining('Authentication credentials not found'),
        correlationId: r.headers.get('x-hubspot-correlation-id'),
        category: 'INVALID_AUTHENTICATION',
      });
    }
    expect(sim.requests.map((e) => [e.auth, e.category])).toEqual([
      ['none', 'INVALID_AUTHENTICATION'],
      ['invalid', 'INVALID_AUTHENTICATION'],
      ['invalid', 'INVALID_AUTHENTICATION'],
    ]);
  });

  it('401 EXPIRED_AUTHENTICATION after 30 minutes, saying how long ago', async () => {
    const pair = sim.control.issueOAuthTokens();
    expect((await hs(sim, pair.access_token, '/crm/v3/objects/tasks')).status).toBe(200);
    sim.control.advanceClock(1800_000 + 75_000);
    const r = await hs(sim, pair.access_token, '/crm/v3/objects/tasks');
    expect(r.status).toBe(401);
    expect(r.json).toEqual({
      status: 'error',
      message: 'The OAuth token used to make this call expired 75 second(s) ago.',
      correlationId: r.headers.get('x-hubspot-correlation-id'),
      category: 'EXPIRED_AUTHENTICATION',
      context: { 'expire time': [new Date(T0 + 1800_000).toISOString()] },
    });
  });

  it('403 MISSING_SCOPES names the scope, per endpoint', async () => {
    sim.control.setScopes(token, ['crm.objects.owners.read']);
    const r = await search(sim, token, {});
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({
      status: 'error',
      category: 'MISSING_SCOPES',
      correlationId: r.headers.get('x-hubspot-correlation-id'),
      errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.read'] } }],
    });
    expect((await hs(sim, token, '/crm/v3/owners')).status).toBe(200);
    sim.control.setScopes(token, ['crm.objects.contacts.read']);
    const owners = await hs(sim, token, '/crm/v3/owners');
    expect(owners.json.errors[0].context.requiredGranularScopes).toEqual(['crm.objects.owners.read']);
  });

  it('answers every request with a fresh correlation id header', async () => {
    const a = await hs(sim, token, '/crm/v3/owners');
    const b = await hs(sim, token, '/crm/v3/owners');
    const ids = [a, b].map((r) => r.headers.get('x-hubspot-correlation-id'));
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(sim.requests.map((e) => e.correlationId)).toEqual(ids);
  });
});

describe('control over HTTP', () => {
  it('calls control methods with a JSON argument list and answers errors with 400', async () => {
    const post = async (name: string, args: unknown): Promise<{ status: number; json: { result?: unknown; error?: string } }> => {
      const r = await fetch(`${sim.baseUrl}/__control/${name}`, { method: 'POST', body: JSON.stringify(args) });
      return { status: r.status, json: (await r.json()) as { result?: unknown; error?: string } };
    };
    const created = await post('createTask', [{ hs_task_subject: 'Call Newman [30m]', hubspot_owner_id: sim.control.me().id }]);
    expect(created.status).toBe(200);
    expect(created.json.result).toMatchObject({ properties: { hs_task_subject: 'Call Newman [30m]', hs_task_status: 'NOT_STARTED', hs_lastmodifieddate: new Date(T0).toISOString() } });
    expect((await post('updateTask', ['1', { hs_task_status: 'COMPLETED' }])).json.error).toBe('unknown task 1');
    expect((await post('updateTask', [created.json.result && (created.json.result as { id: string }).id, { hs_task_status: 'DONE' }])).json.error).toMatch(/DONE is not one of/);
    expect((await post('createTask', [{ hs_task_status: 'NOT_STARTED' }])).json.error).toBe('hs_task_subject is required');
    expect((await post('state', [])).status).toBe(404);
    expect(sim.requests).toHaveLength(0); // control calls are not logged
  });
});
