// The integrations sidebar's list: source items filtered and grouped by project into the flat
// row list the virtualiser renders (a header row per project, then its items).
import type { SourceItem } from '../../common/domain';
import type { ProviderName } from './sourceKey';
import { sourceKey } from './sourceKey';

export interface SourceFilters {
  provider: ProviderName | null;
  search: string;
  /** Only items assigned to this user id; null shows everyone's. */
  assignedTo: string | null;
  /** One status, or null for all. */
  status: string | null;
}

export type SourceRow =
  | { kind: 'project'; key: string; name: string; count: number }
  | { kind: 'item'; key: string; item: SourceItem; planned: boolean };

export const NO_PROJECT = 'No project';

export function matchesFilters(item: SourceItem, f: SourceFilters, needle = f.search.trim().toLowerCase()): boolean {
  if (f.provider && item.provider !== f.provider) return false;
  if (f.status && item.status !== f.status) return false;
  if (f.assignedTo && !item.assigneeIds.includes(f.assignedTo)) return false;
  if (needle && !item.title.toLowerCase().includes(needle) && !(item.projectName ?? '').toLowerCase().includes(needle)) return false;
  return true;
}

/** Groups matching items by project (alphabetical, "No project" last), items by title. */
export function buildSourceRows(items: readonly SourceItem[], filters: SourceFilters, plannedKeys: ReadonlySet<string>): SourceRow[] {
  const needle = filters.search.trim().toLowerCase();
  const groups = new Map<string, SourceItem[]>();
  for (const item of items) {
    if (!matchesFilters(item, filters, needle)) continue;
    const name = item.projectName?.trim() || NO_PROJECT;
    let list = groups.get(name);
    if (!list) groups.set(name, (list = []));
    list.push(item);
  }
  const names = [...groups.keys()].sort((a, b) => (a === NO_PROJECT ? 1 : b === NO_PROJECT ? -1 : a.localeCompare(b)));
  const rows: SourceRow[] = [];
  for (const name of names) {
    const list = groups.get(name)!.sort((a, b) => a.title.localeCompare(b.title));
    rows.push({ kind: 'project', key: `project:${name}`, name, count: list.length });
    for (const item of list) {
      const key = sourceKey(item);
      rows.push({ kind: 'item', key, item, planned: plannedKeys.has(key) });
    }
  }
  return rows;
}

/** Statuses present in the items, for the status filter. */
export function statusesOf(items: readonly SourceItem[]): string[] {
  return [...new Set(items.map((i) => i.status))].sort();
}

export function providersOf(items: readonly SourceItem[]): ProviderName[] {
  return [...new Set(items.map((i) => i.provider))].sort();
}
