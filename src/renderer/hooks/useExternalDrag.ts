// Makes rows inside a container draggable onto the calendar with FullCalendar's Draggable.
// One Draggable per container (event delegation by selector), so virtualised rows that mount
// and unmount while scrolling need nothing of their own.
import { Draggable } from '@fullcalendar/interaction';
import { useEffect, useRef, type RefObject } from 'react';

export interface DragPreview {
  title: string;
  durationMinutes: number;
}

export function useExternalDrag(container: RefObject<HTMLElement | null>, itemSelector: string, preview: (el: HTMLElement) => DragPreview) {
  const latest = useRef(preview);
  useEffect(() => {
    latest.current = preview;
  });
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const draggable = new Draggable(el, {
      itemSelector,
      eventData(row) {
        const p = latest.current(row);
        const m = Math.max(1, Math.min(1440, p.durationMinutes));
        // create: false: the drop handler asks the core, which decides what gets created.
        return { title: p.title, duration: { minutes: m }, create: false };
      },
    });
    return () => draggable.destroy();
  }, [container, itemSelector]);
}
