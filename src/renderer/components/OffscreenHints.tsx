// "2 earlier" / "1 later": entries of the shown days above or below the scrolled-to hours, as
// buttons that scroll to them, so nothing planned is out of sight without a sign.
import { useEffect, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { hiddenEntries, NONE_HIDDEN, type Hidden } from '../lib/visibleHours';
import { shownDates, useWeek } from '../stores/week';

function scroller(root: HTMLElement): HTMLElement | null {
  return root.querySelector<HTMLElement>('.fc-timegrid-body')?.closest<HTMLElement>('.fc-scroller') ?? null;
}

/** Minutes per pixel of the grid, from one 15-minute row. */
function pxPerMinute(root: HTMLElement): number {
  const row = root.querySelector<HTMLElement>('td.fc-timegrid-slot-lane');
  return row ? row.getBoundingClientRect().height / 15 : 0;
}

export function OffscreenHints({ root }: { root: RefObject<HTMLDivElement | null> }) {
  const dates = useWeek(useShallow((s) => shownDates(s)));
  const entries = useWeek((s) => s.week?.entries);
  const [hidden, setHidden] = useState<Hidden>(NONE_HIDDEN);

  useEffect(() => {
    const el = root.current;
    const box = el && scroller(el);
    if (!el || !box) return;
    const measure = () => {
      const px = pxPerMinute(el);
      if (!px || !entries) return setHidden(NONE_HIDDEN);
      setHidden(hiddenEntries(entries, dates, box.scrollTop / px, (box.scrollTop + box.clientHeight) / px));
    };
    measure();
    box.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => {
      box.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [root, entries, dates]);

  const go = (minute: number, where: 'above' | 'below') => {
    const el = root.current;
    const box = el && scroller(el);
    if (!el || !box) return;
    const px = pxPerMinute(el);
    box.scrollTo({ top: where === 'above' ? Math.max(0, minute * px - 24) : minute * px - box.clientHeight / 2 });
  };
  const plural = (n: number) => (n === 1 ? 'entry' : 'entries');
  return (
    <>
      {hidden.above.count > 0 && (
        <button type="button" className="offscreen-hint is-above" onClick={() => go(hidden.above.minute, 'above')}>
          ↑ {hidden.above.count} earlier {plural(hidden.above.count)}
        </button>
      )}
      {hidden.below.count > 0 && (
        <button type="button" className="offscreen-hint is-below" onClick={() => go(hidden.below.minute, 'below')}>
          ↓ {hidden.below.count} later {plural(hidden.below.count)}
        </button>
      )}
    </>
  );
}
