// The calendar: FullCalendar's time grid (the shown days as columns, 15-minute snapping,
// side-by-side overlaps, drag/resize, external drops) with Stint's own entry and header content.
// FullCalendar runs in UTC so its dates are Stint's floating wall-clock times (see lib/time).
// It re-lays out whenever its box changes (the sidebar opening, the window resizing), and its
// width decides how many days fit (lib/viewRange).
import type {
  DateSpanApi,
  DayCellContentArg,
  DayHeaderContentArg,
  EventApi,
  EventClickArg,
  EventContentArg,
  EventDropArg,
  SlotLabelContentArg,
} from '@fullcalendar/core';
import interactionPlugin, { type DropArg, type EventResizeDoneArg } from '@fullcalendar/interaction';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useOpenWhereTheDayIs } from '../hooks/useOpenWhereTheDayIs';
import { formatHourLabel, useHour12 } from '../lib/clockFormat';
import { endsByMidnight, movedMessage } from '../lib/entryActions';
import { spanDays } from '../lib/viewRange';
import { syncEvents, type WeekEntry } from '../lib/calendarEvents';
import { readDragPayload } from '../lib/dragPayload';
import { fromCalendarDate, localNowString, minuteToClock } from '../lib/time';
import { useErrors } from '../stores/errors';
import { planner } from '../stores/planner';
import { useSettings } from '../stores/settings';
import { useTracked } from '../stores/tracked';
import { useUi } from '../stores/ui';
import { shownDates, useWeek } from '../stores/week';
import { DayHeader } from './DayHeader';
import { DraftCard, EntryCard } from './EntryCard';
import { OffscreenHints } from './OffscreenHints';

const PLUGINS = [timeGridPlugin, interactionPlugin];
const DAY_MS = 86_400_000;
const WORKDAYS = [1, 2, 3, 4, 5];
const WEEKENDS = [0, 6];
const NO_DAYS: number[] = [];

const entryOf = (event: EventApi): WeekEntry | undefined => event.extendedProps.entry as WeekEntry | undefined;

/** An entry ends by midnight of its day (the core refuses anything else): block such drops. */
function fitsInDay(span: DateSpanApi): boolean {
  const dayStart = Date.UTC(span.start.getUTCFullYear(), span.start.getUTCMonth(), span.start.getUTCDate());
  return span.end.getTime() - dayStart <= DAY_MS;
}

/** Whether the slot under the pointer refused the dragged entry when it was let go. */
let refusedAt: { title: string; minutes: number } | null = null;

/** Let go over a slot where it cannot end by midnight: say so (FullCalendar just reverts). */
function sayWhyRefused(): void {
  if (!refusedAt) return;
  const { title, minutes } = refusedAt;
  refusedAt = null;
  useUi.getState().notify(endsByMidnight(title, minutes), undefined, false);
}

// FullCalendar's React wrapper passes every prop to `resetOptions` on each render, so the
// handlers are module-level constants and never look new.
const handlers = {
  eventContent(arg: EventContentArg) {
    const entry = entryOf(arg.event);
    // While dragging or resizing, the mirror shows where the entry would land.
    const { start, end } = arg.event;
    const at = start && end ? { startMinute: fromCalendarDate(start).minute, durationMinutes: Math.round((end.getTime() - start.getTime()) / 60_000) } : null;
    if (!entry) return <DraftCard title={arg.event.title} startMinute={at?.startMinute ?? null} durationMinutes={at?.durationMinutes ?? null} />;
    if (!at) return null;
    return <EntryCard entry={entry} isMirror={arg.isMirror} startMinute={at.startMinute} durationMinutes={at.durationMinutes} />;
  },
  dayHeaderContent(arg: DayHeaderContentArg) {
    return <DayHeader date={fromCalendarDate(arg.date).date} />;
  },
  eventClassNames(arg: EventContentArg) {
    return entryOf(arg.event) ? ['stint-event'] : ['stint-event', 'is-draft'];
  },
  eventClick(arg: EventClickArg) {
    const entry = entryOf(arg.event);
    // Keys on an entry are useKeyboard's (Enter opens the details there, Space completes).
    if (!entry || arg.jsEvent instanceof KeyboardEvent || useUi.getState().editingEntryId === entry.id) return;
    useUi.getState().openDetails(entry.id);
  },
  eventAllow(span: DateSpanApi, event: EventApi | null) {
    const fits = fitsInDay(span);
    refusedAt = fits ? null : { title: event?.title ?? 'This entry', minutes: Math.round((span.end.getTime() - span.start.getTime()) / 60_000) };
    return fits;
  },
  eventDragStart() {
    refusedAt = null;
  },
  eventDragStop: sayWhyRefused,
  async eventDrop(arg: EventDropArg) {
    const entry = entryOf(arg.event);
    if (!entry || !arg.event.start) return arg.revert();
    const { date, minute } = fromCalendarDate(arg.event.start);
    useUi.getState().select(entry.id);
    useUi.getState().keepFocus(entry.id);
    if (!(await planner.moveEntry(entry.id, date, minute))) arg.revert();
    else useUi.getState().notify(movedMessage(entry.task.title, date, minute), entry.id);
  },
  async eventResize(arg: EventResizeDoneArg) {
    const entry = entryOf(arg.event);
    const { start, end } = arg.event;
    if (!entry || !start || !end) return arg.revert();
    useUi.getState().select(entry.id);
    useUi.getState().keepFocus(entry.id);
    if (!(await planner.resizeEntry(entry.id, Math.round((end.getTime() - start.getTime()) / 60_000)))) arg.revert();
  },
  async drop(arg: DropArg) {
    const payload = readDragPayload(arg.draggedEl);
    const { date, minute } = fromCalendarDate(arg.date);
    if (payload?.kind === 'source') await planner.dropSourceItem(payload.ref, date, minute);
    else if (payload?.kind === 'task') await planner.addEntry(payload.taskId, date, minute);
    else useErrors.getState().show('That cannot be dropped on the calendar.');
  },
  now: () => localNowString(),
};

