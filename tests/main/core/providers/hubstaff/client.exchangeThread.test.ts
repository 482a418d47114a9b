import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeThread } from '../../../../../src/main/core/providers/hubstaff/exchangeThread';
import type { HubstaffApiError } from '../../../../../src/main/core/providers/hubstaff/errors';
import type { Page } from '../../../../../src/main/core/providers/hubstaff/pagination';
import type { SimSetup } from './simClient';
import { drain, setupSim } from './simClient';

// The client with its requests and page decoding on an exchange thread: the same pages, errors
// and retries as on the calling thread (the other client tests), and a thread that cannot start
// or dies costs speed, never data.

const thread = new ExchangeThread();
beforeAll(async () => {
  expect(await thread.ready()).toBe(true);
});
afterAll(() => thread.close());

let s: SimSetup | undefined;
afterEach(async () => {
  await s?.sim.close();
  s = undefined;
});

const RANGE = { start: '2024-06-03T00:00:00Z', stop: '2024-06-11T00:00:00Z' };
const DATA = { membersPerOrg: 3, projectsPerOrg: 2, activities: { from: '2024-06-03', to: '2024-06-10', total: 700 } } as const;
const ACTIVITIES = /\/activities$/;

/** What a caller sees of a page (the correlation id differs per request). */
const seen = <T>(pages: Page<T>[]) => pages.map(({ correlationId: _c, ...p }) => p);

async function caught(p: Promise<unknown>): Promise<HubstaffApiError> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as HubstaffApiError,
  );
}

describe('on the exchange thread', () => {
  it('decodes every list kind as the calling thread does: records, skipped records, cursors', async () => {
    s = await setupSim(DATA);
    // Spoiled records on some pages, the same ones for each read (rules count from injection).
    const spoil = () => {
      s!.sim.control.clearFaults();
      s!.sim.control.injectFaults(
        { kind: 'bad_records', path: ACTIVITIES, nth: 2, count: 3, field: 'user_id', mode: 'wrong_type' },
        { kind: 'bad_records', path: ACTIVITIES, nth: 3, count: 4, field: 'client', mode: 'missing_field' },
        { kind: 'bad_records', path: ACTIVITIES, nth: 5, count: 2, field: 'tracked', mode: 'missing_field' },
      );
    };
    const there = s.client({ pageLimit: 150, exchangeThread: thread });
    const here = s.client({ pageLimit: 150 });
    const servedBefore = thread.served;

    spoil();
    const a1 = await drain(there.activities(s.orgId, RANGE));
    spoil();
    const a2 = await drain(here.activities(s.orgId, RANGE));
    s.sim.control.clearFaults();
    expect(a1.pages.length).toBeGreaterThan(4);
    expect(a1.pages.map((p) => p.skipped.length)).toEqual([0, 3, 0, 0, 2]);
    expect(a1.pages[2]!.records.slice(0, 4).map((r) => r.client)).toEqual([null, null, null, null]);
    expect(seen(a1.pages)).toEqual(seen(a2.pages));

    const days = { startDate: '2024-06-03', stopDate: '2024-06-10' };
    expect(seen((await drain(there.dailyActivities(s.orgId, days))).pages)).toEqual(seen((await drain(here.dailyActivities(s.orgId, days))).pages));
    expect(seen((await drain(there.tasks(s.orgId))).pages)).toEqual(seen((await drain(here.tasks(s.orgId))).pages));
    expect(seen((await drain(there.projects(s.orgId))).pages)).toEqual(seen((await drain(here.projects(s.orgId))).pages));
    expect(seen((await drain(there.organizations())).pages)).toEqual(seen((await drain(here.organizations())).pages));
    // Members and the profile are parsed here (side-loads); their bodies still cross as bytes.
    expect(seen((await drain(there.members(s.orgId))).pages)).toEqual(seen((await drain(here.members(s.orgId))).pages));
    expect(await there.usersMe()).toEqual(await here.usersMe());

    expect(thread.served - servedBefore).toBe(there.requestCount);
  });

  it.each([
    ['reset', 'reset'],
    ['malformed JSON', 'malformed_json'],
    ['a 503', 'unavailable'],
  ] as const)('%s on the 2nd request is retried and the stream completes', async (_name, kind) => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind, path: ACTIVITIES, nth: 2 });
    const { records } = await drain(s.client({ pageLimit: 300, exchangeThread: thread }).activities(s.orgId, RANGE));
    expect(new Set(records.map((r) => r.id)).size).toBe(700);
    expect(s.sleeps).toHaveLength(1);
  });

  it('a response slower than the timeout is abandoned there and retried', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'slow', path: ACTIVITIES, nth: 1, delayMs: 12_000 }); // far past the timeout below, which any normal page meets even on a loaded machine
    const { records } = await drain(s.client({ pageLimit: 300, timeoutMs: 2_000, exchangeThread: thread }).activities(s.orgId, RANGE));
    expect(records).toHaveLength(700);
    // Abandoned, not waited for: the first attempt ended without a status and was sent again.
    expect(s.api()).toHaveLength(4);
    expect(s.events.filter((e) => e.outcome === 'retry').map((e) => e.status)).toEqual([null]);
  });

  it('an abort stops the request there at once', async () => {
    s = await setupSim(DATA);
    s.sim.control.injectFaults({ kind: 'slow', path: ACTIVITIES, nth: 2, delayMs: 5000 });
    const controller = new AbortController();
    const pages = s.client({ pageLimit: 300, exchangeThread: thread }).activities(s.orgId, { ...RANGE, signal: controller.signal });
    await pages.next();
    setTimeout(() => controller.abort(new Error('user cancelled')), 50);
    // Waiting out the slow answer would have yielded the page; the abort rejects instead.
    await expect(pages.next()).rejects.toThrow('user cancelled');
    expect(s.api()).toHaveLength(2);
  });

  it('errors keep their code, status and correlation id', async () => {
    s = await setupSim({ ...DATA, organizations: 2 });
    const other = s.sim.control.myOrganizationIds()[1]!;
    const e = await caught(drain(s.client({ exchangeThread: thread }).activities(other, RANGE)));
    expect(e).toMatchObject({ code: 'forbidden_org', status: 403, attempts: 1 });
    expect(e.correlationId).toBe(s.api()[0]!.correlationId);
  });
});

