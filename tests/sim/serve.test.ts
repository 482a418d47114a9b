// `npm run sim` (serve.ts) as a person runs it: a child process on the shared test instant
// (STINT_CLOCK), with Hubstaff's documented earliest-date limits on by default and a flag to turn
// them off; the hourly rate limit and "Require reason" as printed.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from './test-helpers';
import { DAY_MS, isoSeconds } from './time';
import { TEST_NOW_MS, clockEnv, testClock } from '../helpers/clock';

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGTERM');
});

interface Banner {
  apiUrl: string;
  orgToken: string;
  orgId: number;
  text: string;
}

/** Starts serve.ts and reads the URLs and the organization token from its banner. */
function serve(args: string[], env: Record<string, string> = {}): Promise<Banner> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, ...args], { env: { ...process.env, ...clockEnv(testClock()), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('Ctrl+C to stop.')) return;
      const api = /API\s+(\S+)/.exec(out)?.[1];
      const org = /organization token\s+(hsoat_\S+)\s+\(organization (\d+)\)/.exec(out);
      if (!api || !org) return reject(new Error(`unexpected banner:\n${out}`));
      resolve({ apiUrl: api, orgToken: org[1] as string, orgId: Number(org[2]), text: out });
    });
    child.on('exit', (code) => reject(new Error(`serve.ts exited with ${code}: ${err}`)));
  });
}

/** Activities of the 7 days (the longest range allowed) from `from`, so some weekdays are in it whatever the test instant. */
const range = (from: number): Record<string, string> => ({ 'time_slot[start]': isoSeconds(from), 'time_slot[stop]': isoSeconds(from + 7 * DAY_MS) });
const activities = (b: Banner, from: number) => call(`${b.apiUrl}/organizations/${b.orgId}/activities?${new URLSearchParams(range(from))}`, { token: b.orgToken });

describe('npm run sim', () => {
  it('turns the earliest-date limits on by default (activities older than 6 months are refused)', async () => {
    const b = await serve(['--port', '0']);
    expect(b.text).toMatch(/earliest-date limits\s+on/);
    expect(b.text).toMatch(/rate limit\s+1000 requests per hour/);
    expect(b.text).toMatch(/note required/);
    const recent = await activities(b, TEST_NOW_MS - 7 * DAY_MS);
    expect(recent.status, JSON.stringify(recent.body)).toBe(200);
    expect(recent.json.activities.length).toBeGreaterThan(0);
    const old = await activities(b, TEST_NOW_MS - 200 * DAY_MS);
    expect(old.status).toBe(400);
    expect(old.json).toMatchObject({ code: 'invalid_params', error: expect.stringContaining('too far in the past') });
    const oldUpdates = await call(`${b.apiUrl}/organizations/${b.orgId}/activities/updates?${new URLSearchParams({ 'updated[start]': isoSeconds(TEST_NOW_MS - 50 * DAY_MS), 'updated[stop]': isoSeconds(TEST_NOW_MS - 49 * DAY_MS) })}`, { token: b.orgToken });
    expect(oldUpdates.status).toBe(400);
  }, 30_000);

  it('turns them off with --no-history-limits or STINT_SIM_HISTORY_LIMITS=0', async () => {
    const [flag, env] = await Promise.all([serve(['--no-history-limits', '--rate-limit', '0', '--no-require-reason']), serve([], { STINT_SIM_HISTORY_LIMITS: '0' })]);
    expect(flag.text).toMatch(/earliest-date limits\s+off/);
    expect(flag.text).toMatch(/rate limit\s+none/);
    expect(flag.text).toMatch(/note optional/);
    for (const b of [flag, env]) expect((await activities(b, TEST_NOW_MS - 200 * DAY_MS)).status).toBe(200);
  }, 30_000);
});
