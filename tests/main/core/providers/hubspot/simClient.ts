import type { HubspotClientOptions } from '../../../../../src/main/core/providers/hubspot/client';
import { HubspotClient } from '../../../../../src/main/core/providers/hubspot/client';
import type { HubspotRequestEvent } from '../../../../../src/main/core/providers/hubspot/http';
import type { HubspotSimOptions, HubspotSimulator, RequestLogEntry } from '../../../../sim-hubspot/index';
import { startHubspotSimulator } from '../../../../sim-hubspot/index';
import { privateAppAuth } from '../../../../../src/main/core/providers/hubspot/tokens';

/** A fixed start for the simulator clock, after the seeded tasks' window. */
export const T0 = Date.parse('2024-06-10T12:00:00.000Z');

export interface HubspotSetup {
  sim: HubspotSimulator;
  /** A private app token with the default scopes. */
  token: string;
  /** Sleeps the clients asked for. They return at once but move the simulator's clock, so
   * waits (rate limits, backoff) take no real time and the simulator sees them happen. */
  sleeps: number[];
  events: HubspotRequestEvent[];
  client(opts?: Partial<HubspotClientOptions>): HubspotClient;
  /** Requests the simulator saw (control calls excluded). */
  api(): RequestLogEntry[];
  searches(): RequestLogEntry[];
}

export async function setupHubspot(opts: HubspotSimOptions = {}): Promise<HubspotSetup> {
  const sim = await startHubspotSimulator({ seed: 21, clock: () => T0, ...opts });
  const token = sim.control.createPrivateApp().token;
  const sleeps: number[] = [];
  const events: HubspotRequestEvent[] = [];
  return {
    sim,
    token,
    sleeps,
    events,
    client: (o = {}) =>
      new HubspotClient({
        auth: privateAppAuth(token),
        baseUrl: sim.baseUrl,
        retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40 },
        sleep: async (ms) => {
          sleeps.push(ms);
          sim.control.advanceClock(Math.max(0, Math.ceil(ms)));
        },
        now: () => sim.control.now(),
        random: () => 0.5,
        onEvent: (e) => events.push(e),
        ...o,
      }),
    api: () => sim.requests,
    searches: () => sim.requests.filter((r) => r.path.endsWith('/search')),
  };
}

/** Drains an iterator of pages (tests only: real callers handle page by page). */
export async function drain<P extends { records: unknown[] }>(pages: AsyncIterable<P>): Promise<{ pages: P[]; records: P['records'][number][] }> {
  const all: P[] = [];
  for await (const p of pages) all.push(p);
  return { pages: all, records: all.flatMap((p) => p.records) };
}

/** The rejection of a promise that must fail. */
export async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
}
