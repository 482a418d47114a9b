// Keeps FullCalendar's events in step with the week, changing only what changed. Handing it a
// new `events` array instead re-parses and re-mounts every entry (in a 300-entry week, a
// 200 ms freeze after each edit); this way an edit re-renders the one entry it touched, and
// that entry keeps its element (and keyboard focus).
import type { CalendarApi, EventApi, EventInput } from '@fullcalendar/core';
import { addDays } from '../../common/dates';
import { MINUTES_PER_DAY, type Week } from '../../common/domain';
import { toCalendarDateTime } from './time';

export type WeekEntry = Week['entries'][number];

/** Everything an entry's block shows: when it differs, the block is updated. */
function signature(e: WeekEntry, editable: boolean): string {
  const t = e.task;
  return JSON.stringify([e.date, e.startMinute, e.durationMinutes, t.title, t.status, t.projectLabel, t.projectColor, t.source?.externalId ?? null, t.updatedAt, editable]);
}

function range(e: WeekEntry): { start: string; end: string } {
  const end = e.startMinute + e.durationMinutes;
  return {
    start: toCalendarDateTime(e.date, e.startMinute),
    end: end >= MINUTES_PER_DAY ? toCalendarDateTime(addDays(e.date, 1), 0) : toCalendarDateTime(e.date, end),
  };
}

export function toEventInput(entry: WeekEntry, editable: boolean): EventInput {
  return {
    id: entry.id,
    title: entry.task.title,
    ...range(entry),
    // The title editor needs its clicks: no dragging while it is open.
    editable,
    extendedProps: { entry, sig: signature(entry, editable) },
  };
}

/** Beyond this many additions or removals, replacing everything at once is cheaper. */
const BULK = 24;

/** Adds, removes and updates events so the calendar shows exactly `entries`. */
export function syncEvents(api: CalendarApi, entries: readonly WeekEntry[], editingId: string | null): void {
  const wanted = new Map(entries.map((e) => [e.id, e]));
  const current = api.getEvents();
  const removed = current.filter((ev) => !wanted.has(ev.id));
  const added = entries.length - (current.length - removed.length);
  api.batchRendering(() => {
    // Every single add or remove is a full pass of FullCalendar's reducer: a new week (or the
    // first load) goes in as one event source instead.
    if (added > BULK || removed.length > BULK) {
      api.removeAllEvents();
      api.addEventSource(entries.map((e) => toEventInput(e, e.id !== editingId)));
      return;
    }
    for (const event of current) {
      const entry = wanted.get(event.id);
      wanted.delete(event.id);
      if (!entry) event.remove();
      else update(event, entry, entry.id !== editingId);
    }
    for (const entry of wanted.values()) api.addEvent(toEventInput(entry, entry.id !== editingId));
  });
}

function update(event: EventApi, entry: WeekEntry, editable: boolean): void {
  const sig = signature(entry, editable);
  if (event.extendedProps.sig === sig) return;
  const { start, end } = range(entry);
  event.setDates(start, end);
  if (event.title !== entry.task.title) event.setProp('title', entry.task.title);
  if (event.startEditable !== editable) event.setProp('editable', editable);
  event.setExtendedProp('entry', entry);
  event.setExtendedProp('sig', sig);
}