export function WeekCalendar() {
  // Only what the grid itself depends on re-renders this component (each re-render hands all
  // options to FullCalendar again); entries reach it through `syncEvents` below.
  const dates = useWeek(useShallow((s) => shownDates(s)));
  const { weekStartsOn, workdayStartMinute, workdayEndMinute, hideWeekends } = useSettings((s) => s.settings);
  const hour12 = useHour12();
  const ref = useRef<FullCalendar>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const firstDate = dates[0]!;
  const duration = useMemo(() => ({ days: spanDays(dates) }), [dates]);
  const slotLabelContent = useCallback((arg: SlotLabelContentArg) => formatHourLabel(fromCalendarDate(arg.date).minute, hour12), [hour12]);

  const businessHours = useMemo(
    () => ({ daysOfWeek: WORKDAYS, startTime: minuteToClock(workdayStartMinute), endTime: minuteToClock(workdayEndMinute) }),
    [workdayStartMinute, workdayEndMinute],
  );
  const scrollTime = minuteToClock(Math.max(0, workdayStartMinute - 30));
  useOpenWhereTheDayIs(ref, dates, workdayStartMinute);
  // approved time off shades the day's column. A new function when the days change
  // is what makes FullCalendar apply the classes again.
  const timeOff = useTracked((s) => s.timeOffByDate);
  const dayCellClassNames = useCallback((arg: DayCellContentArg) => (timeOff[fromCalendarDate(arg.date).date] ? ['is-time-off'] : []), [timeOff]);

  useEffect(() => {
    ref.current?.getApi().gotoDate(firstDate);
  }, [firstDate]);

  // A drag from the sidebar or the task list ends with no calendar callback when refused.
  useEffect(() => {
    const down = () => (refusedAt = null);
    const up = () => setTimeout(sayWhyRefused, 0);
    window.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    return () => {
      window.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
    };
  }, []);

  // FullCalendar only measures itself on window resizes: a panel opening beside it changes its
  // box too, so every size change re-lays it out (and decides how many days fit).
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const observer = new ResizeObserver(([box]) => {
      if (box) useWeek.getState().setWidth(box.contentRect.width);
      ref.current?.getApi().updateSize();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    let frame = 0;
    const apply = () => {
      const api = ref.current?.getApi();
      const { week } = useWeek.getState();
      if (!api || !week) return;
      syncEvents(api, week.entries, useUi.getState().editingEntryId);
      // Marks when a loaded week is on screen: the benchmark and e2e wait for it.
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        performance.mark('stint:week-painted');
        wrapper.current?.setAttribute('data-rendered-week', `${week.weekStart}:${week.entries.length}`);
      });
    };
    apply();
    const offWeek = useWeek.subscribe((s, prev) => s.week !== prev.week && apply());
    const offUi = useUi.subscribe((s, prev) => s.editingEntryId !== prev.editingEntryId && apply());
    return () => {
      offWeek();
      offUi();
      cancelAnimationFrame(frame);
    };
  }, []);

  return (
    // An entry that takes the focus (Tab, arrows) is the selected one: keys and the palette act on it.
    <div
      className="calendar"
      ref={wrapper}
      onFocus={(e) => {
        const id = (e.target as HTMLElement).dataset?.entryId;
        if (id && useUi.getState().selectedEntryId !== id) useUi.getState().select(id);
      }}
    >
      <OffscreenHints root={wrapper} />
      <FullCalendar
        ref={ref}
        plugins={PLUGINS}
        initialView="timeGrid"
        initialDate={firstDate}
        duration={duration}
        hiddenDays={hideWeekends ? WEEKENDS : NO_DAYS}
        timeZone="UTC"
        now={handlers.now}
        headerToolbar={false}
        height="100%"
        allDaySlot={false}
        firstDay={weekStartsOn}
        // Rows of one snap step: with longer rows FullCalendar re-centres the grab point on the
        // row and a grabbed entry jumps a step as soon as the drag starts.
        slotDuration="00:15:00"
        snapDuration="00:15:00"
        slotLabelInterval="01:00"
        slotLabelContent={slotLabelContent}
        scrollTime={scrollTime}
        scrollTimeReset={false}
        businessHours={businessHours}
        nowIndicator
        // Entry cards format their own times; FullCalendar's per-event time text builds an
        // Intl formatter for every block and dominated re-render time in a busy week.
        displayEventTime={false}
        editable
        droppable
        eventInteractive
        eventResizableFromStart={false}
        slotEventOverlap={false}
        eventMinHeight={18}
        eventShortHeight={30}
        eventOrder="start,-duration,title"
        eventContent={handlers.eventContent}
        eventClassNames={handlers.eventClassNames}
        eventClick={handlers.eventClick}
        eventAllow={handlers.eventAllow}
        // Drops from the sidebar and the task list (create: false) are judged by selectAllow.
        selectAllow={handlers.eventAllow}
        eventDragStart={handlers.eventDragStart}
        eventDragStop={handlers.eventDragStop}
        eventDrop={handlers.eventDrop}
        eventResize={handlers.eventResize}
        drop={handlers.drop}
        dayHeaderContent={handlers.dayHeaderContent}
        dayCellClassNames={dayCellClassNames}
      />
    </div>
  );
}
