// The tray app's behaviour, without Electron: keeps the tray view current (sync status, plan
// and clock changes), raises the notifications the policy decides, and carries out the tray's
// and the notifications' actions. The Electron shell supplies `ShellUi` and renders.
import { localToday } from '../../../common/dates';
import type { SyncStatus } from '../../../common/ipc/sync-schemas';
import type { Db } from '../db/database';
import type { AppEvents } from '../events';
import type { ScopedLogger } from '../log/logger';
import type { TrayAction } from '../tray/menuModel';
import { decideNotifications, EMPTY_NOTIFICATION_MEMORY, NotificationMemory, type ShellNotification } from './notificationPolicy';
import type { ShellService } from './service';
import { readShellValue, writeShellValues } from './settings';
import type { ShellSync } from './syncAdapter';
import { buildTrayView, readTraySnapshot, type TraySources, type TrayView } from './trayView';
import { systemClock } from '../../../common/clock';

export interface ShellUi {
  renderTray(view: TrayView): void;
  notify(notification: ShellNotification): void;
  showWindow(): void;
  quit(): void;
}

export interface ShellControllerOptions extends TraySources {
  db: Db;
  events: AppEvents;
  sync: ShellSync;
  shell: ShellService;
  ui: ShellUi;
  log: ScopedLogger;
  now?: () => Date;
  /** How often the clock refreshes the tray (entries pass, reminders fall due); default 30 s. */
  tickMs?: number;
}

const MEMORY_KEY = 'notificationMemory';

export class ShellController {
  private readonly now: () => Date;
  private readonly unsubscribers: (() => void)[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastView = '';
  private online: boolean | null = null;
  private memory: NotificationMemory;

  constructor(private readonly opts: ShellControllerOptions) {
    this.now = opts.now ?? systemClock.now;
    const stored = NotificationMemory.safeParse(readShellValue(opts.db, MEMORY_KEY));
    this.memory = stored.success ? stored.data : EMPTY_NOTIFICATION_MEMORY;
  }

  /** Subscribes to status and data changes, starts the clock, and renders the first view. */
  start(): void {
    this.unsubscribers.push(this.opts.sync.onStatus(() => this.refresh()));
    this.unsubscribers.push(
      this.opts.events.onAny((name) => {
        if (name === 'planner.changed' || name === 'settings.changed' || name === 'accounts.changed' || name === 'accounts.hubspotChanged' || name === 'accounts.removed' || name === 'shell.settingsChanged') this.refresh();
      }),
    );
    this.timer = setInterval(() => this.refresh(), this.opts.tickMs ?? 30_000);
    this.timer.unref?.();
    this.refresh();
  }

  stop(): void {
    for (const off of this.unsubscribers.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Recomputes the tray; renders it when it changed; raises due notifications. */
  refresh(): TrayView | null {
    try {
      const now = this.now();
      const status = this.opts.sync.status();
      const snap = readTraySnapshot(this.opts, status, this.opts.sync.paused, now);
      const view = buildTrayView(snap.state);
      const key = JSON.stringify(view);
      if (key !== this.lastView) {
        this.lastView = key;
        this.opts.ui.renderTray(view);
      }
      this.notify(status, snap.today, snap.state.nowMinute, snap.state.today.entries, snap.week, snap.state.hour12 ?? false);
      return view;
    } catch (e) {
      // A closed database at shutdown, say: the tray keeps its last view.
      this.opts.log.warn('tray refresh failed', { error: e });
      return null;
    }
  }

  private notify(
    status: SyncStatus,
    today: string,
    nowMinute: number,
    entries: readonly { id: string; title: string; startMinute: number; done: boolean }[],
    week: { weekStart: string; trackedSeconds: number; thresholdSeconds: number } | null,
    hour12: boolean,
  ): void {
    const decision = decideNotifications(
      this.memory,
      {
        accounts: status.accounts.map((a) => ({ id: a.accountId, provider: a.provider, name: a.name, status: a.status, statusMessage: a.statusMessage })),
        week,
        today: { date: today, nowMinute, entries },
        hour12,
      },
      this.opts.shell.settingsStore.get(),
    );
    if (JSON.stringify(decision.memory) !== JSON.stringify(this.memory)) {
      this.memory = decision.memory;
      writeShellValues(this.opts.db, { [MEMORY_KEY]: decision.memory });
    }
    for (const n of decision.notifications) this.opts.ui.notify(n);
  }

  /** A tray menu click. */
  async handleTrayAction(action: TrayAction, target?: string): Promise<void> {
    switch (action) {
      case 'sync-now':
        await this.opts.sync.syncNow();
        return;
      case 'open':
        this.opts.ui.showWindow();
        return;
      case 'reconnect':
        this.openReconnect(target ?? this.opts.sync.status().accounts.find((a) => a.status === 'needs_reconnect')?.accountId ?? null);
        return;
      case 'toggle-pause':
        if (this.opts.sync.paused) this.opts.sync.resume();
        else this.opts.sync.pause();
        this.refresh();
        return;
      case 'open-entry': {
        const date = localToday(this.now());
        this.opts.shell.navigate({ view: 'week', date, entryId: target ?? null });
        this.opts.ui.showWindow();
        return;
      }
      case 'quit':
        this.opts.ui.quit();
        return;
    }
  }

  /** A click on one of our notifications. */
  handleNotificationClick(n: ShellNotification): void {
    if (n.kind === 'reconnect') this.openReconnect(n.accountId);
    else if (n.kind === 'entry-start') {
      this.opts.shell.navigate({ view: 'week', date: n.date, entryId: n.entryId });
      this.opts.ui.showWindow();
    } else {
      this.opts.shell.navigate({ view: 'week', date: n.weekStart, entryId: null });
      this.opts.ui.showWindow();
    }
  }

  /** The network went or came back: sync at once on return (only on a change). */
  observeNetwork(online: boolean): void {
    if (this.online === online) return;
    const first = this.online === null;
    this.online = online;
    if (!first) this.opts.sync.networkChanged(online);
  }

  private openReconnect(accountId: string | null): void {
    this.opts.shell.navigate({ view: 'reconnect', accountId });
    this.opts.ui.showWindow();
  }

}
