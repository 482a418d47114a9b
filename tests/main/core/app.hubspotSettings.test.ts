// HubSpot reconnect and settings through the IPC contract, as the Settings page calls them,
// against the HubSpot simulator: main validates every input (strict patch, the two credential
// kinds) before anything runs, answers with the account view, and sends no token back.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/core/app';
import { MemorySecretStore } from '../../../src/main/core/secrets';
import { DEFAULT_CLIENT, startHubspotSimulator, type HubspotSimulator } from '../../sim-hubspot/index';
import { tempDir } from '../../helpers/temp';

describe('HubSpot reconnect and lookback over IPC', () => {
  let sim: HubspotSimulator | undefined;
  let app: App | undefined;
  afterEach(async () => {
    app?.close();
    await sim?.close();
  });

  /** A signed-in private app account, and everything main sent from then on. */
  const open = async () => {
    sim = await startHubspotSimulator({ seed: 7 });
    app = createApp({ dataDir: tempDir(), secrets: new MemorySecretStore(), env: { STINT_HUBSPOT_API_URL: sim.baseUrl } });
    const { token } = sim.control.createPrivateApp();
    const signIn = await app.dispatch('accounts.signInHubspotPrivateApp', { token });
    if (!signIn.ok) throw new Error(signIn.error.message);
    const id = (signIn.value as { id: string }).id;
    const sent: unknown[] = [];
    app.events.onAny((name, payload) => sent.push({ name, payload }));
    return { app, sim, id, token, sent };
  };
  /** Syncs now; the modification time the run's first search starts from (epoch ms). */
  const firstSearchFrom = async (app: App, sim: HubspotSimulator): Promise<number> => {
    sim.control.clearRequestLog();
    await app.sync.syncNow();
    const search = sim.control.requests().find((r) => r.path === '/crm/v3/objects/tasks/search')!;
    const filters = (search.body as { filterGroups: { filters: { propertyName: string; operator: string; value: string }[] }[] }).filterGroups[0]!.filters;
    return Number(filters.find((f) => f.propertyName === 'hs_lastmodifieddate' && f.operator === 'GTE')!.value);
  };
  const lookback = async (a: App, id: string) => {
    const list = await a.dispatch('accounts.listHubspot', undefined);
    return list.ok ? (list.value as { id: string; lookbackMinutes: number }[]).find((x) => x.id === id)?.lookbackMinutes : undefined;
  };

  it('lists the lookback window and start date, and updates the lookback with a strict patch', async () => {
    const { app, id, sent } = await open();
    expect(await app.dispatch('accounts.listHubspot', undefined)).toMatchObject({ ok: true, value: [{ id, lookbackMinutes: 10, startDate: null }] });

    const r = await app.dispatch('accounts.updateHubspotSettings', { accountId: id, patch: { lookbackMinutes: 90 } });
    expect(r).toMatchObject({ ok: true, value: { id, lookbackMinutes: 90 } });
    expect(await lookback(app, id)).toBe(90);
    expect(sent).toContainEqual({ name: 'accounts.hubspotChanged', payload: expect.objectContaining({ id, lookbackMinutes: 90 }) });
    // An empty patch changes nothing and answers the account.
    expect(await app.dispatch('accounts.updateHubspotSettings', { accountId: id, patch: {} })).toMatchObject({ ok: true, value: { lookbackMinutes: 90 } });
    expect(await app.dispatch('accounts.updateHubspotSettings', { accountId: id, patch: { lookbackMinutes: 0 } })).toMatchObject({ ok: true, value: { lookbackMinutes: 0 } });
    expect(await app.dispatch('accounts.updateHubspotSettings', { accountId: id, patch: { lookbackMinutes: 1440 } })).toMatchObject({ ok: true, value: { lookbackMinutes: 1440 } });
  });

  it('the next sync reads the new lookback window: its search starts that much earlier', async () => {
    const { app, sim, id } = await open();
    const searchFrom = () => firstSearchFrom(app, sim);
    await searchFrom(); // the first sync reads from the start date and sets the cursor
    const withTen = await searchFrom();
    expect(await app.dispatch('accounts.updateHubspotSettings', { accountId: id, patch: { lookbackMinutes: 90 } })).toMatchObject({ ok: true });
    const withNinety = await searchFrom();
    expect(withTen - withNinety).toBe(80 * 60_000);
  });

  it('a start date patch makes the next sync search from that day; null goes back to HubSpot’s start; a bad one is refused', async () => {
    const { app, sim, id } = await open();
    const searchFrom = () => firstSearchFrom(app, sim);
    await searchFrom();
    expect(await searchFrom()).toBeGreaterThan(Date.parse('2020-01-01T00:00:00Z')); // incremental
    expect(await app.dispatch('accounts.updateHubspotSettings', { accountId: id, patch: { startDate: '2020-01-01' } })).toMatchObject({ ok: true, value: { id, startDate: '2020-01-01' } });
    expect(await searchFrom()).toBe(Date.parse('2020-01-01T00:00:00Z'));
    expect(await app.dispatch('accounts.updateHubspotSettings', { accountId: id, patch: { startDate: null } })).toMatchObject({ ok: true, value: { startDate: null } });
    expect(await searchFrom()).toBe(Date.parse('2006-06-01T00:00:00Z'));
    for (const startDate of ['2020-13-01', '2020-1-1', 20200101, '2006-05-31']) {
      expect(await app.dispatch('accounts.updateHubspotSettings', { accountId: id, patch: { startDate } }), String(startDate)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    }
    expect(await app.dispatch('accounts.listHubspot', undefined)).toMatchObject({ ok: true, value: [{ id, startDate: null }] });
  });

  it('refuses a bad lookback patch with invalid_argument and keeps the old value', async () => {
    const { app, id } = await open();
    const bad: unknown[] = [
      { accountId: id, patch: { lookbackMinutes: 1441 } },
      { accountId: id, patch: { lookbackMinutes: -1 } },
      { accountId: id, patch: { lookbackMinutes: 2.5 } },
      { accountId: id, patch: { lookbackMinutes: '30' } },
      { accountId: id, patch: { lookbackMinutes: null } },
      { accountId: id, patch: { lookbackMinutes: 30, portalId: '1' } },
      { accountId: id, patch: { refreshWindowDays: 3 } },
      { accountId: id },
      { accountId: '', patch: { lookbackMinutes: 30 } },
    ];
    for (const input of bad) {
      expect(await app.dispatch('accounts.updateHubspotSettings', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    }
    expect(await app.dispatch('accounts.updateHubspotSettings', { accountId: 'hubspot:1:2', patch: { lookbackMinutes: 30 } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await lookback(app, id)).toBe(10);
  });

  it('reconnects in place with a new private app token, or an OAuth app, and sends no secret back', async () => {
    const { app, sim, id, token, sent } = await open();
    sim.control.revoke(token);
    await app.sync.syncNow();
    expect(await app.dispatch('accounts.listHubspot', undefined)).toMatchObject({ ok: true, value: [{ id, status: 'needs_reconnect', statusMessage: expect.stringMatching(/HubSpot/) }] });

    const fresh = sim.control.createPrivateApp().token;
    const r = await app.dispatch('accounts.reconnectHubspot', { accountId: id, method: { kind: 'private_app', token: fresh, email: 'ME@stint.example' } });
    expect(r).toMatchObject({ ok: true, value: { id, status: 'connected', statusMessage: null, authKind: 'private_app' } });
    sent.push(r);
    expect(sent).toContainEqual({ name: 'accounts.hubspotChanged', payload: expect.objectContaining({ id, status: 'connected' }) });

    const { refresh_token } = sim.control.issueOAuthTokens();
    const o = await app.dispatch('accounts.reconnectHubspot', { accountId: id, method: { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token } });
    expect(o).toMatchObject({ ok: true, value: { id, status: 'connected', authKind: 'oauth' } });
    sent.push(o);
    const payloads = JSON.stringify(sent);
    for (const secret of [token, fresh, refresh_token, DEFAULT_CLIENT.clientSecret]) expect(payloads).not.toContain(secret);
  });

  it('validates the reconnect input before calling HubSpot, and answers a mismatch with conflict', async () => {
    const { app, sim, id } = await open();
    const good = sim.control.createPrivateApp().token;
    const bad: unknown[] = [
      { accountId: id, method: { token: good } },
      { accountId: id, method: { kind: 'personal', token: good } },
      { accountId: id, method: { kind: 'private_app', token: '   ' } },
      { accountId: id, method: { kind: 'private_app', token: good, email: 'not an email' } },
      { accountId: id, method: { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: '', refreshToken: 'x' } },
      { accountId: id, method: { kind: 'oauth', clientId: DEFAULT_CLIENT.clientId, clientSecret: 'y' } },
      { accountId: id },
      { method: { kind: 'private_app', token: good } },
    ];
    sim.control.clearRequestLog();
    for (const input of bad) {
      expect(await app.dispatch('accounts.reconnectHubspot', input), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    }
    expect(sim.control.requests()).toEqual([]);

    const other = sim.control.state.owners.find((o) => o.id !== sim!.control.state.me.id)!;
    const theirs = sim.control.createPrivateApp({ userId: other.userId }).token;
    expect(await app.dispatch('accounts.reconnectHubspot', { accountId: id, method: { kind: 'private_app', token: theirs } })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: ['owner'] },
    });
    expect(await app.dispatch('accounts.reconnectHubspot', { accountId: 'hubspot:1:2', method: { kind: 'private_app', token: good } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
