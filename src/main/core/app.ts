// The composition root: opens the data directory and wires the core services together.
// The Electron shell, the CLI and the e2e harness all start Stint through `createApp`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Weekday } from '../../common/dates';
import { StintError } from '../../common/errors';
import { openDatabase, type Db } from './db/database';
import { AppEvents } from './events';
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatcher';
import { Planner } from './planner/planner';
import { SettingsStore } from './settings';
import { SourceItems } from './sources/sourceItems';

export interface AppOptions {
  dataDir: string;
  now?: () => Date;
  onInternalError?: (command: string, error: unknown) => void;
}

export interface App {
  dataDir: string;
  db: Db;
  planner: Planner;
  settings: SettingsStore;
  sourceItems: SourceItems;
  events: AppEvents;
  handlers: Handlers;
  dispatch: Dispatch;
  close(): void;
}

export const DATABASE_FILE = 'stint.db';

export function createApp(opts: AppOptions): App {
  mkdirSync(opts.dataDir, { recursive: true });
  const { db } = openDatabase(join(opts.dataDir, DATABASE_FILE));
  const events = new AppEvents();
  const settings = new SettingsStore(db);
  const sourceItems = new SourceItems(db);
  let reason: 'edit' | 'undo' | 'redo' = 'edit';
  const planner = new Planner(db, {
    defaultDurationMinutes: () => settings.get().defaultDurationMinutes,
    weekStartsOn: () => settings.get().weekStartsOn as Weekday,
    ...(opts.now ? { now: opts.now } : {}),
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
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      const next = settings.update(patch);
      events.emit('settings.changed', next);
      return next;
    },
  };

  let closed = false;
  return {
    dataDir: opts.dataDir,
    db,
    planner,
    settings,
    sourceItems,
    events,
    handlers,
    dispatch: createDispatcher(handlers, opts.onInternalError ? { onInternalError: opts.onInternalError } : {}),
    close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

export function assertDataDir(dir: string | undefined): string {
  if (!dir) throw new StintError('invalid_argument', 'No data directory given.');
  return dir;
}
