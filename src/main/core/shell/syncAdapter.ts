// The shell's one dependency on the sync engine's API, kept in this adapter so a change of
// names there is fixed here only. Everything else in the shell talks to `ShellSync`.
import type { SyncStatus } from '../../../common/ipc/sync-schemas';
import type { SyncEngine } from '../sync/index';

export interface ShellSync {
  status(): SyncStatus;
  /** Returns the unsubscribe function. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /** Starts polling (every 30 s; the engine keeps going while the window is hidden). */
  start(): void;
  /** "Sync now": resolves when the runs are done; never rejects. */
  syncNow(): Promise<void>;
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  networkChanged(online: boolean): void;
  resumedFromSleep(): void;
}

export function adaptSyncEngine(engine: SyncEngine, onError: (error: unknown) => void = () => {}): ShellSync {
  let paused = false;
  return {
    status: () => engine.status(),
    onStatus: (listener) => engine.onStatus(listener),
    start: () => engine.start(),
    syncNow: async () => {
      try {
        await engine.syncNow();
      } catch (e) {
        onError(e);
      }
    },
    pause: () => {
      paused = true;
      engine.pause();
    },
    resume: () => {
      paused = false;
      engine.resume();
    },
    get paused() {
      return paused;
    },
    networkChanged: (online) => engine.networkChanged(online),
    resumedFromSleep: () => engine.resumedFromSleep(),
  };
}
