// What can be done to an entry, one implementation for every way of asking (keys, the context
// menu, the details panel, the command palette): each says what it did with Undo, and leaves
// the focus somewhere sensible.
import { addDays, weekdayOf } from '../../common/dates';
import { MINUTES_PER_DAY } from '../../common/domain';
import { formatMinutes, latestStartMinute } from '../../common/duration';
import { providerLabel } from '../../common/providers';
import { call } from './api';
import { formatClock, uses12h } from './clockFormat';
import { clampStart, SNAP_MINUTES } from './time';
import { attempt } from '../stores/errors';
import { planner } from '../stores/planner';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';
import { isShown, shownDates, useWeek } from '../stores/week';
import type { WeekEntry } from './calendarEvents';
import { weekdayShort } from './time';

export function findEntry(entryId: string): WeekEntry | undefined {
  return useWeek.getState().week?.entries.find((e) => e.id === entryId);
}

const clock = (minute: number) => formatClock(minute, uses12h(useSettings.getState().settings.timeFormat));

export function blockOf(entryId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.fc-event[data-entry-id="${CSS.escape(entryId)}"]`);
}

/** Focuses an entry's block (selecting it), now or once the calendar renders it. */
export function focusEntry(entryId: string): void {
  const ui = useUi.getState();
  ui.select(entryId);
  const block = blockOf(entryId);
  if (block) block.focus();
  else ui.keepFocus(entryId);
}

/** The shown days' entries in reading order: by day, then by start. */
function ordered(): WeekEntry[] {
  const dates = shownDates();
  const shown = new Set(dates);
  return (useWeek.getState().week?.entries ?? [])
    .filter((e) => shown.has(e.date))
    .sort((a, b) => a.date.localeCompare(b.date) || a.startMinute - b.startMinute || a.id.localeCompare(b.id));
}

/**
 * The entry an arrow key leads to: ↑/↓ the previous or next one that day; ←/→ the nearest in
 * time on the closest earlier or later day that has one.
 */
export function neighbour(entryId: string, direction: 'up' | 'down' | 'left' | 'right'): WeekEntry | null {
  const all = ordered();
  const from = all.find((e) => e.id === entryId);
  if (!from) return all[0] ?? null;
  if (direction === 'up' || direction === 'down') {
    const day = all.filter((e) => e.date === from.date);
    const i = day.indexOf(from);
    return day[direction === 'up' ? i - 1 : i + 1] ?? null;
  }
  const dates = shownDates();
  const step = direction === 'left' ? -1 : 1;
  for (let i = dates.indexOf(from.date) + step; i >= 0 && i < dates.length; i += step) {
    const day = all.filter((e) => e.date === dates[i]);
    if (day.length === 0) continue;
    return day.reduce((best, e) => (Math.abs(e.startMinute - from.startMinute) < Math.abs(best.startMinute - from.startMinute) ? e : best));
  }
  return null;
}

export async function toggleDone(entryId: string): Promise<void> {
  const entry = findEntry(entryId);
  if (!entry) return;
  const done = entry.task.status !== 'done';
  useUi.getState().keepFocus(entryId);
  if (await planner.setDone(entry.task, done)) useUi.getState().notify(done ? `Completed “${entry.task.title}”` : `Reopened “${entry.task.title}”`, entryId);
}

export async function deleteEntry(entryId: string): Promise<void> {
  const entry = findEntry(entryId);
  if (!entry) return;
  // The focus goes to the next entry of the day, else the previous, else the calendar.
  const next = neighbour(entryId, 'down') ?? neighbour(entryId, 'up') ?? neighbour(entryId, 'right') ?? neighbour(entryId, 'left');
  const ui = useUi.getState();
  ui.select(null);
  if (ui.detailsEntryId === entryId) ui.openDetails(null);
  if (!(await planner.deleteEntry(entryId))) return;
  ui.notify(`Removed “${entry.task.title}” from the calendar`, entryId);
  if (next) focusEntry(next.id);
  else document.querySelector<HTMLElement>('.calendar-pane')?.focus();
}

/** Moves an entry (clamped to its day); the view follows it to another range. */
export async function moveEntry(entryId: string, days: number, minutes: number): Promise<void> {
  const entry = findEntry(entryId);
  if (!entry) return;
  let date = addDays(entry.date, days);
  // Hidden weekends are stepped over, so the entry stays in sight.
  while (days !== 0 && useSettings.getState().settings.hideWeekends && [0, 6].includes(weekdayOf(date))) date = addDays(date, Math.sign(days));
  const start = clampStart(entry.startMinute + minutes, entry.durationMinutes);
  if (date === entry.date && start === entry.startMinute) {
    if (minutes > 0) useUi.getState().notify(endsByMidnight(entry.task.title, entry.durationMinutes), undefined, false);
    return;
  }
  useUi.getState().keepFocus(entry.id);
  if (!isShown(date)) useWeek.getState().goToDate(date);
  useWeek.getState().patchEntry(entry.id, { date, startMinute: start });
  if (await planner.moveEntry(entry.id, date, start)) useUi.getState().notify(movedMessage(entry.task.title, date, start), entry.id);
}

/** Why a block cannot go later: "“Offsite” (2h) must end by midnight: start it by 10:00 PM." */
export function endsByMidnight(title: string, durationMinutes: number): string {
  return `“${title}” (${formatMinutes(durationMinutes)}) must end by midnight: start it by ${clock(latestStartMinute(durationMinutes))}.`;
}

/** "Moved “Write report” to Wed 10:30 AM" (keys and drags alike). */
export function movedMessage(title: string, date: string, startMinute: number): string {
  return `Moved “${title}” to ${weekdayShort(date)} ${clock(startMinute)}`;
}

export async function resizeEntry(entryId: string, minutes: number): Promise<void> {
  const entry = findEntry(entryId);
  if (!entry) return;
  const duration = Math.min(Math.max(entry.durationMinutes + minutes, Math.min(SNAP_MINUTES, entry.durationMinutes)), MINUTES_PER_DAY - entry.startMinute);
  if (duration === entry.durationMinutes) {
    if (minutes > 0) useUi.getState().notify(`“${entry.task.title}” already ends at midnight: entries end by the end of their day.`, undefined, false);
    return;
  }
  useUi.getState().keepFocus(entry.id);
  useWeek.getState().patchEntry(entry.id, { durationMinutes: duration });
  await planner.resizeEntry(entry.id, duration);
}

/** Another entry of the same task right after this one (or before it, near midnight). */
export async function duplicateEntry(entryId: string): Promise<void> {
  const entry = findEntry(entryId);
  if (!entry) return;
  const after = entry.startMinute + entry.durationMinutes;
  const start = after + entry.durationMinutes <= MINUTES_PER_DAY ? after : clampStart(entry.startMinute - entry.durationMinutes, entry.durationMinutes);
  const created = await planner.addEntryAt(entry.task.id, entry.date, start, entry.durationMinutes);
  if (created) {
    useUi.getState().notify(`Duplicated “${entry.task.title}” at ${clock(start)}`, entry.id);
    focusEntry(created.id);
  }
}

export function editEntry(entryId: string): void {
  useUi.getState().openMenu(null);
  useUi.getState().editEntry(entryId);
}

/** "Open in Hubstaff": the linked item's page, through the shell's allow-list. */
export async function openSource(entryId: string): Promise<void> {
  const url = findEntry(entryId)?.task.source?.url;
  if (url) await openExternal(url);
}

/** Opens a provider's page in the browser; main checks it against the allow-list. */
export async function openExternal(url: string): Promise<void> {
  await attempt(() => call('app.openExternal', { url }));
}

export function sourceActionLabel(entry: WeekEntry): string | null {
  const source = entry.task.source;
  return source?.url ? `Open in ${providerLabel(source.provider)}` : null;
}

/** The entry's time as the app writes times: "10:00 AM – 11:30 AM". */
export function entryTimes(entry: { startMinute: number; durationMinutes: number }): string {
  return `${clock(entry.startMinute)} – ${clock(entry.startMinute + entry.durationMinutes)}`;
}
