import { describe, expect, it } from 'vitest';
import type { AccountStatus, SyncStatus } from '../../src/common/ipc/sync-schemas';
import { ago, describeSyncStatus } from '../../src/common/sync-status-text';

const account = (over: Partial<AccountStatus> = {}): AccountStatus => ({
  accountId: 'a1',
  provider: 'hubstaff',
  userId: '7',
  name: 'Alex',
  email: null,
  status: 'connected',
  statusMessage: null,
  sessionOnly: false,
  organizations: [{ id: '1', name: 'Acme' }],
  lastSyncedAt: null,
  lastError: null,
  ...over,
});

// 16:05 local time, wherever this runs: the wording is about the local clock.
const synced = new Date(2026, 10, 24, 16, 5);
const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({ state: 'idle', lastSyncedAt: synced.toISOString(), accounts: [account()], streams: [], ...over });
const twelveHour = { clock: (m: number) => `${Math.floor(m / 60) % 12 || 12}:${String(m % 60).padStart(2, '0')} ${m < 720 ? 'AM' : 'PM'}` };

describe('describeSyncStatus', () => {
  it('writes times of day as HH:MM by default (the tray and the CLI)', () => {
    expect(describeSyncStatus(status({ state: 'offline' }), synced)).toBe('Offline — showing data from 16:05');
    expect(ago(synced.toISOString(), new Date(synced.getTime() + 2 * 3_600_000))).toBe('at 16:05');
  });

  it('writes times of day with the clock it is given (the window, in its time format)', () => {
    expect(describeSyncStatus(status({ state: 'offline' }), synced, twelveHour)).toBe('Offline — showing data from 4:05 PM');
    const later = new Date(synced.getTime() + 2 * 3_600_000);
    expect(describeSyncStatus(status(), later, twelveHour)).toBe('Synced at 4:05 PM');
    expect(describeSyncStatus(status({ state: 'paused' }), later, twelveHour)).toBe('Sync paused — last synced at 4:05 PM');
    // Recent times are relative either way.
    expect(describeSyncStatus(status(), new Date(synced.getTime() + 12_000), twelveHour)).toBe('Synced 12 s ago');
  });

  it('says what loading history is at, in plain words', () => {
    const s = status({ state: 'syncing', streams: [{ accountId: 'a1', orgId: '1', stream: 'activities', lastSuccessAt: null, lastError: null, progress: { done: 2, total: 5 } }] });
    expect(describeSyncStatus(s, synced)).toBe('Syncing… loading history 40%');
    expect(describeSyncStatus(status({ state: 'syncing' }), synced)).toBe('Syncing…');
  });

  it('names the provider that needs reconnecting, and the problem when there is one', () => {
    expect(describeSyncStatus(status({ state: 'needs_reconnect', accounts: [account({ provider: 'hubspot', status: 'needs_reconnect' })] }), synced)).toBe('HubSpot disconnected — Reconnect');
    expect(describeSyncStatus(status({ state: 'error', accounts: [account({ lastError: { code: 'forbidden_org', message: 'No access to this organization' } })] }), synced)).toBe(
      'Sync problem: No access to this organization',
    );
    expect(describeSyncStatus(status({ state: 'signed_out', accounts: [] }), synced)).toBe('Not connected to Hubstaff');
  });
});
