// Sync status as main reports it (`sync.status` command and event), and "Sync now".
import { create } from 'zustand';
import { EMPTY_SYNC_STATUS, type SyncStatus } from '../../common/ipc/sync-schemas';
import { call } from '../lib/api';
import { attempt } from './errors';

interface SyncState {
  status: SyncStatus;
  loaded: boolean;
  /** A "Sync now" is running (the button waits for it). */
  syncing: boolean;
  load(): Promise<void>;
  receive(status: SyncStatus): void;
  syncNow(): Promise<void>;
}

export const useSync = create<SyncState>((set, get) => ({
  status: EMPTY_SYNC_STATUS,
  loaded: false,
  syncing: false,
  async load() {
    const status = await attempt(() => call('sync.status'));
    if (status) set({ status, loaded: true });
  },
  receive(status) {
    set({ status, loaded: true });
  },
  async syncNow() {
    if (get().syncing) return;
    set({ syncing: true });
    try {
      await attempt(() => call('sync.now', {}));
    } finally {
      set({ syncing: false });
    }
    await get().load();
  },
}));
