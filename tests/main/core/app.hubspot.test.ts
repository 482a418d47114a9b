// HubSpot accounts through the IPC contract, as the Settings page uses them, against the
// HubSpot simulator: sign in (private app, OAuth), list, sign out; no token in what main sends.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/core/app';
import { MemorySecretStore } from '../../../src/main/core/secrets';
import { DEFAULT_CLIENT, startHubspotSimulator, type HubspotSimulator } from '../../sim-hubspot/index';
import { tempDir } from '../../helpers/temp';

describe('HubSpot accounts over IPC', () => {
  let sim: HubspotSimulator | undefined;
  let app: App | undefined;
  afterEach(async () => {
    app?.close();
    await sim?.close();
  });

  const open = async (): Promise<{ app: App; sim: HubspotSimulator; sent: unknown[] }> => {
    sim = await startHubspotSimulator({ seed: 5 });
    app = createApp({ dataDir: tempDir(), secrets: new MemorySecretStore(), env: { STINT_HUBSPOT_API_URL: sim.baseUrl } });
    const sent: unknown[] = [];
    app.events.onAny((name, payload) => sent.push({ name, payload }));
    return { app, sim, sent };
  };

  it('signs in with a private app token, lists the account, shows it in sync.status, and signs out with purge', async () => {
    const { app, sim, sent } = await open();
    const { token } = sim.control.createPrivateApp();
    const signIn = await app.dispatch('accounts.signInHubspotPrivateApp', { token: ` ${token}\n` });
    const me = String(sim.control.state.me.id);
    expect(signIn).toMatchObject({ ok: true, value: { provider: 'hubspot', authKind: 'private_app', ownerId: me, status: 'connected', portalId: String(sim.control.state.portal.hubId) } });
    if (!signIn.ok) return;
    const id = (signIn.value as { id: string }).id;
    sent.push(signIn);
    expect(sent.some((e) => (e as { name?: string }).name === 'accounts.hubspotChanged')).toBe(true);

    const list = await app.dispatch('accounts.listHubspot', undefined);
    expect(list).toMatchObject({ ok: true, value: [{ id, provider: 'hubspot' }] });
    sent.push(list);
    // The Hubstaff list is unchanged; the sync status shows both kinds without special cases.
    expect(await app.dispatch('accounts.list', undefined)).toEqual({ ok: true, value: [] });
    await app.sync.syncNow();
    const status = await app.dispatch('sync.status', undefined);
    expect(status).toMatchObject({ ok: true, value: { state: 'idle', accounts: [{ accountId: id, provider: 'hubspot' }], streams: [{ accountId: id, stream: 'hubspot_tasks' }] } });
    sent.push(status);

    const out = await app.dispatch('accounts.signOutHubspot', { accountId: id, purgeCache: true });
    expect(out).toEqual({ ok: true, value: null });
    expect(await app.dispatch('accounts.listHubspot', undefined)).toEqual({ ok: true, value: [] });
    expect(sent).toContainEqual({ name: 'accounts.removed', payload: { accountId: id } });
    expect(JSON.stringify(sent)).not.toContain(token);
  });

  it('signs in with OAuth (client id, secret, refresh token) and never sends a token back', async () => {
    const { app, sim, sent } = await open();
    const { refresh_token } = sim.control.issueOAuthTokens();
    const r = await app.dispatch('accounts.signInHubspotOAuth', { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret, refreshToken: refresh_token });
    expect(r).toMatchObject({ ok: true, value: { authKind: 'oauth', status: 'connected' } });
    sent.push(r);
    const payloads = JSON.stringify(sent);
    expect(payloads).not.toContain(refresh_token);
    expect(payloads).not.toContain(DEFAULT_CLIENT.clientSecret);
  });

  it('refuses bad input with a typed error and stores nothing', async () => {
    const { app, sim } = await open();
    expect(await app.dispatch('accounts.signInHubspotPrivateApp', { token: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const { token } = sim.control.createPrivateApp();
    expect(await app.dispatch('accounts.signInHubspotPrivateApp', { token, email: 'not an email' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    sim.control.revoke(token);
    expect(await app.dispatch('accounts.signInHubspotPrivateApp', { token })).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(await app.dispatch('accounts.signInHubspotOAuth', { clientId: 'x', clientSecret: '', refreshToken: 'y' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await app.dispatch('accounts.listHubspot', undefined)).toEqual({ ok: true, value: [] });
  });
});
