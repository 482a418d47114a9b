// The sync status line at the bottom: "Synced 12 s ago", "Syncing… loading history 40%",
// "Offline — showing data from 10:42" (in the time format setting); "Sync now"; a sync error's
// correlation id behind "Details", with a copy button.
import { useEffect, useMemo, useState } from 'react';
import type { SyncStatus } from '../../common/ipc/sync-schemas';
import { describeSyncStatus } from '../../common/sync-status-text';
import { formatClock, useHour12 } from '../lib/clockFormat';
import { useSync } from '../stores/sync';
import { RefDetails } from './CopyButton';

/** Relative times ("12 s ago") move on without an event: the text is redone this often. */
const TICK_MS = 5_000;

/** The first error with a correlation id, from the accounts, then the streams. */
function errorWithId(status: SyncStatus) {
  if (status.state !== 'error' && status.state !== 'offline') return null;
  const all = [...status.accounts.map((a) => a.lastError), ...status.streams.map((s) => s.lastError)];
  return all.find((e) => e?.correlationId) ?? null;
}

export function StatusBar() {
  const status = useSync((s) => s.status);
  const syncing = useSync((s) => s.syncing);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), TICK_MS);
    return () => window.clearInterval(id);
  }, []);
  // A new status is worded against the current time, not the last tick's.
  useEffect(() => setNow(new Date()), [status]);

  const hour12 = useHour12();
  const textOptions = useMemo(() => ({ clock: (minute: number) => formatClock(minute, hour12) }), [hour12]);
  const error = errorWithId(status);
  const canSync = status.accounts.length > 0 && status.state !== 'needs_reconnect';
  return (
    <footer className={`status-bar is-${status.state}`} data-sync-state={status.state}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-text" role="status" data-testid="sync-status">
        {describeSyncStatus(status, now, textOptions)}
      </span>
      {error?.correlationId && (
        <span className="status-error">
          <RefDetails correlationId={error.correlationId} />
        </span>
      )}
      <span className="status-spacer" />
      {status.accounts.length > 0 && (
        <button type="button" className="button small" disabled={!canSync || syncing || status.state === 'syncing'} onClick={() => void useSync.getState().syncNow()}>
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
      )}
    </footer>
  );
}
