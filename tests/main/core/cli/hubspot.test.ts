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
