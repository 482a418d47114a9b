// The top bar: navigation, the shown range, the view (week, three days, a day), totals,
// undo/redo, commands, panels. At narrow widths labels give way to icons (app.css).
import { useShallow } from 'zustand/react/shallow';
import { formatWeekRange, longDate } from '../lib/time';
import { dayCount, VIEW_LABELS, VIEWS, type CalendarView } from '../lib/viewRange';
import { toggleSidebar } from '../hooks/useKeyboard';
import { useHistory } from '../stores/history';
import { useSettings } from '../stores/settings';
import { useUi } from '../stores/ui';
import { shownDates, shownView, useWeek } from '../stores/week';
import { ChevronLeft, ChevronRight, GearIcon, PlugIcon, RedoIcon, UndoIcon } from './Icons';
import { WeekSummary } from './WeekSummary';

const MOD_KEY = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const STEP_NAMES: Record<CalendarView, [string, string]> = {
  week: ['Previous week', 'Next week'],
  '3day': ['Previous days', 'Next days'],
  day: ['Previous day', 'Next day'],
};

export function Toolbar() {
  const dates = useWeek(useShallow((s) => shownDates(s)));
  const view = useWeek((s) => shownView(s));
  const chosen = useWeek((s) => s.chosenView);
  const columns = useWeek((s) => s.columns);
  const hideWeekends = useSettings((s) => s.settings.hideWeekends);
  const weekStartsOn = useSettings((s) => s.settings.weekStartsOn);
  const { step, goToday, chooseView } = useWeek.getState();
  const { canUndo, canRedo, undo, redo } = useHistory();
  const sidebarOpen = useUi((s) => s.sidebarOpen);
  const [previous, next] = STEP_NAMES[view];
  const first = dates[0]!;
  const last = dates.at(-1)!;
  const range = dates.length === 1 ? longDate(first) : formatWeekRange(first, last);

  return (
    <header className="toolbar">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark" />
        <span className="brand-name">Stint</span>
      </div>
      <nav className="week-nav" aria-label="Days shown">
        <button type="button" className="icon-button" aria-label={previous} title={`${previous} (Alt+←)`} onClick={() => step(-1)}>
          <ChevronLeft />
        </button>
        <button type="button" className="button" title="Today (T)" onClick={goToday}>
          Today
        </button>
        <button type="button" className="icon-button" aria-label={next} title={`${next} (Alt+→)`} onClick={() => step(1)}>
          <ChevronRight />
        </button>
        <h1 className="week-range" aria-live="polite">
          {range}
        </h1>
      </nav>
      <div className="view-switch" role="group" aria-label="View">
        {VIEWS.map((v) => {
          const fits = dayCount(v, { weekStartsOn, hideWeekends }) <= columns;
          return (
            <button
              key={v}
              type="button"
              className="segment"
              aria-pressed={v === view}
              disabled={!fits}
              title={fits ? `${VIEW_LABELS[v]} (${v === 'week' ? 'W' : v === '3day' ? '3' : 'D'})` : `${VIEW_LABELS[v]} needs a wider window`}
              onClick={() => chooseView(v)}
            >
              {VIEW_LABELS[v]}
            </button>
          );
        })}
        {chosen !== view && (
          <span className="visually-hidden" role="status">
            {VIEW_LABELS[chosen]} needs a wider window: showing {VIEW_LABELS[view].toLowerCase()}
          </span>
        )}
      </div>
      <WeekSummary />
      <div className="toolbar-actions">
        <button type="button" className="icon-button" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={() => void undo()}>
          <UndoIcon />
        </button>
        <button type="button" className="icon-button" aria-label="Redo" title="Redo (Shift+Ctrl+Z)" disabled={!canRedo} onClick={() => void redo()}>
          <RedoIcon />
        </button>
        <button type="button" className="icon-button keys-button" aria-label="Commands and shortcuts" title={`Commands (${MOD_KEY}+K) · Shortcuts (?)`} aria-keyshortcuts="Control+K Meta+K" onClick={() => useUi.getState().setOverlay('palette')}>
          <kbd>{MOD_KEY === '⌘' ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        <button type="button" className="icon-button" aria-label="Settings" title="Settings" onClick={() => useUi.getState().setSettingsOpen(true)}>
          <GearIcon />
        </button>
        <button
          type="button"
          className="button integrations-toggle"
          aria-pressed={sidebarOpen}
          aria-keyshortcuts="Alt+I"
          aria-label="Integrations"
          title="Integrations (Alt+I)"
          onClick={() => toggleSidebar()}
        >
          <PlugIcon /> <span className="button-label">Integrations</span>
        </button>
      </div>
    </header>
  );
}
