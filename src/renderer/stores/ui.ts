// View state that lives only in the window: panels, selection, inline editing, placing.
import { create } from 'zustand';
import type { SourceItem, Task } from '../../common/domain';

/** Something waiting to be put on the calendar from the keyboard (the Place dialog). */
export type PlaceTarget = { kind: 'source'; item: SourceItem } | { kind: 'task'; task: Task };

/** An entry's context menu, at a point of the window. */
export interface EntryMenu {
  entryId: string;
  x: number;
  y: number;
}

/** What just happened, with Undo (a delete, a move, a completion). */
export interface Notice {
  id: number;
  message: string;
  /** The entry it was about: Undo gives it the focus back. */
  entryId: string | null;
  /** False for a message with nothing to undo (a refused drag). */
  undo: boolean;
}

export type Overlay = 'shortcuts' | 'palette' | null;

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
  /** The entry whose details panel is open. */
  detailsEntryId: string | null;
  menu: EntryMenu | null;
  overlay: Overlay;
  notice: Notice | null;
  /** The unscheduled panel, when the window is narrow enough to fold it (see App). */
  unscheduledOpen: boolean;
  toggleSidebar(): void;
  setSidebarOpen(open: boolean): void;
  setSettingsOpen(open: boolean): void;
  /** Opens Settings on the account's reconnect flow. */
  openReconnect(accountId: string): void;
  select(entryId: string | null): void;
  editEntry(entryId: string | null): void;
  place(target: PlaceTarget | null): void;
  keepFocus(entryId: string | null): void;
  openDetails(entryId: string | null): void;
  openMenu(menu: EntryMenu | null): void;
  setOverlay(overlay: Overlay): void;
  notify(message: string, entryId?: string, undo?: boolean): void;
  dismissNotice(): void;
  setUnscheduledOpen(open: boolean): void;
}

let noticeId = 0;

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
  detailsEntryId: null,
  menu: null,
  overlay: null,
  notice: null,
  unscheduledOpen: false,
  openDetails: (entryId) => set(entryId ? { detailsEntryId: entryId, selectedEntryId: entryId, menu: null } : { detailsEntryId: null }),
  openMenu: (menu) => set(menu ? { menu, selectedEntryId: menu.entryId } : { menu: null }),
  setOverlay: (overlay) => set({ overlay }),
  notify: (message, entryId, undo = true) => set({ notice: { id: ++noticeId, message, entryId: entryId ?? null, undo } }),
  dismissNotice: () => set({ notice: null }),
  setUnscheduledOpen: (open) => set({ unscheduledOpen: open }),
}));
