// One wording of the sync state for the status bar, the tray and the CLI, in plain words.
import type { SyncStatus } from './ipc/sync-schemas';
import { providerLabel } from './providers';

export interface SyncTextOptions {
  /**
   * Writes a local time of day (minutes after midnight), so the window can use its time format
   * setting; `HH:MM` by default (the tray and the CLI).
   */
  clock?: (minuteOfDay: number) => string;
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function clock(iso: string, opts: SyncTextOptions): string {
  const d = new Date(iso);
  return (opts.clock ?? hhmm)(d.getHours() * 60 + d.getMinutes());
}

/** "12 s ago", "3 min ago", "at 10:42" for older times. */
export function ago(iso: string, now: Date, opts: SyncTextOptions = {}): string {
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `at ${clock(iso, opts)}`;
}

/** Backfill progress over all streams, 0–100, or null when nothing is backfilling. */
export function backfillPercent(status: SyncStatus): number | null {
  let done = 0;
  let total = 0;
  for (const s of status.streams) {
    if (!s.progress || s.progress.total === 0) continue;
    done += s.progress.done;
    total += s.progress.total;
  }
  return total === 0 || done >= total ? null : Math.floor((done / total) * 100);
}

export function describeSyncStatus(status: SyncStatus, now: Date, opts: SyncTextOptions = {}): string {
  const since = status.lastSyncedAt;
  switch (status.state) {
    case 'signed_out':
      return 'Not connected to Hubstaff';
    case 'needs_reconnect': {
      const names = status.accounts.filter((a) => a.status === 'needs_reconnect').map((a) => providerLabel(a.provider));
      return `${[...new Set(names)].join(' and ') || 'Hubstaff'} disconnected — Reconnect`;
    }
    case 'offline':
      return since ? `Offline — showing data from ${clock(since, opts)}` : 'Offline — nothing synced yet';
    case 'syncing': {
      const pct = backfillPercent(status);
      return pct === null ? 'Syncing…' : `Syncing… loading history ${pct}%`;
    }
    case 'paused':
      return since ? `Sync paused — last synced ${ago(since, now, opts)}` : 'Sync paused';
    case 'error': {
      const err = status.accounts.find((a) => a.lastError)?.lastError ?? status.streams.find((s) => s.lastError)?.lastError;
      return `Sync problem${err ? `: ${err.message}` : ''}`;
    }
    case 'idle':
      return since ? `Synced ${ago(since, now, opts)}` : 'Waiting for the first sync';
  }
}
