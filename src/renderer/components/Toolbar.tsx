// The top bar: week navigation, the shown range, totals, undo/redo, panels.
import { addDays } from '../../common/dates';
import { formatWeekRange } from '../lib/time';
import { useHistory } from '../stores/history';
import { useUi } from '../stores/ui';
import { shownWeekStart, useWeek } from '../stores/week';
import { ChevronLeft, ChevronRight, GearIcon, PlugIcon, RedoIcon, UndoIcon } from './Icons';
import { WeekSummary } from './WeekSummary';

export function Toolbar() {
  const anchor = useWeek((s) => s.anchor);
  const weekStart = useWeek((s) => s.week?.weekStart) ?? shownWeekStart(anchor);
  const { shiftWeeks, goToday } = useWeek.getState();
  const { canUndo, canRedo, undo, redo } = useHistory();
  const sidebarOpen = useUi((s) => s.sidebarOpen);

  return (
    <header className="toolbar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark" />
        Stint
      </div>
      <nav className="week-nav" aria-label="Week">
        <button type="button" className="icon-button" aria-label="Previous week" title="Previous week" onClick={() => shiftWeeks(-1)}>
          <ChevronLeft />
        </button>
        <button type="button" className="button" onClick={goToday}>
          Today
        </button>
        <button type="button" className="icon-button" aria-label="Next week" title="Next week" onClick={() => shiftWeeks(1)}>
          <ChevronRight />
        </button>
        <h1 className="week-range" aria-live="polite">
          {formatWeekRange(weekStart, addDays(weekStart, 6))}
        </h1>
      </nav>
      <WeekSummary />
      <div className="toolbar-actions">
        <button type="button" className="icon-button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => void undo()}>
          <UndoIcon />
        </button>
        <button type="button" className="icon-button" aria-label="Redo" title="Redo (Shift+Ctrl+Z)" disabled={!canRedo} onClick={() => void redo()}>
          <RedoIcon />
        </button>
        <button type="button" className="icon-button" aria-label="Settings" title="Settings" onClick={() => useUi.getState().setSettingsOpen(true)}>
          <GearIcon />
        </button>
        <button
          type="button"
          className="button integrations-toggle"
          aria-pressed={sidebarOpen}
          aria-keyshortcuts="Alt+I"
          title="Integrations (Alt+I)"
          onClick={() => useUi.getState().toggleSidebar()}
        >
          <PlugIcon /> Integrations
        </button>
      </div>
    </header>
  );
}