describe('when the exchange thread is not there', () => {
  it('a thread that cannot start leaves the exchanges on the calling thread', async () => {
    const broken = new ExchangeThread(() => new Worker('throw new Error("no such module")', { eval: true }));
    expect(await broken.ready()).toBe(false);
    expect(broken.state).toBe('failed');
    expect(broken.error?.message).toMatch(/no such module/);
    s = await setupSim(DATA);
    const { records } = await drain(s.client({ pageLimit: 300, exchangeThread: broken }).activities(s.orgId, RANGE));
    expect(records).toHaveLength(700);
    expect(broken.served).toBe(0);
    await broken.close();
  });

  it('a thread that dies with a request in flight: the request is retried here and nothing is lost', async () => {
    // Says it is up, then exits on the first request it is given.
    const dying = new ExchangeThread(
      () =>
        new Worker(
          `const { parentPort } = require('node:worker_threads');
           parentPort.on('message', () => process.exit(3));
           parentPort.postMessage({ type: 'ready' });`,
          { eval: true },
        ),
    );
    expect(await dying.ready()).toBe(true);
    s = await setupSim(DATA);
    const { records } = await drain(s.client({ pageLimit: 300, exchangeThread: dying }).activities(s.orgId, RANGE));
    expect(new Set(records.map((r) => r.id)).size).toBe(700);
    expect(dying.state).toBe('failed');
    expect(dying.error?.message).toMatch(/code 3/);
    expect(s.events.filter((e) => e.outcome === 'retry')).toHaveLength(1);
    await dying.close();
  });

  it('an idle exchange thread does not keep the process alive', () => {
    // A process that starts a thread, uses it once and then has nothing left to do must exit.
    const module = new URL('../../../../../src/main/core/providers/hubstaff/exchangeThread.ts', import.meta.url).href;
    const script = `
      const { ExchangeThread } = await import(${JSON.stringify(module)});
      const t = new ExchangeThread();
      if (!(await t.ready())) throw new Error('thread did not start');
      await t.exchange({ url: 'http://127.0.0.1:1/', headers: {} }, AbortSignal.timeout(5000)).catch(() => {});
      console.log('served', t.served);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 25_000 });
    expect(r.error).toBeUndefined(); // no timeout: it exited by itself
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.stdout.trim()).toBe('served 1');
    expect(r.status).toBe(0);
  });
});
