// Items from integrations for the sidebar. All cached items load once (main caps the list) and
// are filtered here, so typing in the search box never waits on IPC.
import { create } from 'zustand';
import type { SourceItem } from '../../common/domain';
import { call } from '../lib/api';
import type { ProviderName } from '../lib/sourceKey';
import { attempt } from './errors';

export const SIDEBAR_ITEM_LIMIT = 20_000;

export interface SidebarFilters {
  provider: ProviderName | null;
  search: string;
  assignedToMe: boolean;
  status: string | null;
}

interface SourcesState {
  items: SourceItem[];
  loaded: boolean;
  /** How many items the cache holds when the list was cut at SIDEBAR_ITEM_LIMIT; else null. */
  total: number | null;
  filters: SidebarFilters;
  load(): Promise<void>;
  setFilters(patch: Partial<SidebarFilters>): void;
}

let latest = 0;

export const useSources = create<SourcesState>((set) => ({
  items: [],
  loaded: false,
  total: null,
  filters: { provider: null, search: '', assignedToMe: false, status: null },
  async load() {
    const request = ++latest;
    const items = await attempt(() => call('sources.listItems', { limit: SIDEBAR_ITEM_LIMIT }));
    if (!items || request !== latest) return;
    const total = items.length >= SIDEBAR_ITEM_LIMIT ? await attempt(() => call('sources.countItems', {})) : null;
    if (request === latest) set({ items, loaded: true, total: total ?? null });
  },
  setFilters(patch) {
    set((s) => ({ filters: { ...s.filters, ...patch } }));
  },
}));
