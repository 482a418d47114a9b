// Local tasks with no entry yet, ready to drag onto the week (or place from the keyboard).
import { useCallback, useRef, type CSSProperties } from 'react';
import type { Task } from '../../common/domain';
import { formatMinutes } from '../../common/duration';
import { useExternalDrag } from '../hooks/useExternalDrag';
import { projectColor } from '../lib/colors';
import { taskDragAttrs } from '../lib/dragPayload';
import { planner } from '../stores/planner';
import { useSettings } from '../stores/settings';
import { useTasks } from '../stores/tasks';
import { useUi } from '../stores/ui';
import { CalendarPlusIcon, ChevronLeft, GripIcon, ListIcon } from './Icons';
import { QuickAdd } from './QuickAdd';

/** `folded`: shown as a narrow rail with the count (a narrow window); `foldable`: it can fold. */
/** Completing an unscheduled task takes it off the list: say so, with Undo. */
async function completeUnscheduled(task: Task): Promise<void> {
  if (await planner.setDone(task, true)) useUi.getState().notify(`Completed “${task.title}”`);
}

export function UnscheduledTasks({ folded = false, foldable = false }: { folded?: boolean; foldable?: boolean }) {
  const tasks = useTasks((s) => s.unscheduled);
  const defaultDuration = useSettings((s) => s.settings.defaultDurationMinutes);
  const list = useRef<HTMLUListElement>(null);

  const preview = useCallback(
    (el: HTMLElement) => {
      const task = useTasks.getState().unscheduled.find((t) => t.id === el.dataset.taskId);
      return { title: task?.title ?? 'Task', durationMinutes: task?.scheduledMinutes ?? defaultDuration };
    },
    [defaultDuration],
  );
  useExternalDrag(list, '.unscheduled-task', preview);

  if (folded) {
    return (
      <aside className="unscheduled is-folded" aria-label="Tasks">
        <button
          type="button"
          className="rail-button"
          aria-label={`Show unscheduled tasks (${tasks.length})`}
          title="Show unscheduled tasks"
          onClick={() => {
            useUi.getState().setUnscheduledOpen(true);
            requestAnimationFrame(() => document.querySelector<HTMLElement>('#quick-add')?.focus());
          }}
        >
          <ListIcon />
          <span className="count">{tasks.length}</span>
        </button>
      </aside>
    );
  }

  return (
    <aside className="unscheduled" aria-label="Tasks">
      {foldable && (
        <button type="button" className="icon-button fold-button" aria-label="Hide unscheduled tasks" title="Hide unscheduled tasks" onClick={() => useUi.getState().setUnscheduledOpen(false)}>
          <ChevronLeft />
        </button>
      )}
      <QuickAdd />
      <h2 id="unscheduled-heading" className="section-title">
        Unscheduled <span className="count">{tasks.length}</span>
      </h2>
      {tasks.length === 0 && <p className="empty">Tasks you add appear here. Drag them onto the week.</p>}
      <ul ref={list} aria-label="Unscheduled tasks" className="task-list">
        {tasks.map((t) => (
          <li key={t.id} data-task-id={t.id} className="unscheduled-task" {...taskDragAttrs(t.id)} style={{ '--entry-color': projectColor(t) } as CSSProperties}>
            <GripIcon className="grip" />
            <input type="checkbox" className="check" aria-label={`Complete ${t.title}`} checked={false} onChange={() => void completeUnscheduled(t)} />
            <span className="task-text">
              <span className="task-title">{t.title}</span>
              {t.scheduledMinutes !== null && <span className="task-duration">{formatMinutes(t.scheduledMinutes)}</span>}
            </span>
            <button type="button" className="icon-button place-button" aria-label={`Place “${t.title}” on the calendar`} title="Place on the calendar" onClick={() => useUi.getState().place({ kind: 'task', task: t })}>
              <CalendarPlusIcon />
            </button>
          </li>
        ))}
      </ul>
      {tasks.length > 0 && <p className="panel-hint">Drag a task onto the week, or press its calendar button to place it.</p>}
    </aside>
  );
}
