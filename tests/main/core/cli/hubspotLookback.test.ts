// `stint hubspot lookback [MINUTES]` against a data directory signed in to the HubSpot
// simulator: shows and sets the lookback window, which the next process reads back; bad usage
// exits 2 and changes nothing; no HubSpot account exits 3.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubspotSimulator } from '../../../sim-hubspot/index';
import { startHubspotSimulator } from '../../../sim-hubspot/index';
import type { CliHarness } from './helpers';
import { setupCli } from './helpers';

let cli: CliHarness;
let hs: HubspotSimulator;
let env: Record<string, string>;
beforeEach(async () => {
  cli = await setupCli();
  hs = await startHubspotSimulator({ seed: 9 });
  env = { ...cli.env, STINT_HUBSPOT_API_URL: hs.baseUrl };
});
afterEach(async () => {
  await hs.close();
  await cli.close();
});

const run = (argv: string[]) => cli.run(argv, { env });
async function signIn(email?: string): Promise<{ ownerId: string; portalId: string }> {
  const { token } = hs.control.createPrivateApp();
  const r = await cli.run(['auth', 'hubspot-token', '--json', ...(email ? ['--email', email] : [])], { stdin: token, env });
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as { ownerId: string; portalId: string };
}
async function shown(): Promise<{ ownerId: string; lookbackMinutes: number }[]> {
  const r = await run(['hubspot', 'lookback', '--json']);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as { ownerId: string; lookbackMinutes: number }[];
}

