import { afterEach, beforeEach, expect, it } from 'vitest';
import type { HubspotSimulator } from '../../../sim-hubspot/index';
import { startHubspotSimulator } from '../../../sim-hubspot/index';
import type { CliHarness } from './helpers';
import { setupCli } from './helpers';

let cli: CliHarness;
let hs: HubspotSimulator;
beforeEach(async () => {
  cli = await setupCli();
  hs = await startHubspotSimulator({ seed: 4 });
});
afterEach(async () => {
  await hs.close();
  await cli.close();
});

it('auth hubspot-token signs in from stdin and items --json lists the HubSpot tasks with provider "hubspot"', async () => {
  const { token } = hs.control.createPrivateApp();
  const env = { ...cli.env, STINT_HUBSPOT_API_URL: hs.baseUrl };
  const signIn = await cli.run(['auth', 'hubspot-token', '--json'], { stdin: `${token}\n`, env });
  expect(signIn.err).toBe('');
  expect(signIn.code).toBe(0);
  const me = String(hs.control.state.me.id);
  expect(JSON.parse(signIn.out)).toMatchObject({ provider: 'hubspot', ownerId: me, sync: 'ok' });
  expect(cli.secrets.written).toContain(JSON.stringify({ v: 1, kind: 'private_app', token }));

  const items = await cli.run(['items', '--json'], { env });
  expect(items.code).toBe(0);
  const rows = JSON.parse(items.out) as { provider: string; externalId: string; assigneeIds: string[] }[];
  const mine = hs.control.tasks({ ownerId: me }).map((t) => String((t as { id: string }).id)).sort();
  expect(rows.filter((r) => r.provider === 'hubspot').map((r) => r.externalId).sort()).toEqual(mine);
  expect(mine.length).toBeGreaterThan(0);
});

it('auth hubspot-token with a rejected token exits non-zero and saves nothing', async () => {
  const { token } = hs.control.createPrivateApp();
  hs.control.revoke(token);
  const r = await cli.run(['auth', 'hubspot-token'], { stdin: token, env: { ...cli.env, STINT_HUBSPOT_API_URL: hs.baseUrl } });
  expect(r.code).not.toBe(0);
  expect(r.err).toMatch(/HubSpot rejected/);
  expect(cli.secrets.written).toEqual([]);
});

it('sync --once --json runs the HubSpot account (records.hubspot_tasks) and status --json lists it with its stream', async () => {
  const { token } = hs.control.createPrivateApp();
  const env = { ...cli.env, STINT_HUBSPOT_API_URL: hs.baseUrl };
  expect((await cli.run(['auth', 'hubspot-token'], { stdin: token, env })).code).toBe(0);
  const me = String(hs.control.state.me.id);
  const created = hs.control.createTask({ hs_task_subject: 'Call back', hubspot_owner_id: me });
  hs.control.setIndexLag(0);
  const r = await cli.run(['sync', '--once', '--json'], { env });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.out) as { records: Record<string, number>; skipped: Record<string, number> };
  expect(out.records.hubspot_tasks).toBeGreaterThanOrEqual(1);
  expect(out.skipped).toHaveProperty('hubspot_tasks', 0);
  const items = JSON.parse((await cli.run(['items', '--json'], { env })).out) as { provider: string; externalId: string }[];
  expect(items.some((i) => i.provider === 'hubspot' && i.externalId === String(created.id))).toBe(true);

  const status = await cli.run(['status', '--json'], { env });
  expect(status.code).toBe(0);
  const { accounts } = JSON.parse(status.out) as { accounts: { provider: string; organizations: number[]; streams: { stream: string; lastSuccessAt: string | null }[] }[] };
  expect(accounts).toEqual([expect.objectContaining({ provider: 'hubspot', organizations: [hs.control.state.portal.hubId] })]);
  expect(accounts[0]!.streams).toEqual([expect.objectContaining({ stream: 'hubspot_tasks', lastSuccessAt: expect.any(String) })]);
  const text = await cli.run(['status'], { env });
  expect(text.out).toContain(`HubSpot owner ${me}`);
});

it('sync --once with a revoked private app token exits 3 and says why; the account needs reconnecting', async () => {
  const { token } = hs.control.createPrivateApp();
  const env = { ...cli.env, STINT_HUBSPOT_API_URL: hs.baseUrl };
  expect((await cli.run(['auth', 'hubspot-token'], { stdin: token, env })).code).toBe(0);
  hs.control.revoke(token);
  const r = await cli.run(['sync', '--once'], { env });
  expect(r.code).toBe(3);
  expect(r.err).toMatch(/^stint: hubspot:\S+: HubSpot rejected the private app token\. Update your HubSpot token.* run `stint auth hubspot-token` again\.\n$/);
  const { accounts } = JSON.parse((await cli.run(['accounts', '--json'], { env })).out) as { accounts: { provider: string; status: string }[] };
  expect(accounts).toEqual([expect.objectContaining({ provider: 'hubspot', status: 'needs_reconnect' })]);
});
