// View state that lives only in the window: panels, selection, inline editing, placing.
import { create } from 'zustand';
import type { SourceItem, Task } from '../../common/domain';

/** Something waiting to be put on the calendar from the keyboard (the Place dialog). */
export type PlaceTarget = { kind: 'source'; item: SourceItem } | { kind: 'task'; task: Task };

interface UiState {
  sidebarOpen: boolean;
  settingsOpen: boolean;
  /** The account the Settings dialog opens on, in its reconnect flow (the banner, the tray). */
  reconnectAccountId: string | null;
  selectedEntryId: string | null;
  editingEntryId: string | null;
  placing: PlaceTarget | null;
  /** Entry to give focus to once the calendar re-renders it (keyboard edits keep focus). */
  focusEntryId: string | null;
  /**
   * A user id from `?user=` in the page address, for "Assigned to me" when no account is signed
   * in (the signed-in Hubstaff account's id wins; see App).
   */
  currentUserId: string | null;
  toggleSidebar(): void;
  setSidebarOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  /** Opens Settings on the account's reconnect flow. */
  openReconnect(accountId: string): void;
  select(entryId: string | null): void;
  editEntry(entryId: string | null): void;
  place(target: PlaceTarget | null): void;
  keepFocus(entryId: string | null): void;
}

const SIDEBAR_KEY = 'stint.sidebarOpen';

/** The sidebar stays as the user left it (a view preference, so the window keeps it). */
function rememberedSidebar(): boolean {
  try {
    return window.localStorage.getItem(SIDEBAR_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberSidebar(open: boolean): boolean {
  try {
    window.localStorage.setItem(SIDEBAR_KEY, open ? '1' : '0');
  } catch {
    // expected: storage unavailable: the choice lasts for this session only
  }
  return open;
}

function userFromAddress(): string | null {
  try {
    return new URL(window.location.href).searchParams.get('user') || null;
  } catch {
    return null;
  }
}

export const useUi = create<UiState>((set) => ({
  sidebarOpen: rememberedSidebar(),
  settingsOpen: false,
  reconnectAccountId: null,
  selectedEntryId: null,
  editingEntryId: null,
  placing: null,
  focusEntryId: null,
  currentUserId: userFromAddress(),
  toggleSidebar: () => set((s) => ({ sidebarOpen: rememberSidebar(!s.sidebarOpen) })),
  setSidebarOpen: (open) => set({ sidebarOpen: rememberSidebar(open) }),
  setSettingsOpen: (open) => set(open ? { settingsOpen: true } : { settingsOpen: false, reconnectAccountId: null }),
  openReconnect: (accountId) => set({ settingsOpen: true, reconnectAccountId: accountId }),
  select: (entryId) => set({ selectedEntryId: entryId }),
  editEntry: (entryId) => set({ editingEntryId: entryId, ...(entryId ? { selectedEntryId: entryId } : {}) }),
  place: (target) => set({ placing: target }),
  keepFocus: (entryId) => set({ focusEntryId: entryId }),
}));
