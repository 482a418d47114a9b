// Demo mode: signs a fresh Stint in to the bundled Hubstaff simulator the way a user would
// (personal access token, then every organization picked), syncs once, and plans a believable
// week, so anyone can try the whole product without a Hubstaff account. The same bootstrap
// runs in the Electron app (`npm run demo`), headless (`npm run demo -- --no-electron`), and in
// tests. It refuses to run against anything but a simulator on this computer.
import { addDays, localToday, startOfWeek, type Weekday } from '../../../common/dates';
import { isStintError, StintError } from '../../../common/errors';
import type { Accounts } from '../auth/index';
import { isLoopbackUrl, resolveHubstaffAuthConfig } from '../auth/index';
import type { AccountView } from '../auth/types';
import type { Db } from '../db/database';
import type { Planner } from '../planner/planner';
import type { SettingsStore } from '../settings';
import type { SourceItems } from '../sources/sourceItems';
import type { SyncEngine } from '../sync/index';
import type { Clock } from '../../../common/clock';

/** Environment the demo launcher passes to the app. */
export const DEMO_ENV = {
  /** "1" turns demo mode on. */
  flag: 'STINT_DEMO',
  /** A personal access token the simulator issued (it is worthless anywhere else). */
  personalToken: 'STINT_DEMO_PERSONAL_TOKEN',
} as const;

export interface DemoApp {
  clock: Clock;
  db: Db;
  accounts: Accounts;
  planner: Planner;
  settings: SettingsStore;
  sourceItems: SourceItems;
  sync: Pick<SyncEngine, 'syncNow'>;
}

export interface DemoOptions {
  personalToken: string;
  /** Where the Hubstaff URLs come from (the same env the app was created with). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Days of history to sync (default 28). */
  historyDays?: number;
  /** Run the first sync now (default true); the plan is made from what it brings. */
  firstSync?: boolean;
}

export interface DemoReport {
  account: { id: string; name: string; status: AccountView['status']; reused: boolean };
  organizations: { id: number; name: string | null }[];
  startDate: string;
  sync: { requests: number; records: Record<string, number>; errors: string[] } | null;
  /** Entries planned by this bootstrap (0 when a plan already existed). */
  plannedEntries: number;
  sidebarItems: number;
}

/** The demo signs in only to a simulator on this computer, never to a real Hubstaff. */
export function assertDemoTarget(db: Db, env: Readonly<Record<string, string | undefined>> = process.env): { accountUrl: string; apiUrl: string } {
  const config = resolveHubstaffAuthConfig(db, env);
  if (!isLoopbackUrl(config.accountUrl) || !isLoopbackUrl(config.apiUrl)) {
    throw new StintError('invalid_argument', `Demo mode only connects to the local Hubstaff simulator (got ${config.accountUrl} and ${config.apiUrl}); start it with "npm run demo".`);
  }
  return { accountUrl: config.accountUrl, apiUrl: config.apiUrl };
}

async function signIn(app: DemoApp, token: string): Promise<{ account: AccountView; reused: boolean }> {
  const existing = app.accounts.list().find((a) => a.provider === 'hubstaff');
  if (existing) {
    // Each demo run gets a new token (tokens live in memory in demo mode): reconnect with it.
    try {
      return { account: await app.accounts.reconnect(existing.id, { kind: 'personal', token }), reused: true };
    } catch (e) {
      // Only a different simulator user (another seed) makes the demo's data unusable: start
      // over with this one. Any other failure (the simulator is down) is said, data kept.
      if (!(isStintError(e) && e.code === 'conflict')) throw e;
      await app.accounts.signOut(existing.id, { purgeCache: true });
    }
  }
  return { account: await app.accounts.signInWithPersonalToken(token), reused: false };
}

export async function bootstrapDemo(app: DemoApp, opts: DemoOptions): Promise<DemoReport> {
  assertDemoTarget(app.db, opts.env);
  const now = app.clock.now();
  const today = localToday(now);
  const { account: signedIn, reused } = await signIn(app, opts.personalToken);

  const choices = await app.accounts.listOrganizations(signedIn.id);
  let account = app.accounts.selectOrganizations(
    signedIn.id,
    choices.map((c) => c.id),
  );
  const startDate = addDays(today, -(opts.historyDays ?? 28));
  account = app.accounts.updateSyncSettings(account.id, { startDate });

  let sync: DemoReport['sync'] = null;
  if (opts.firstSync ?? true) {
    const r = await app.sync.syncNow();
    sync = {
      requests: r.requests,
      records: Object.fromEntries(Object.entries(r.records).filter(([, n]) => n > 0)),
      errors: r.errors.map((e) => `${e.stream}: ${e.error.message}`),
    };
  }

  const plannedEntries = app.planner.listTasks({}).length === 0 ? planWeek(app, account, now) : 0;
  return {
    account: { id: account.id, name: account.name, status: app.accounts.get(account.id).status, reused },
    organizations: account.organizations.map((o) => ({ id: o.id, name: o.name })),
    startDate,
    sync,
    plannedEntries,
    sidebarItems: app.sourceItems.list({ provider: 'hubstaff' }).length,
  };
}

