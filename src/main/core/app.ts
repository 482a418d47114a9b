// The composition root: opens the data directory and wires the core services together.
// The Electron shell, the CLI and the e2e harness all start Stint through `createApp`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../common/clock';
import { startOfWeek, type Weekday } from '../../common/dates';
import { StintError } from '../../common/errors';
import { Accounts } from './auth/index';
import { HubspotAccounts } from './auth/hubspotAccounts';
import type { OpenExternal } from './auth/hubstaffOAuth';
import { openDatabase, type Db } from './db/database';
import { Logger } from './log/logger';
import { sharedExchangeThread } from './providers/hubstaff/exchangeThread';
import { redactor } from './log/redact';
import { SessionFallbackSecretStore, type SecretStore } from './secrets/index';
import { RedactingSecretStore } from './secrets/redactingSecretStore';
import { AppEvents } from './events';
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher';
import { Planner } from './planner/planner';
import { SettingsStore } from './settings';
import { SourceItems } from './sources/sourceItems';
import { SyncEngine, TrackedTime, type SyncEngineOptions } from './sync/index';
import { ShellService, type ShellHost } from './shell/service';

export interface AppOptions {
  dataDir: string;
  /** Where "now" comes from (default: the system clock). Tests pass a clock set to an instant they picked. */
  clock?: Clock;
  onInternalError?: (command: string, error: unknown) => void;
  /** Where tokens live (default: the OS keychain, else memory for this session). */
  secrets?: SecretStore;
  /** Opens the OAuth authorization page (the shell: the system browser; the CLI: prints it). */
  openExternal?: OpenExternal;
  /** STINT_HUBSTAFF_* configuration (default process.env). */
  env?: Record<string, string | undefined>;
  /** Also echo log lines to stderr. */
  logToStderr?: boolean;
  /** Sync engine tuning (tests: clock, cadence, client retries). */
  sync?: Omit<SyncEngineOptions, 'db' | 'accounts' | 'logger' | 'env'>;
  /** The desktop's clipboard, browser, shortcut and login item (the Electron shell); none headless. */
  shellHost?: ShellHost;
  /** Shown in diagnostics (the shell passes Electron's app version). */
  appVersion?: string;
}

export interface App {
  dataDir: string;
  clock: Clock;
  db: Db;
  logger: Logger;
  accounts: Accounts;
  /** HubSpot accounts (sign-in, connections); `sync` polls them beside the Hubstaff accounts. */
  hubspot: HubspotAccounts;
  planner: Planner;
  settings: SettingsStore;
  sourceItems: SourceItems;
  /** Hubstaff and HubSpot sync: constructed, not started (the shell or the CLI starts it). */
  sync: SyncEngine;
  /** Tracked time and time off beside the plan. */
  tracked: TrackedTime;
  /** Shell settings, diagnostics, links and navigation (tray, window, notifications). */
  shell: ShellService;
  events: AppEvents;
  handlers: Handlers;
  dispatch: Dispatch;
  close(): void;
}

export const DATABASE_FILE = 'stint.db';
export const LOG_FILE = join('logs', 'stint.log');

