// The tray menu as data, built from the app state by one pure function; the Electron shell
// only renders it. Keeping the decisions here makes them testable without Electron.
import type { SyncStatus } from '../../../common/ipc/sync-schemas';
import { formatMinutes } from '../../../common/duration';
import { formatClock } from '../../../common/clockText';
import { describeSyncStatus, type SyncTextOptions } from '../../../common/sync-status-text';
import { providerLabel, type ProviderName } from '../../../common/providers';

export type TrayAction = 'sync-now' | 'open' | 'reconnect' | 'toggle-pause' | 'quit' | 'open-entry';

export type TrayItem =
  | { kind: 'label'; text: string }
  /** `target`: the entry of 'open-entry', the account of 'reconnect'. */
  | { kind: 'action'; id: TrayAction; label: string; enabled: boolean; target?: string }
  | { kind: 'checkbox'; id: TrayAction; label: string; checked: boolean }
  | { kind: 'separator' };

export type TrayIconState = 'normal' | 'syncing' | 'offline' | 'needs_reconnect';

export interface TodayEntry {
  id: string;
  title: string;
  startMinute: number;
  durationMinutes: number;
  done: boolean;
}

export interface TrayState {
  status: SyncStatus;
  paused: boolean;
  today: { entries: TodayEntry[]; plannedMinutes: number; trackedMinutes: number | null };
  /** Minutes since local midnight: entries that already ended are not "next". */
  nowMinute: number;
  now: Date;
  /** Times on a 12-hour clock (the time format setting, as the window writes them). */
  hour12?: boolean;
}

const MAX_ENTRIES = 5;


const textOptions = (state: TrayState): SyncTextOptions => ({ clock: (m) => formatClock(m, state.hour12 ?? false) });

export function trayIconState(status: SyncStatus): TrayIconState {
  if (status.state === 'needs_reconnect') return 'needs_reconnect';
  if (status.state === 'offline') return 'offline';
  if (status.state === 'syncing') return 'syncing';
  return 'normal';
}

export function trayTooltip(state: TrayState): string {
  return `Stint — ${describeSyncStatus(state.status, state.now, textOptions(state))}`;
}

export function buildTrayMenu(state: TrayState): TrayItem[] {
  const { today, status } = state;
  const items: TrayItem[] = [];
  const tracked = today.trackedMinutes === null ? '' : ` · ${formatMinutes(today.trackedMinutes)} tracked`;
  items.push({ kind: 'label', text: `Today: ${formatMinutes(today.plannedMinutes)} planned${tracked}` });

  const upcoming = today.entries
    .filter((e) => !e.done && e.startMinute + e.durationMinutes > state.nowMinute)
    .sort((a, b) => a.startMinute - b.startMinute)
    .slice(0, MAX_ENTRIES);
  if (upcoming.length === 0) items.push({ kind: 'label', text: today.entries.length ? 'Nothing more planned today' : 'Nothing planned today' });
  for (const e of upcoming) {
    items.push({
      kind: 'action',
      id: 'open-entry',
      target: e.id,
      label: `${formatClock(e.startMinute, state.hour12 ?? false)}–${formatClock(e.startMinute + e.durationMinutes, state.hour12 ?? false)}  ${e.title}`,
      enabled: true,
    });
  }

  items.push({ kind: 'separator' });
  items.push({ kind: 'label', text: describeSyncStatus(status, state.now, textOptions(state)) });
  const hasAccounts = status.accounts.length > 0;
  const anyActive = status.accounts.some((a) => a.status !== 'needs_reconnect');
  items.push({ kind: 'action', id: 'sync-now', label: 'Sync now', enabled: hasAccounts && anyActive && status.state !== 'syncing' });
  items.push({ kind: 'action', id: 'open', label: 'Open Stint', enabled: true });
  // One item per provider that needs it; it opens the first such account's reconnect flow.
  const needing = new Map<string, string>();
  for (const a of status.accounts) if (a.status === 'needs_reconnect' && !needing.has(a.provider)) needing.set(a.provider, a.accountId);
  for (const [provider, accountId] of needing) {
    items.push({ kind: 'action', id: 'reconnect', label: `Reconnect ${providerLabel(provider as ProviderName)}…`, enabled: true, target: accountId });
  }
  if (hasAccounts) items.push({ kind: 'checkbox', id: 'toggle-pause', label: 'Pause sync', checked: state.paused });
  items.push({ kind: 'separator' });
  items.push({ kind: 'action', id: 'quit', label: 'Quit Stint', enabled: true });
  return items;
}
