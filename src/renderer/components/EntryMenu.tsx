// An entry's context menu (right-click, Shift+F10, the menu key): Done, Edit, Duplicate,
// Delete, Open in Hubstaff. Arrow keys move through it, Escape closes it and the focus goes
// back to the entry.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { deleteEntry, duplicateEntry, editEntry, findEntry, focusEntry, openSource, sourceActionLabel, toggleDone } from '../lib/entryActions';
import { useUi } from '../stores/ui';
import { useWeek } from '../stores/week';

interface Item {
  label: string;
  run(): void;
}

export function EntryMenu() {
  const menu = useUi((s) => s.menu);
  const entry = useWeek((s) => (menu ? s.week?.entries.find((e) => e.id === menu.entryId) : undefined));
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);

  const close = (refocus: boolean) => {
    const id = useUi.getState().menu?.entryId;
    useUi.getState().openMenu(null);
    if (refocus && id) focusEntry(id);
  };

  // Kept inside the window: flipped left or up when it would run off an edge.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!menu || !el) return setPos(null);
    const { width, height } = el.getBoundingClientRect();
    setPos({ left: Math.max(4, Math.min(menu.x, window.innerWidth - width - 4)), top: Math.max(4, Math.min(menu.y, window.innerHeight - height - 4)) });
  }, [menu]);

  // Once placed (and visible: a hidden element takes no focus), the first item has the focus.
  useEffect(() => {
    const el = ref.current;
    if (pos && el && !el.contains(document.activeElement)) el.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [pos]);

  useEffect(() => {
    if (!menu) return;
    const outside = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close(false);
    };
    window.addEventListener('pointerdown', outside, true);
    return () => window.removeEventListener('pointerdown', outside, true);
  }, [menu]);

  // The entry went (a sync, an undo) while its menu was open: the menu goes too.
  useEffect(() => {
    if (menu && !entry) useUi.getState().openMenu(null);
  }, [menu, entry]);

  if (!menu || !entry) return null;
  const id = entry.id;
  const source = sourceActionLabel(entry);
  const items: Item[] = [
    { label: entry.task.status === 'done' ? 'Mark not done' : 'Done', run: () => void toggleDone(id) },
    { label: 'Details', run: () => useUi.getState().openDetails(id) },
    { label: 'Rename', run: () => editEntry(id) },
    { label: 'Duplicate', run: () => void duplicateEntry(id) },
    ...(source ? [{ label: source, run: () => void openSource(id) }] : []),
    { label: 'Delete', run: () => void deleteEntry(id) },
  ];
  const activate = (item: Item) => {
    const refocus = item.label !== 'Details' && item.label !== 'Delete' && item.label !== 'Rename';
    close(refocus);
    item.run();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    const go = (j: number) => buttons[(j + buttons.length) % buttons.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(buttons.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') close(true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={`Actions for ${entry.task.title}`}
      style={{ left: pos?.left ?? menu.x, top: pos?.top ?? menu.y, visibility: pos ? 'visible' : 'hidden' }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button key={item.label} type="button" role="menuitem" tabIndex={-1} className={`menu-item${item.label === 'Delete' ? ' is-danger' : ''}`} onClick={() => activate(item)}>
          {item.label}
        </button>
      ))}
    </div>
  );
}

/** The menu for an entry at the pointer (right-click). */
export function openEntryMenuAt(entryId: string, x: number, y: number): void {
  if (findEntry(entryId)) useUi.getState().openMenu({ entryId, x, y });
}