export function createApp(opts: AppOptions): App {
  mkdirSync(opts.dataDir, { recursive: true });
  const clock = opts.clock ?? systemClock;
  const { db } = openDatabase(join(opts.dataDir, DATABASE_FILE), { now: clock.now });
  const logger = new Logger({ file: join(opts.dataDir, LOG_FILE), echo: opts.logToStderr ?? false, now: clock.now });
  const events = new AppEvents();
  const settings = new SettingsStore(db);
  const secrets = new RedactingSecretStore(opts.secrets ?? new SessionFallbackSecretStore(undefined, { now: clock.nowMs }), redactor);
  const accounts = new Accounts({
    db,
    secrets,
    log: logger.scope('accounts'),
    now: clock.nowMs,
    openExternal: opts.openExternal ?? (async () => {
      throw new StintError('auth_failed', 'This Stint cannot open a browser; sign in with a personal access token instead.');
    }),
    ...(opts.env ? { env: opts.env } : {}),
  });
  const unsubscribeAccounts = accounts.onChange((e) => {
    if (e.type === 'account-changed') events.emit('accounts.changed', e.account);
    else if (e.type === 'account-removed') events.emit('accounts.removed', { accountId: e.accountId });
    else events.emit('keychain.status', e.status);
  });
  const hubspot = new HubspotAccounts({ db, secrets, now: clock.nowMs, log: logger.scope('accounts'), ...(opts.env ? { env: opts.env } : {}) });
  const unsubscribeHubspot = hubspot.onChange((a) => events.emit('accounts.hubspotChanged', a));
  const sourceItems = new SourceItems(db);
  const sync = new SyncEngine({ db, accounts, hubspot, logger, now: clock.nowMs, ...(opts.env ? { env: opts.env } : {}), ...opts.sync });
  const tracked = new TrackedTime(db);
  // Hubstaff's exchanges run on a worker thread; when it cannot start or dies they run here,
  // only slower. That is said once in the log and always in Diagnostics, never silently.
  const exchangeThread = opts.sync?.client?.exchangeThread === null ? null : (opts.sync?.client?.exchangeThread ?? sharedExchangeThread);
  const unsubscribeThread =
    exchangeThread?.onFailure((error) => logger.scope('sync').error('the exchange thread failed: Hubstaff requests run on the main thread', { error })) ?? (() => {});
  const shell = new ShellService({
    db,
    events,
    accounts,
    syncStatus: () => sync.status(),
    dataDir: opts.dataDir,
    logFile: join(opts.dataDir, LOG_FILE),
    redactor,
    requests: () => (exchangeThread ? exchangeThread.describe() : 'on the main thread (no exchange thread configured)'),
    appVersion: opts.appVersion ?? 'dev',
    ...(opts.shellHost ? { host: opts.shellHost } : {}),
    now: clock.now,
  });
  // Sync marks local tasks whose Hubstaff item went away: the planner's views refetch.
  const unsubscribeSync = sync.onDataChanged((change) => {
    events.emit('sync.dataChanged', { kind: change });
    if (change === 'tasks') events.emit('planner.changed', { reason: 'sync' });
  });
  const unsubscribeStatus = sync.onStatus((status) => events.emit('sync.status', status));
  let reason: 'edit' | 'undo' | 'redo' = 'edit';
  const planner = new Planner(db, {
    defaultDurationMinutes: () => settings.get().defaultDurationMinutes,
    weekStartsOn: () => settings.get().weekStartsOn as Weekday,
    now: clock.now,
    onChange: () => events.emit('planner.changed', { reason }),
  });
  const withReason = <T>(r: typeof reason, fn: () => T): T => {
    reason = r;
    try {
      return fn();
    } finally {
      reason = 'edit';
    }
  };

  const handlers: Handlers = {
    'planner.getWeek': (i) => planner.getWeek(i),
    'planner.listTasks': (i) => planner.listTasks(i),
    'planner.listUnscheduled': () => planner.listUnscheduled(),
    'planner.createTask': (i) => planner.createTask(i),
    'planner.editTitle': (i) => planner.editTitle(i),
    'planner.completeTask': (i) => planner.completeTask(i),
    'planner.reopenTask': (i) => planner.reopenTask(i),
    'planner.deleteTask': (i) => (planner.deleteTask(i), null),
    'planner.addEntry': (i) => planner.addEntry(i),
    'planner.moveEntry': (i) => planner.moveEntry(i),
    'planner.resizeEntry': (i) => planner.resizeEntry(i),
    'planner.deleteEntry': (i) => (planner.deleteEntry(i), null),
    'planner.dropSourceItem': ({ provider, orgId, externalId, date, startMinute }) => {
      // The renderer names the item; its content comes from main's own cache.
      const item = sourceItems.get(provider, orgId, externalId);
      return planner.dropSourceItem({
        item: { provider, orgId, externalId, title: item.title, url: item.url, projectName: item.projectName },
        date,
        startMinute,
      });
    },
    'planner.undo': () => withReason('undo', () => planner.undo()),
    'planner.redo': () => withReason('redo', () => planner.redo()),
    'planner.history': () => planner.historyState(),
    'sources.listItems': (q) => sourceItems.list(q),
    'sources.countItems': (q) => sourceItems.count(q),
    'accounts.list': () => accounts.list(),
    'accounts.keychainStatus': () => accounts.keychainStatus(),
    'accounts.signInOAuth': () => accounts.signInWithOAuth(),
    'accounts.cancelSignIn': () => (accounts.cancelSignIn(), null),
    'accounts.signInPersonalToken': ({ token }) => accounts.signInWithPersonalToken(token),
    'accounts.signInOrganizationToken': ({ token }) => accounts.signInWithOrganizationToken(token),
    'accounts.listOrganizations': ({ accountId }) => accounts.listOrganizations(accountId),
    'accounts.selectOrganizations': ({ accountId, selection }) => accounts.selectOrganizations(accountId, selection),
    'accounts.updateSyncSettings': ({ accountId, patch }) => accounts.updateSyncSettings(accountId, patch),
    'accounts.reconnect': ({ accountId, method }) => accounts.reconnect(accountId, method),
    'accounts.signOut': async ({ accountId, purgeCache }) => {
      await accounts.signOut(accountId, purgeCache === undefined ? {} : { purgeCache });
      return null;
    },
    'accounts.listHubspot': () => hubspot.list(),
    'accounts.signInHubspotPrivateApp': ({ token, email }) => hubspot.signInWithPrivateAppToken(token, email ? { email } : {}),
    'accounts.signInHubspotOAuth': ({ clientId, clientSecret, refreshToken, email }) => hubspot.signInWithOAuth({ clientId, clientSecret, refreshToken }, email ? { email } : {}),
    'accounts.reconnectHubspot': ({ accountId, method }) => hubspot.reconnect(accountId, method),
    'accounts.updateHubspotSettings': ({ accountId, patch }) => hubspot.updateSettings(accountId, patch),
    'accounts.signOutHubspot': async ({ accountId, purgeCache }) => {
      await hubspot.signOut(accountId, purgeCache ? { purgeCache } : {});
      // A purged account is gone: no change event follows, so views hear of it here.
      if (purgeCache) {
        events.emit('accounts.removed', { accountId });
        events.emit('sync.dataChanged', { kind: 'sources' });
      }
      return null;
    },
    'sync.status': () => sync.status(),
    'sync.now': async (input) => {
      const report = await sync.syncNow(input?.full ? { full: true } : {});
      return { status: report.status, requests: report.requests, records: report.records, skipped: report.skipped };
    },
    'sync.pause': () => (sync.pause(), sync.status()),
    'sync.resume': () => (sync.resume(), sync.status()),
    'tracked.getWeek': ({ date, weekStartsOn }) =>
      tracked.week(startOfWeek(date, (weekStartsOn ?? settings.get().weekStartsOn) as Weekday), {
        overtimeThresholdMinutes: settings.get().overtimeThresholdMinutes,
      }),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      const next = settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
    'shell.getSettings': () => shell.settings(),
    'shell.updateSettings': (patch) => shell.updateSettings(patch),
    'app.copyDiagnostics': () => shell.copyDiagnostics(),
    'app.openExternal': (input) => shell.openExternal(input),
    'app.takeNavigation': () => shell.takeNavigation(),
  };

  let closed = false;
  return {
    dataDir: opts.dataDir,
    clock,
    db,
    logger,
    accounts,
    hubspot,
    planner,
    settings,
    sourceItems,
    sync,
    tracked,
    shell,
    events,
    handlers,
    dispatch: createDispatcher(handlers, {
      onInternalError: (command, error) => {
        logger.scope('ipc').error(`${command} failed`, { error });
        opts.onInternalError?.(command, error);
      },
    }),
    close() {
      if (closed) return;
      closed = true;
      unsubscribeSync();
      unsubscribeStatus();
      unsubscribeThread();
      void sync.close(); // aborts runs in flight; they write nothing once aborted
      unsubscribeAccounts();
      unsubscribeHubspot();
      accounts.close();
      db.close();
    },
  };
}

export function assertDataDir(dir: string | undefined): string {
  if (!dir) throw new StintError('invalid_argument', 'No data directory given.');
  return dir;
}
