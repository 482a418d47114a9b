import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, localToday, startOfWeek } from '../../../../src/common/dates';
import { createApp } from '../../../../src/main/core/app';
import { MemorySecretStore } from '../../../../src/main/core/secrets/index';
import { assertDemoTarget, bootstrapDemo, describeDemo } from '../../../../src/main/core/shell/demo';
import { createDemoApp, DEMO_USER, localWorkHoursUtc, startDemoSimulator, type DemoApp } from '../../../../scripts/demo.world';
import { tempDir } from './temp';
import { clockEnv, flowingTestClock, testClock } from '../../../helpers/clock';

const root = resolve(import.meta.dirname, '../../../..');
let opened: DemoApp | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

describe('demo bootstrap', () => {
  it('signs in with a personal token, selects the organization, syncs weeks of data and plans the week', async () => {
    const clock = flowingTestClock();
    const now = clock.now();
    opened = await createDemoApp({ dataDir: tempDir(), clock });
    const { app, report, demo } = opened;

    const account = app.accounts.list()[0]!;
    expect(app.accounts.list()).toHaveLength(1);
    expect(account).toMatchObject({ authKind: 'personal', status: 'connected', name: DEMO_USER.name });
    expect(account.organizations.map((o) => o.id)).toEqual(demo.sim.control.myOrganizationIds());
    expect(account.sync.startDate).toBe(addDays(localToday(now), -28));
    expect(report.account).toMatchObject({ id: account.id, reused: false, status: 'connected' });
    expect(report.sync?.errors).toEqual([]);

    // The simulator's to-dos reached the sidebar, its activities the tracked time.
    const items = app.sourceItems.list({ provider: 'hubstaff' });
    expect(items.length).toBe(demo.sim.control.tasks().filter((t) => String(t.status) !== 'deleted').length);
    const weekStart = startOfWeek(localToday(now), 1);
    const lastWeek = app.tracked.week(addDays(weekStart, -7));
    expect(lastWeek.totalSeconds).toBeGreaterThan(3600);

    // A planned week: entries on every weekday, two still to come today, one task unscheduled.
    const week = app.planner.getWeek({ date: localToday(now) });
    expect(week.entries.length).toBe(report.plannedEntries);
    for (const d of [0, 1, 2, 3, 4].map((i) => addDays(week.weekStart, i))) expect(week.entries.some((e) => e.date === d)).toBe(true);
    const nowMinute = now.getHours() * 60 + now.getMinutes();
    const laterToday = week.entries.filter((e) => e.date === localToday(now) && e.startMinute >= Math.min(nowMinute, 22 * 60));
    expect(laterToday.length).toBeGreaterThanOrEqual(2);
    expect(week.entries.some((e) => e.task.source?.provider === 'hubstaff')).toBe(true);
    expect((await app.dispatch('planner.listUnscheduled', undefined)).ok).toBe(true);

    // Running it again (the next `npm run demo` on the same folder) reconnects and keeps the plan.
    const again = await bootstrapDemo(app, { personalToken: demo.sim.control.issuePersonalAccessToken(), env: demo.env, firstSync: false });
    expect(again.account.reused).toBe(true);
    expect(again.plannedEntries).toBe(0);
    expect(app.planner.getWeek({ date: localToday(now) }).entries.length).toBe(report.plannedEntries);
    expect(describeDemo(again).join('\n')).toContain('Kept the existing plan');

    // A run whose sign-in fails for another reason (a token the simulator refuses) says so and
    // keeps the account and the plan: only another simulator user makes the demo start over.
    await expect(bootstrapDemo(app, { personalToken: 'not-a-valid-token', env: demo.env, firstSync: false })).rejects.toMatchObject({ code: 'auth_failed' });
    expect(app.accounts.list().map((a) => a.id)).toEqual([account.id]);
    expect(app.planner.getWeek({ date: localToday(now) }).entries.length).toBe(report.plannedEntries);
  });

  it('refuses to run against anything but a simulator on this computer', async () => {
    const dataDir = tempDir();
    const app = createApp({ dataDir, secrets: new MemorySecretStore(), env: { STINT_HUBSTAFF_ACCOUNT_URL: 'https://account.hubstaff.com', STINT_HUBSTAFF_API_URL: 'https://api.hubstaff.com/v2' } });
    try {
      expect(() => assertDemoTarget(app.db, { STINT_HUBSTAFF_API_URL: 'https://api.hubstaff.com/v2' })).toThrow(/only connects to the local Hubstaff simulator/);
      await expect(bootstrapDemo(app, { personalToken: 'x'.repeat(40), env: {} })).rejects.toMatchObject({ code: 'invalid_argument' });
      expect(app.accounts.list()).toEqual([]);
      expect(assertDemoTarget(app.db, { STINT_HUBSTAFF_ACCOUNT_URL: 'http://127.0.0.1:9', STINT_HUBSTAFF_API_URL: 'http://127.0.0.1:9/v2' })).toEqual({
        accountUrl: 'http://127.0.0.1:9',
        apiUrl: 'http://127.0.0.1:9/v2',
      });
    } finally {
      await app.sync.close();
      app.close();
    }
  });

  it('seeds work hours on the local clock and a day off ahead', async () => {
    const clock = testClock();
    const [a, b] = localWorkHoursUtc(clock.now());
    expect(b - a).toBeGreaterThanOrEqual(5);
    const demo = await startDemoSimulator({ clock });
    try {
      const me = demo.sim.control.me() as { id: number };
      const ahead = (demo.sim.control.timeOffRequests() as { user_id: number; status: string; starts_at?: string }[]).filter(
        (r) => r.user_id === me.id && r.status === 'approved' && (r.starts_at ?? '') > clock.now().toISOString(),
      );
      expect(ahead.length).toBeGreaterThanOrEqual(1);
    } finally {
      await demo.close();
    }
  });

  it('npm run demo -- --no-electron runs the same bootstrap headless and says what it did', async () => {
    const dataDir = tempDir();
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--no-electron', '--data-dir', dataDir], { cwd: root, env: { ...process.env, ...clockEnv(testClock()) } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Signed in as ${DEMO_USER.name}`);
    expect(out.stdout).toMatch(/First sync: \d+ requests; .*activities \d+/);
    expect(out.stdout).toMatch(/Planned \d+ entries this week/);
    // The tray it would show: today's plan, the sync line and the actions.
    expect(out.stdout).toContain('Today:');
    expect(out.stdout).toContain('Sync now');
    expect(out.stdout).toContain('Quit Stint');
    // The data dir it prepared holds the signed-in account (tokens stayed in memory).
    const app = createApp({ dataDir, secrets: new MemorySecretStore() });
    try {
      expect(app.accounts.list()).toHaveLength(1);
      expect(app.planner.listTasks({}).length).toBeGreaterThan(3);
    } finally {
      await app.sync.close();
      app.close();
    }
  }, 60_000);
});