describe('stint hubspot lookback', () => {
  it('shows the window, sets it, and the next run reads it back', async () => {
    const { ownerId, portalId } = await signIn();
    const show = await run(['hubspot', 'lookback']);
    expect(show).toMatchObject({ code: 0, err: '' });
    expect(show.out).toMatch(new RegExp(`owner ${ownerId}, portal ${portalId}\\) is 10 minutes\\.`));
    expect(await shown()).toEqual([{ accountId: `hubspot:${portalId}:${ownerId}`, ownerId, portalId, lookbackMinutes: 10 }]);

    const set = await run(['hubspot', 'lookback', '45']);
    expect(set).toMatchObject({ code: 0, err: '' });
    expect(set.out).toMatch(/is now 45 minutes\./);
    expect(await shown()).toEqual([expect.objectContaining({ ownerId, lookbackMinutes: 45 })]);

    const json = await run(['hubspot', 'lookback', '1', '--json', '--account', ownerId]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ accountId: `hubspot:${portalId}:${ownerId}`, ownerId, portalId, lookbackMinutes: 1 });
    expect((await run(['hubspot', 'lookback'])).out).toMatch(/is 1 minute\./);
    expect((await run(['hubspot', 'lookback', '0'])).code).toBe(0);
    expect((await run(['hubspot', 'lookback', '1440'])).code).toBe(0);
    expect(await shown()).toEqual([expect.objectContaining({ lookbackMinutes: 1440 })]);
  });

  it('bad usage exits 2 with the reason and leaves the window as it was', async () => {
    await signIn();
    expect((await run(['hubspot', 'lookback', '30'])).code).toBe(0);
    const cases: [string[], RegExp][] = [
      [['hubspot', 'lookback', 'abc'], /whole number of minutes from 0 to 1440/],
      [['hubspot', 'lookback', '1441'], /from 0 to 1440 \(got "1441"\)/],
      [['hubspot', 'lookback', '2.5'], /whole number/],
      [['hubspot', 'lookback', '1e3'], /whole number/],
      [['hubspot', 'lookback', ''], /whole number/],
      [['hubspot', 'lookback', '-5'], /Unknown option/],
      [['hubspot', 'lookback', '30', '40'], /Unexpected argument: 40/],
      [['hubspot', 'lookback', '30', '--days'], /Unknown option/],
      [['hubspot', 'lookback', '30', '--account', '999'], /No HubSpot account 999/],
      [['hubspot'], /Missing hubspot command/],
      [['hubspot', 'lookahead', '30'], /Unknown hubspot command "lookahead"/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.out).toBe('');
    }
    expect(await shown()).toEqual([expect.objectContaining({ lookbackMinutes: 30 })]);
  });

  it('with several HubSpot accounts, --account picks one by owner id', async () => {
    const first = await signIn();
    const other = hs.control.state.owners.find((o) => o.id !== first.ownerId)!;
    const second = await signIn(other.email);
    expect(second.ownerId).toBe(other.id);

    const ambiguous = await run(['hubspot', 'lookback', '20']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(/Several HubSpot accounts.*--account/);
    expect((await run(['hubspot', 'lookback', '20', '--account', second.ownerId])).code).toBe(0);
    expect((await shown()).map((a) => [a.ownerId, a.lookbackMinutes])).toEqual([
      [first.ownerId, 10],
      [second.ownerId, 20],
    ]);
    // Showing one account by its id.
    const one = await run(['hubspot', 'lookback', '--account', `hubspot:${second.portalId}:${second.ownerId}`]);
    expect(one.out.trim().split('\n')).toEqual([expect.stringMatching(/is 20 minutes\./)]);
  });

  it('without a HubSpot account it exits 3 and says how to sign in', async () => {
    for (const argv of [
      ['hubspot', 'lookback'],
      ['hubspot', 'lookback', '30'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/stint auth hubspot-token/);
    }
  });

  it('is in the usage text', async () => {
    const help = await run(['--help']);
    expect(help.out).toContain('stint hubspot lookback [MINUTES]');
  });
});

describe('stint hubspot start-date', () => {
  const startOf = async (): Promise<(string | null)[]> => {
    const r = await run(['hubspot', 'start-date', '--json']);
    expect(r.code, r.err).toBe(0);
    return (JSON.parse(r.out) as { startDate: string | null }[]).map((a) => a.startDate);
  };

  it('shows the first day read, sets it (the next sync reads again from it), and "default" goes back to HubSpot’s start', async () => {
    const { ownerId, portalId } = await signIn();
    expect((await run(['hubspot', 'start-date'])).out).toMatch(/reads tasks changed since the start \(2006-06-01\)\./);
    expect(await startOf()).toEqual([null]);

    const set = await run(['hubspot', 'start-date', '2024-01-15', '--json']);
    expect(set.code, set.err).toBe(0);
    expect(JSON.parse(set.out)).toEqual({ accountId: `hubspot:${portalId}:${ownerId}`, ownerId, portalId, startDate: '2024-01-15' });
    expect((await run(['hubspot', 'start-date'])).out).toMatch(/reads tasks changed since 2024-01-15\./);
    // The sync reads the tasks changed since that day (the stored cursor names the old start).
    const synced = await run(['sync', '--once', '--json']);
    expect(synced.code, synced.err).toBe(0);
    const mine = hs.control.tasks({ ownerId }).filter((t) => String((t as { updatedAt: string }).updatedAt) >= '2024-01-15');
    expect((JSON.parse(synced.out) as { records: { hubspot_tasks: number } }).records.hubspot_tasks).toBe(mine.length);

    expect((await run(['hubspot', 'start-date', 'default'])).out).toMatch(/now reads tasks changed since the start/);
    expect(await startOf()).toEqual([null]);
  });

  it('bad usage exits 2 and changes nothing', async () => {
    await signIn();
    expect((await run(['hubspot', 'start-date', '2024-01-15'])).code).toBe(0);
    for (const [argv, message] of [
      [['hubspot', 'start-date', '15/01/2024'], /YYYY-MM-DD or "default"/],
      [['hubspot', 'start-date', '2024-02-30'], /from 2006-06-01 to today/],
      [['hubspot', 'start-date', '2006-05-31'], /from 2006-06-01 to today/],
      [['hubspot', 'start-date', '2999-01-01'], /from 2006-06-01 to today/],
      [['hubspot', 'start-date', '2024-01-15', 'x'], /Unexpected argument/],
    ] as [string[], RegExp][]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
    }
    expect(await startOf()).toEqual(['2024-01-15']);
  });
});
