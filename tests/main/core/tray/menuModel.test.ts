import { describe, expect, it } from 'vitest';
import type { AccountStatus, SyncStatus } from '../../../../src/common/ipc/sync-schemas';
import { buildTrayMenu, trayIconState, type TrayItem, type TrayState } from '../../../../src/main/core/tray/menuModel';

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
  lastSyncedAt: '2026-11-24T10:41:48.000Z',
  lastError: null,
  ...over,
});

const now = new Date('2026-11-24T10:42:00.000Z');
const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({ state: 'idle', lastSyncedAt: '2026-11-24T10:41:48.000Z', accounts: [account()], streams: [], ...over });
const state = (over: Partial<TrayState> = {}): TrayState => ({
  status: status(),
  paused: false,
  today: {
    plannedMinutes: 240,
    trackedMinutes: 70,
    entries: [
      { id: 'e1', title: 'Standup', startMinute: 540, durationMinutes: 15, done: false },
      { id: 'e3', title: 'Write report', startMinute: 660, durationMinutes: 90, done: false },
      { id: 'e2', title: 'Review PR', startMinute: 600, durationMinutes: 60, done: false },
      { id: 'e4', title: 'Done already', startMinute: 720, durationMinutes: 30, done: true },
    ],
  },
  nowMinute: 610,
  now,
  ...over,
});

const labels = (items: TrayItem[]) => items.map((i) => (i.kind === 'label' ? i.text : i.kind === 'separator' ? '---' : i.kind === 'checkbox' ? `[${i.checked ? 'x' : ' '}] ${i.label}` : `${i.label}${i.enabled ? '' : ' (disabled)'}`));

describe('tray menu model', () => {
  it('lists today’s plan (next open entries in time order), status, and the actions', () => {
    expect(labels(buildTrayMenu(state()))).toEqual([
      'Today: 4h planned · 1h 10m tracked',
      '10:00–11:00  Review PR',
      '11:00–12:30  Write report',
      '---',
      'Synced 12 s ago',
      'Sync now',
      'Open Stint',
      '[ ] Pause sync',
      '---',
      'Quit Stint',
    ]);
  });

  it('writes times in the window’s time format (12-hour here)', () => {
    const s = status({ state: 'offline' });
    const synced = new Date('2026-11-24T10:41:48.000Z');
    const h = synced.getHours();
    const twelve = `${h % 12 === 0 ? 12 : h % 12}:${String(synced.getMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
    const items = labels(buildTrayMenu(state({ status: s, hour12: true })));
    expect(items.slice(1, 3)).toEqual(['10:00 AM–11:00 AM  Review PR', '11:00 AM–12:30 PM  Write report']);
    expect(items).toContain(`Offline — showing data from ${twelve}`);
  });

  it('offers Reconnect and marks the icon when Hubstaff needs reconnecting', () => {
    const s = status({ state: 'needs_reconnect', accounts: [account({ status: 'needs_reconnect' })] });
    const items = labels(buildTrayMenu(state({ status: s })));
    expect(items).toContain('Hubstaff disconnected — Reconnect');
    expect(items).toContain('Reconnect Hubstaff…');
    expect(items).toContain('Sync now (disabled)');
    expect(trayIconState(s)).toBe('needs_reconnect');
  });

  it('offers one Reconnect per provider that needs it, each opening its first such account', () => {
    const s = status({
      state: 'needs_reconnect',
      accounts: [
        account({ accountId: 'hs1', status: 'needs_reconnect' }),
        account({ accountId: 'spot1', provider: 'hubspot', status: 'needs_reconnect' }),
        account({ accountId: 'spot2', provider: 'hubspot', status: 'needs_reconnect' }),
        account({ accountId: 'hs2', status: 'connected' }),
      ],
    });
    const menu = buildTrayMenu(state({ status: s }));
    expect(labels(menu)).toContain('Hubstaff and HubSpot disconnected — Reconnect');
    expect(menu.filter((i) => i.kind === 'action' && i.id === 'reconnect')).toEqual([
      { kind: 'action', id: 'reconnect', label: 'Reconnect Hubstaff…', enabled: true, target: 'hs1' },
      { kind: 'action', id: 'reconnect', label: 'Reconnect HubSpot…', enabled: true, target: 'spot1' },
    ]);
    // One account still syncs, so Sync now stays available.
    expect(labels(menu)).toContain('Sync now');
  });

  it('shows the offline state with the time of the cached data', () => {
    const s = status({ state: 'offline' });
    // The local time of the last sync, in whatever zone this runs (Kolkata's is :11 past).
    const synced = new Date('2026-11-24T10:41:48.000Z');
    const hhmm = `${String(synced.getHours()).padStart(2, '0')}:${String(synced.getMinutes()).padStart(2, '0')}`;
    expect(labels(buildTrayMenu(state({ status: s })))).toContain(`Offline — showing data from ${hhmm}`);
    expect(trayIconState(s)).toBe('offline');
  });

  it('shows backfill progress while syncing and disables Sync now', () => {
    const s = status({ state: 'syncing', streams: [{ accountId: 'a1', orgId: '1', stream: 'activities', lastSuccessAt: null, lastError: null, progress: { done: 2, total: 5 } }] });
    const items = labels(buildTrayMenu(state({ status: s })));
    expect(items).toContain('Syncing… loading history 40%');
    expect(items).toContain('Sync now (disabled)');
  });

  it('without accounts: no sync actions beyond open and quit, and an empty day says so', () => {
    const items = labels(buildTrayMenu(state({ status: status({ state: 'signed_out', accounts: [], lastSyncedAt: null }), today: { entries: [], plannedMinutes: 0, trackedMinutes: null } })));
    expect(items).toEqual(['Today: 0m planned', 'Nothing planned today', '---', 'Not connected to Hubstaff', 'Sync now (disabled)', 'Open Stint', '---', 'Quit Stint']);
  });

  it('reflects pause and caps the list of entries', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ id: `e${i}`, title: `T${i}`, startMinute: 700 + i * 30, durationMinutes: 30, done: false }));
    const items = buildTrayMenu(state({ paused: true, today: { entries: many, plannedMinutes: 270, trackedMinutes: 0 } }));
    expect(items.filter((i) => i.kind === 'action' && i.id === 'open-entry')).toHaveLength(5);
    expect(labels(items)).toContain('[x] Pause sync');
  });
});
