// Shared setup for sync tests: a temp data directory with the real core (SQLite, accounts,
// sync engine), the Hubstaff simulator over HTTP, tokens in a MemorySecretStore (so these tests
// run without a keychain), and one clock shared by the engine and the simulator, so a test can
// make a 15-minute cadence due without waiting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Instant, ManualClock } from '../../../../src/common/clock';
import { addDays } from '../../../../src/common/dates';
import { testClock } from '../../../helpers/clock';
import { createApp, type App, type AppOptions } from '../../../../src/main/core/app';
import type { AccountView, SyncSettings } from '../../../../src/main/core/auth/types';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import type { RequestLogEntry, SeedSpec, SimOptions, Simulator } from '../../../sim/index';
import { startSimulator } from '../../../sim/index';


export interface SyncHarness {
  dir: string;
  sim: Simulator;
  app: App;
  account: AccountView;
  secrets: MemorySecretStore;
  /** The clock of the core and the simulator: it stands at the test instant until a test moves it. */
  clock: ManualClock;
  /** The organizations "me" owns in the simulator. */
  myOrgs: number[];
  /** UTC date `days` from the clock's today. */
  day(days: number): string;
  /** API requests the simulator saw (control and account-server calls excluded). */
  api(): RequestLogEntry[];
  /** Rows of a table as the test wants them (a SELECT). */
  rows<T = Record<string, unknown>>(sql: string, ...args: unknown[]): T[];
  close(): Promise<void>;
}

export interface SyncHarnessOptions {
  seed?: number;
  data?: SeedSpec;
  sim?: SimOptions;
  /** Organizations to select: default every org "me" owns. */
  orgs?: (myOrgs: number[], sim: Simulator) => number[];
  settings?: Partial<SyncSettings>;
  app?: Partial<AppOptions>;
  /** The instant the test starts at (default: the shared test instant, tests/helpers/clock.ts). */
  at?: Instant;
  /** Where the core reaches Hubstaff (default: the simulator itself; tests put a proxy in between). */
  network?: (sim: Simulator) => Promise<{ apiUrl: string; accountUrl: string }>;
}

const DAY_MS = 86_400_000;

/**
 * A small org with activities over the last two weeks (UTC), none later than an hour ago, on
 * every day of the week: a test then finds activity in the last day or two whatever weekday its
 * instant falls on (`weekends: false` for weekdays only).
 */
export function recentData(now: number, over: SeedSpec = {}, opts: { weekends?: boolean } = {}): SeedSpec {
  const today = new Date(now).toISOString().slice(0, 10);
  return {
    membersPerOrg: 3,
    foreignOrganizations: 1,
    activities: { from: addDays(today, -13), to: addDays(today, -1), density: 0.3, notAfter: new Date(now - 3_600_000).toISOString(), weekends: opts.weekends ?? true },
    ...over,
  };
}

export async function setupSync(opts: SyncHarnessOptions = {}): Promise<SyncHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'stint-sync-'));
  const clock = testClock(opts.at);
  const sim = await startSimulator({
    seed: opts.seed ?? 3,
    data: opts.data ?? recentData(clock.nowMs()),
    clock: clock.nowMs,
    accessTokenLifetimeSec: 60 * 86_400,
    ...opts.sim,
  });
  const secrets = new MemorySecretStore();
  const urls = opts.network ? await opts.network(sim) : { apiUrl: sim.apiUrl, accountUrl: sim.baseUrl };
  const app = createApp({
    dataDir: dir,
    secrets,
    env: { STINT_HUBSTAFF_API_URL: urls.apiUrl, STINT_HUBSTAFF_ACCOUNT_URL: urls.accountUrl },
    clock,
    ...opts.app,
    sync: {
      client: { sleep: async () => {}, random: () => 0.5, retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 4 } },
      ...opts.app?.sync,
    },
  });
  const myOrgs = sim.control.myOrganizationIds();
  let account = await app.accounts.signInWithPersonalToken(sim.control.issuePersonalAccessToken());
  account = app.accounts.selectOrganizations(account.id, opts.orgs ? opts.orgs(myOrgs, sim) : myOrgs);
  const today = new Date(clock.nowMs()).toISOString().slice(0, 10);
  account = app.accounts.updateSyncSettings(account.id, { startDate: addDays(today, -13), ...opts.settings });
  sim.control.clearRequestLog();
  return {
    dir,
    sim,
    app,
    account,
    secrets,
    clock,
    myOrgs,
    day: (days) => new Date(clock.nowMs() + days * DAY_MS).toISOString().slice(0, 10),
    api: () => sim.requests.filter((r) => r.path.startsWith('/v2')),
    rows: <T>(sql: string, ...args: unknown[]) => app.db.prepare(sql).all(...args) as T[],
    async close() {
      await app.sync.close();
      app.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
