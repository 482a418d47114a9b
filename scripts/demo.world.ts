// The demo's world: the bundled Hubstaff simulator seeded with one organization around today
// (four weeks of activity up to now, projects and to-dos, past and upcoming time off), and a
// Stint core signed in to it. `npm run demo`, the tests and the e2e harness all load the same
// data through these functions:
//
//   const demo = await startDemoSimulator();                 // the simulator only
//   const { app, report, close } = await createDemoApp({ dataDir });   // + a signed-in core
import { systemClock, type Clock } from '../src/common/clock';
import { addDays, startOfWeek } from '../src/common/dates';
import { createApp, type App, type AppOptions } from '../src/main/core/app';
import { MemorySecretStore } from '../src/main/core/secrets/index';
import { bootstrapDemo, DEMO_ENV, type DemoReport } from '../src/main/core/shell/demo';
import { startSimulator, type SeedSpec, type Simulator } from '../tests/sim/index';

export const DEMO_SEED = 7;
export const DEMO_USER = { name: 'Dana Demo', email: 'dana@demo.stint.invalid' };

/** UTC hours [start, end) that are roughly 08:00–18:00 on this machine's clock. */
export function localWorkHoursUtc(now: Date): [number, number] {
  const offsetHours = Math.round(-now.getTimezoneOffset() / 60);
  const start = 8 - offsetHours;
  const end = 18 - offsetHours;
  // The simulator takes hours within one UTC day: clip, and fall back when too little is left.
  const clipped: [number, number] = [Math.max(0, start), Math.min(24, end)];
  return clipped[1] - clipped[0] >= 5 ? clipped : [8, 18];
}

/** The seed: one organization of five, four weeks of activity up to `now`, to-dos, time off. */
export function demoSeedSpec(now: Date): SeedSpec {
  const today = now.toISOString().slice(0, 10);
  return {
    organizations: 1,
    foreignOrganizations: 0,
    membersPerOrg: 5,
    projectsPerOrg: 4,
    tasksPerProject: 6,
    completedTaskRatio: 0.2,
    me: { name: DEMO_USER.name, email: DEMO_USER.email },
    activities: { from: addDays(today, -27), to: today, density: 0.6, workHours: localWorkHoursUtc(now), notAfter: now.toISOString() },
    timeOffRequestsPerMember: 1,
  };
}

export interface DemoSimulator {
  sim: Simulator;
  /** STINT_HUBSTAFF_* pointing at the simulator: pass to `createApp({ env })` or the app's process. */
  env: Record<string, string>;
  /** A fresh personal access token for the demo user. */
  personalToken: string;
  close(): Promise<void>;
}

/** The simulator of the demo world, seeded around the clock's now (default: the system clock). */
export async function startDemoSimulator(opts: { clock?: Clock; seed?: number; port?: number } = {}): Promise<DemoSimulator> {
  const clock = opts.clock ?? systemClock;
  const now = clock.now();
  const sim = await startSimulator({ seed: opts.seed ?? DEMO_SEED, port: opts.port ?? 0, data: demoSeedSpec(now), clock: clock.nowMs });
  const me = sim.control.me() as { id: number };
  // An approved day off next Friday, so the calendar shows time off ahead as well as behind.
  const nextFriday = addDays(startOfWeek(now.toISOString().slice(0, 10), 1), 11);
  sim.control.addTimeOffRequest({ userId: me.id, from: nextFriday, status: 'approved', message: 'Long weekend' });
  return {
    sim,
    env: { STINT_HUBSTAFF_ACCOUNT_URL: sim.baseUrl, STINT_HUBSTAFF_API_URL: sim.apiUrl },
    personalToken: sim.control.issuePersonalAccessToken(),
    close: () => sim.close(),
  };
}

/** Environment for a Stint process (the Electron app) that bootstraps itself into the demo. */
export function demoProcessEnv(demo: DemoSimulator, dataDir: string): Record<string, string> {
  return { ...demo.env, STINT_DATA_DIR: dataDir, [DEMO_ENV.flag]: '1', [DEMO_ENV.personalToken]: demo.personalToken };
}

export interface DemoApp {
  app: App;
  demo: DemoSimulator;
  report: DemoReport;
  close(): Promise<void>;
}

/** A core on `dataDir`, signed in to a fresh demo simulator, synced and with a planned week. */
export async function createDemoApp(opts: { dataDir: string; clock?: Clock; seed?: number; app?: Partial<AppOptions> }): Promise<DemoApp> {
  const clock = opts.clock ?? systemClock;
  const demo = await startDemoSimulator({ clock, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  const app = createApp({ dataDir: opts.dataDir, env: demo.env, secrets: new MemorySecretStore(), clock, ...opts.app });
  try {
    const report = await bootstrapDemo(app, { personalToken: demo.personalToken, env: demo.env });
    return {
      app,
      demo,
      report,
      async close() {
        await app.sync.close();
        app.close();
        await demo.close();
      },
    };
  } catch (e) {
    await app.sync.close();
    app.close();
    await demo.close();
    throw e;
  }
}