/**
 * A plausible week: a daily stand-up, the user's own Hubstaff to-dos spread over the weekdays,
 * a weekly review, two entries still to come today (so the tray has a "next"), and one task
 * left unscheduled. Returns the number of entries made.
 */
function planWeek(app: DemoApp, account: AccountView, now: Date): number {
  const today = localToday(now);
  const weekStart = startOfWeek(today, app.settings.get().weekStartsOn as Weekday);
  const weekdays = [0, 1, 2, 3, 4].map((i) => addDays(weekStart, i));
  let entries = 0;

  const standup = app.planner.createTask({ title: 'Team stand-up [15m]', projectLabel: 'Meetings' });
  for (const d of weekdays) {
    app.planner.addEntry({ taskId: standup.id, date: d, startMinute: 9 * 60 });
    entries++;
  }

  // Filtered here rather than with `assignedTo`: sync stores Hubstaff's numeric assignee ids.
  const mine = app.sourceItems
    .list({ provider: 'hubstaff', status: 'active' })
    .filter((i) => i.assigneeIds.includes(account.userId))
    .slice(0, 10);
  const slots = [9 * 60 + 30, 11 * 60, 14 * 60, 15 * 60 + 30];
  mine.forEach((item, i) => {
    app.planner.dropSourceItem({
      item: { provider: item.provider, orgId: item.orgId, externalId: item.externalId, title: item.title, url: item.url, projectName: item.projectName },
      date: weekdays[i % weekdays.length]!,
      startMinute: slots[Math.floor(i / weekdays.length) % slots.length]!,
    });
    entries++;
  });

  const review = app.planner.createTask({ title: 'Weekly review [45m]', projectLabel: 'Planning' });
  app.planner.addEntry({ taskId: review.id, date: weekdays[4]!, startMinute: 16 * 60 });
  entries++;

  // Two entries after now today (any day of the week), so the tray shows what comes next.
  const nowMinute = now.getHours() * 60 + now.getMinutes();
  const first = Math.min(Math.ceil((nowMinute + 20) / 15) * 15, 22 * 60);
  const focus = app.planner.createTask({ title: 'Focus block: inbox and follow-ups [45m]', projectLabel: 'Planning' });
  app.planner.addEntry({ taskId: focus.id, date: today, startMinute: first });
  const wrap = app.planner.createTask({ title: 'Plan tomorrow [15m]', projectLabel: 'Planning' });
  app.planner.addEntry({ taskId: wrap.id, date: today, startMinute: Math.min(first + 60, 23 * 60 + 30) });
  entries += 2;

  app.planner.createTask({ title: 'Try dragging a Hubstaff to-do onto the calendar [20m]' });
  return entries;
}

/** What the bootstrap did, for the headless demo and the log. */
export function describeDemo(r: DemoReport): string[] {
  const lines = [
    `Signed in as ${r.account.name} (${r.account.id}) with a personal access token${r.account.reused ? ' (reconnected the existing account)' : ''}: ${r.account.status}`,
    `Organizations selected: ${r.organizations.map((o) => `${o.name ?? 'unnamed'} (${o.id})`).join(', ') || 'none'}`,
    `Sync from ${r.startDate}`,
  ];
  if (r.sync) {
    const records = Object.entries(r.sync.records).map(([k, n]) => `${k} ${n}`).join(', ');
    lines.push(`First sync: ${r.sync.requests} requests; ${records || 'no records'}${r.sync.errors.length ? `; errors: ${r.sync.errors.join('; ')}` : ''}`);
  }
  lines.push(`Sidebar: ${r.sidebarItems} Hubstaff to-dos`);
  lines.push(r.plannedEntries ? `Planned ${r.plannedEntries} entries this week` : 'Kept the existing plan');
  return lines;
}
