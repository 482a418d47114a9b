// The integrations sidebar (Alt+I): source items per provider, grouped by project, searchable
// and filterable, virtualised so thousands of rows stay smooth. Rows drag onto the calendar;
// from the keyboard, a row's "Plan" button opens the Place dialog.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { parseTitleDuration } from '../../common/duration';
import { useExternalDrag } from '../hooks/useExternalDrag';
import { readDragPayload } from '../lib/dragPayload';
import { buildSourceRows, providersOf, statusesOf } from '../lib/sourceRows';
import { providerLabel } from '../../common/providers';
import { sourceKey, type ProviderName } from '../lib/sourceKey';
import { useSettings } from '../stores/settings';
import { useSources } from '../stores/sources';
import { closeSidebar } from '../hooks/useKeyboard';
import { useWeek } from '../stores/week';
import { CloseIcon, SearchIcon } from './Icons';
import { SourceItemRow } from './SourceItemRow';

const ROW_HEIGHT = 52;
const HEADER_HEIGHT = 34;

/** `signedInUsers`: per provider, the signed-in person ("Assigned to me"); `fallbackUserId` without one. */
export function Sidebar({ signedInUsers, fallbackUserId }: { signedInUsers: Partial<Record<ProviderName, string>>; fallbackUserId: string | null }) {
  const items = useSources((s) => s.items);
  const loaded = useSources((s) => s.loaded);
  const total = useSources((s) => s.total);
  const filters = useSources((s) => s.filters);
  const setFilters = useSources((s) => s.setFilters);
  const week = useWeek((s) => s.week);
  const defaultDuration = useSettings((s) => s.settings.defaultDurationMinutes);
  const scroller = useRef<HTMLDivElement>(null);

  const providers = useMemo(() => providersOf(items), [items]);
  const provider: ProviderName | null = filters.provider && providers.includes(filters.provider) ? filters.provider : (providers[0] ?? null);
  const currentUserId = (provider && signedInUsers[provider]) ?? fallbackUserId;
  const statuses = useMemo(() => statusesOf(items.filter((i) => i.provider === provider)), [items, provider]);
  const plannedKeys = useMemo(
    () => new Set((week?.entries ?? []).flatMap((e) => (e.task.source ? [sourceKey(e.task.source)] : []))),
    [week],
  );
  const rows = useMemo(
    () =>
      buildSourceRows(
        items,
        { provider, search: filters.search, status: filters.status, assignedTo: filters.assignedToMe ? currentUserId : null },
        plannedKeys,
      ),
    [items, provider, filters.search, filters.status, filters.assignedToMe, currentUserId, plannedKeys],
  );
  const byKey = useMemo(() => new Map(items.map((i) => [sourceKey(i), i])), [items]);
  const itemCount = rows.length - rows.filter((r) => r.kind === 'project').length;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (rows[i]?.kind === 'project' ? HEADER_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
  });

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [provider, filters.search, filters.status, filters.assignedToMe, virtualizer]);

  const preview = useCallback(
    (el: HTMLElement) => {
      const payload = readDragPayload(el);
      const item = payload?.kind === 'source' ? byKey.get(sourceKey(payload.ref)) : undefined;
      const parsed = parseTitleDuration(item?.title ?? '');
      return { title: parsed.title || item?.title || 'Item', durationMinutes: parsed.minutes ?? defaultDuration };
    },
    [byKey, defaultDuration],
  );
  useExternalDrag(scroller, '.source-item', preview);

  return (
    <aside className="sidebar" aria-label="Integrations">
      <header className="panel-header">
        <h2>Integrations</h2>
        <button type="button" className="icon-button" aria-label="Close integrations (Alt+I)" title="Close (Alt+I)" onClick={() => closeSidebar()}>
          <CloseIcon />
        </button>
      </header>

      {providers.length > 1 && (
        <div className="provider-tabs" role="group" aria-label="Provider">
          {providers.map((p) => (
            <button key={p} type="button" className="chip" aria-pressed={p === provider} onClick={() => setFilters({ provider: p, status: null })}>
              {providerLabel(p)}
            </button>
          ))}
        </div>
      )}

      <div className="sidebar-filters">
        <label className="search">
          <SearchIcon />
          <input type="search" placeholder="Search items" aria-label="Search items" value={filters.search} onChange={(e) => setFilters({ search: e.target.value })} />
        </label>
        <div className="filter-row">
          <label className="toggle" title={currentUserId ? undefined : `Sign in to ${provider ? providerLabel(provider) : 'an account'} to filter by assignee`}>
            <input type="checkbox" checked={filters.assignedToMe && !!currentUserId} disabled={!currentUserId} onChange={(e) => setFilters({ assignedToMe: e.target.checked })} />
            Assigned to me
          </label>
          <label className="select-label">
            <span className="visually-hidden">Status</span>
            <select value={filters.status ?? ''} onChange={(e) => setFilters({ status: e.target.value || null })}>
              <option value="">All statuses</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>

      <p className="sidebar-count" aria-live="polite">
        {provider ? `${itemCount} ${providerLabel(provider)} item${itemCount === 1 ? '' : 's'}` : ''}
      </p>

      {total !== null && (
        <p className="sidebar-cut" role="note">
          Showing the first {items.length.toLocaleString()} of {total.toLocaleString()} items; search and filters look in these only.
        </p>
      )}

      <div className="sidebar-list" ref={scroller}>
        {loaded && items.length === 0 && <p className="empty">No items yet. Connect Hubstaff in Settings to see its tasks here.</p>}
        {items.length > 0 && rows.length === 0 && <p className="empty">No items match.</p>}
        <div role="list" aria-label={provider ? `${providerLabel(provider)} items` : 'Items'} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index]!;
            const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` };
            return row.kind === 'project' ? (
              <div key={v.key} role="presentation" className="project-header" style={style}>
                <span className="project-name">{row.name}</span>
                <span className="project-count">{row.count}</span>
              </div>
            ) : (
              <SourceItemRow key={v.key} item={row.item} planned={row.planned} style={style} />
            );
          })}
        </div>
      </div>
      <p className="sidebar-hint">Drag an item onto the week, or press its calendar button to place it.</p>
    </aside>
  );
}
