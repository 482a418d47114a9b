import type { HubstaffClientOptions } from '../../../../../src/main/core/providers/hubstaff/client';
import { HubstaffClient } from '../../../../../src/main/core/providers/hubstaff/client';
import type { RequestEvent } from '../../../../../src/main/core/providers/hubstaff/http';
import type { Page } from '../../../../../src/main/core/providers/hubstaff/pagination';
import { staticTokenProvider } from '../../../../../src/main/core/providers/hubstaff/tokens';
import type { RequestLogEntry, SeedSpec, Simulator } from '../../../../sim/index';
import { startSimulator } from '../../../../sim/index';

/**
 * A simulator, the org "me" owns, an organization token for it, and clients wired to it. The
 * clients exchange on the test's own thread unless `defaults` says otherwise, so a test knows
 * which path it exercises (client.exchangeThread.test.ts covers the exchange thread).
 */
export interface SimSetup {
  sim: Simulator;
  orgId: number;
  token: string;
  /** Sleeps the clients asked for (they return at once, so retry tests stay fast). */
  sleeps: number[];
  events: RequestEvent[];
  client(opts?: Partial<HubstaffClientOptions>): HubstaffClient;
  /** API requests the simulator saw (control calls excluded). */
  api(): RequestLogEntry[];
}

export async function setupSim(data?: SeedSpec, seed = 11, defaults: Partial<HubstaffClientOptions> = { exchangeThread: null }): Promise<SimSetup> {
  const sim = await startSimulator({ seed, data });
  const orgId = sim.control.myOrganizationIds()[0]!;
  const token = sim.control.issueOrganizationToken(orgId);
  const sleeps: number[] = [];
  const events: RequestEvent[] = [];
  return {
    sim,
    orgId,
    token,
    sleeps,
    events,
    client: (opts = {}) =>
      new HubstaffClient({
        tokens: staticTokenProvider(token),
        baseUrl: sim.apiUrl,
        retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40 },
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
        onEvent: (e) => events.push(e),
        ...defaults,
        ...opts,
      }),
    api: () => sim.requests.filter((r) => r.path.startsWith('/v2')),
  };
}

/** Drains an iterator of pages into one list (tests only: real callers handle page by page). */
export async function drain<T>(pages: AsyncIterable<Page<T>>): Promise<{ pages: Page<T>[]; records: T[] }> {
  const all: Page<T>[] = [];
  for await (const p of pages) all.push(p);
  return { pages: all, records: all.flatMap((p) => p.records) };
}
