// Reads what the tray shows from the app (today's plan, tracked time, sync status) and turns
// it into the view the Electron shell renders: menu items, icon file and tooltip.
import { join } from 'node:path';
import { uses12h } from '../../../common/clockText';
import { localToday, type Weekday } from '../../../common/dates';
import type { SyncStatus } from '../../../common/ipc/sync-schemas';
import { tracksTime } from '../../../common/providers';
import type { Planner } from '../planner/planner';
import type { SettingsStore } from '../settings';
import type { TrackedTime } from '../sync/index';
import { buildTrayMenu, trayIconState, trayTooltip, type TrayIconState, type TrayItem, type TrayState } from '../tray/menuModel';

export interface TrayView {
  menu: TrayItem[];
  icon: TrayIconState;
  tooltip: string;
}

export interface TraySources {
  planner: Pick<Planner, 'getWeek'>;
  tracked: Pick<TrackedTime, 'week'>;
  settings: Pick<SettingsStore, 'get'>;
}

/** Today, this week, and the tray state; `week` also feeds the overtime notification. */
export interface TraySnapshot {
  state: TrayState;
  today: string;
  week: { weekStart: string; trackedSeconds: number; thresholdSeconds: number } | null;
}

export function readTraySnapshot(src: TraySources, status: SyncStatus, paused: boolean, now: Date): TraySnapshot {
  const settings = src.settings.get();
  const today = localToday(now);
  const week = src.planner.getWeek({ date: today, weekStartsOn: settings.weekStartsOn as Weekday });
  const entries = week.entries
    .filter((e) => e.date === today)
    .map((e) => ({ id: e.id, title: e.task.title, startMinute: e.startMinute, durationMinutes: e.durationMinutes, done: e.task.status === 'done' }));
  const plannedMinutes = week.days.find((d) => d.date === today)?.plannedMinutes ?? 0;

  // Tracked time exists only with an account of a provider that tracks time (Hubstaff);
  // without one the tray says nothing of it.
  const hasTracking = tracksTime(status.accounts);
  let trackedMinutes: number | null = null;
  let weekTotals: TraySnapshot['week'] = null;
  if (hasTracking) {
    const tracked = src.tracked.week(week.weekStart, { overtimeThresholdMinutes: settings.overtimeThresholdMinutes });
    const day = tracked.days.find((d) => d.date === today);
    trackedMinutes = Math.floor((day?.trackedSeconds ?? 0) / 60);
    weekTotals = { weekStart: week.weekStart, trackedSeconds: tracked.totalSeconds, thresholdSeconds: tracked.thresholdSeconds };
  }

  return {
    today,
    week: weekTotals,
    state: {
      status,
      paused,
      today: { entries, plannedMinutes, trackedMinutes },
      nowMinute: now.getHours() * 60 + now.getMinutes(),
      now,
      hour12: uses12h(settings.timeFormat),
    },
  };
}

export function buildTrayView(state: TrayState): TrayView {
  return { menu: buildTrayMenu(state), icon: trayIconState(state.status), tooltip: trayTooltip(state) };
}

const ICON_MARK: Record<TrayIconState, string> = { normal: '', syncing: '-syncing', offline: '-offline', needs_reconnect: '-reconnect' };

/**
 * The tray icon file: the dark-glyph set on light menu bars, the light-glyph set on dark ones.
 * Electron picks the `@2x` file beside it on high-density screens by itself.
 */
export function trayIconFile(resourcesDir: string, icon: TrayIconState, darkMenuBar: boolean): string {
  return join(resourcesDir, 'tray', `tray-${darkMenuBar ? 'dark' : 'light'}${ICON_MARK[icon]}.png`);
}
