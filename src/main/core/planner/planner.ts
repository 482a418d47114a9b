// The planner core (DESIGN §2): tasks, entries, source links, the drop rules, the week query,
// and undo/redo. Every command validates its input and runs in one transaction: it either
// fully happens or not at all.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { addDays, startOfWeek, weekDates, type Weekday } from '../../../common/dates';
import type { Entry, Task, Week } from '../../../common/domain';
import { MINUTES_PER_DAY } from '../../../common/domain';
import { parseTitleDuration } from '../../../common/duration';
import { StintError } from '../../../common/errors';
import { cleanTitle, UNREADABLE_TITLE_MESSAGE } from '../../../common/titleText';
import {
  AddEntryInput,
  CreateTaskInput,
  DropSourceItemInput,
  EditTitleInput,
  EntryIdInput,
  ListTasksInput,
  MoveEntryInput,
  ResizeEntryInput,
  TaskIdInput,
  WeekInput,
} from '../../../common/ipc/planner-schemas';
import { parseInput } from '../../../common/validate';
import type { Db } from '../db/database';
import { ChangeTracker, History } from './history';
import { toEntry, toTask, type EntryRow, type TaskRow } from './rows';
import { systemClock } from '../../../common/clock';

export interface PlannerOptions {
  /** Duration of an entry when neither the title nor the task says one (setting; 30 min). */
  defaultDurationMinutes?: () => number;
  weekStartsOn?: () => Weekday;
  now?: () => Date;
  /** Called after every committed change (edits, undo, redo), e.g. to push an event. */
  onChange?: () => void;
}

export interface DropResult {
  task: Task;
  entry: Entry;
  /** True when the drop created a new task; false when it added an entry to an open one. */
  createdTask: boolean;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  label: string | null;
}

export class Planner {
  private readonly history = new History();
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly opts: PlannerOptions = {},
  ) {
    this.now = opts.now ?? systemClock.now;
  }

  // ---- queries -------------------------------------------------------------------------

  getWeek(input: z.input<typeof WeekInput>): Week {
    const { date, weekStartsOn } = parseInput(WeekInput, input);
    const weekStart = startOfWeek(date, (weekStartsOn ?? this.opts.weekStartsOn?.() ?? 1) as Weekday);
    const weekEnd = addDays(weekStart, 6);
    const rows = this.db
      .prepare(
        `SELECT e.id AS e_id, e.task_id, e.date, e.start_minute, e.duration_minutes, t.*
           FROM entries e JOIN tasks t ON t.id = e.task_id
          WHERE e.date BETWEEN ? AND ?
          ORDER BY e.date, e.start_minute, e.id`,
      )
      .all(weekStart, weekEnd) as (TaskRow & { e_id: string; task_id: string; date: string; start_minute: number; duration_minutes: number })[];
    const planned = new Map<string, number>();
    const entries = rows.map((r) => {
      planned.set(r.date, (planned.get(r.date) ?? 0) + r.duration_minutes);
      return {
        id: r.e_id,
        taskId: r.task_id,
        date: r.date,
        startMinute: r.start_minute,
        durationMinutes: r.duration_minutes,
        task: toTask(r),
      };
    });
    return {
      weekStart,
      days: weekDates(weekStart).map((d) => ({ date: d, plannedMinutes: planned.get(d) ?? 0 })),
      entries,
    };
  }

  getTask(input: z.input<typeof TaskIdInput>): Task {
    const { taskId } = parseInput(TaskIdInput, input);
    return toTask(this.taskRow(taskId));
  }

  listTasks(input: z.input<typeof ListTasksInput> = {}): Task[] {
    const { status } = parseInput(ListTasksInput, input);
    const rows = status
      ? this.db.prepare('SELECT * FROM tasks WHERE status = ? ORDER BY created_at, id').all(status)
      : this.db.prepare('SELECT * FROM tasks ORDER BY created_at, id').all();
    return (rows as TaskRow[]).map(toTask);
  }

  /** Open tasks with no entry yet: ready to be dragged onto the week. */
  listUnscheduled(): Task[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM tasks t WHERE t.status = 'open' AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.task_id = t.id)
         ORDER BY t.created_at, t.id`,
      )
      .all() as TaskRow[];
    return rows.map(toTask);
  }

  historyState(): HistoryState {
    return { canUndo: this.history.canUndo, canRedo: this.history.canRedo, label: null };
  }

  // ---- commands ------------------------------------------------------------------------

  createTask(input: z.input<typeof CreateTaskInput>): Task {
    const v = parseInput(CreateTaskInput, input);
    const parsed = parseTitle(v.title);
    const title = requireTitle(parsed.title);
    return this.edit('Create task', (t) => {
      const id = randomUUID();
      t.touch('tasks', id);
      this.insertTask({
        id,
        title,
        scheduledMinutes: parsed.minutes ?? v.scheduledMinutes ?? null,
        projectLabel: v.projectLabel ?? null,
        projectColor: v.projectColor ?? null,
        notes: v.notes ?? '',
        source: null,
      });
      return toTask(this.taskRow(id));
    });
  }

  addEntry(input: z.input<typeof AddEntryInput>): Entry {
    const v = parseInput(AddEntryInput, input);
    return this.edit('Add entry', (t) => {
      const task = this.taskRow(v.taskId);
      const duration = v.durationMinutes ?? task.scheduled_minutes ?? this.defaultDuration();
      return this.insertEntry(t, task.id, v.date, v.startMinute, duration);
    });
  }

  /** HourStack's drop rules: an open linked task gets another entry; otherwise a new linked task. */
  dropSourceItem(input: z.input<typeof DropSourceItemInput>): DropResult {
    const { item, date, startMinute } = parseInput(DropSourceItemInput, input);
    const cleaned = cleanTitle(item.title);
    const parsed = parseTitleDuration(cleaned);
    // A source title that is only a duration keeps its text rather than becoming empty.
    const title = cleanTitle(parsed.title) || cleaned || 'Untitled';
    return this.edit('Drop item', (t) => {
      const open = this.db
        .prepare(
          `SELECT * FROM tasks WHERE source_provider = ? AND source_org_id = ? AND source_external_id = ? AND status = 'open'
           ORDER BY created_at DESC, id DESC LIMIT 1`,
        )
        .get(item.provider, item.orgId, item.externalId) as TaskRow | undefined;
      let taskId: string;
      if (open) {
        taskId = open.id;
      } else {
        taskId = randomUUID();
        t.touch('tasks', taskId);
        this.insertTask({
          id: taskId,
          title,
          scheduledMinutes: parsed.minutes,
          projectLabel: item.projectName ?? null,
          projectColor: null,
          notes: '',
          source: { provider: item.provider, orgId: item.orgId, externalId: item.externalId, url: item.url ?? null },
        });
      }
      const task = this.taskRow(taskId);
      const duration = parsed.minutes ?? task.scheduled_minutes ?? this.defaultDuration();
      const entry = this.insertEntry(t, taskId, date, startMinute, duration);
      return { task: toTask(this.taskRow(taskId)), entry, createdTask: !open };
    });
  }

  moveEntry(input: z.input<typeof MoveEntryInput>): Entry {
    const v = parseInput(MoveEntryInput, input);
    return this.edit('Move entry', (t) => {
      const e = this.entryRow(v.entryId);
      assertFitsDay(v.startMinute, e.duration_minutes);
      t.touch('entries', e.id);
      this.db
        .prepare('UPDATE entries SET date = ?, start_minute = ?, updated_at = ? WHERE id = ?')
        .run(v.date, v.startMinute, this.stamp(), e.id);
      return toEntry(this.entryRow(e.id));
    });
  }

  resizeEntry(input: z.input<typeof ResizeEntryInput>): Entry {
    const v = parseInput(ResizeEntryInput, input);
    return this.edit('Resize entry', (t) => {
      const e = this.entryRow(v.entryId);
      assertFitsDay(e.start_minute, v.durationMinutes);
      t.touch('entries', e.id);
      this.db.prepare('UPDATE entries SET duration_minutes = ?, updated_at = ? WHERE id = ?').run(v.durationMinutes, this.stamp(), e.id);
      return toEntry(this.entryRow(e.id));
    });
  }

  deleteEntry(input: z.input<typeof EntryIdInput>): void {
    const v = parseInput(EntryIdInput, input);
    this.edit('Delete entry', (t) => {
      const e = this.entryRow(v.entryId);
      t.touch('entries', e.id);
      this.db.prepare('DELETE FROM entries WHERE id = ?').run(e.id);
    });
  }

  deleteTask(input: z.input<typeof TaskIdInput>): void {
    const v = parseInput(TaskIdInput, input);
    this.edit('Delete task', (t) => {
      const task = this.taskRow(v.taskId);
      for (const { id } of this.db.prepare('SELECT id FROM entries WHERE task_id = ?').all(task.id) as { id: string }[]) {
        t.touch('entries', id);
      }
      t.touch('tasks', task.id);
      this.db.prepare('DELETE FROM tasks WHERE id = ?').run(task.id);
    });
  }

  completeTask(input: z.input<typeof TaskIdInput>): Task {
    return this.setStatus(parseInput(TaskIdInput, input).taskId, 'done');
  }

  reopenTask(input: z.input<typeof TaskIdInput>): Task {
    return this.setStatus(parseInput(TaskIdInput, input).taskId, 'open');
  }

  /** Renames a task; a duration in the new title sets the task's (and the edited entry's) minutes. */
  editTitle(input: z.input<typeof EditTitleInput>): Task {
    const v = parseInput(EditTitleInput, input);
    const parsed = parseTitle(v.title);
    const title = requireTitle(parsed.title);
    return this.edit('Edit title', (t) => {
      const task = this.taskRow(v.taskId);
      t.touch('tasks', task.id);
      const now = this.stamp();
      this.db
        .prepare('UPDATE tasks SET title = ?, scheduled_minutes = ?, updated_at = ? WHERE id = ?')
        .run(title, parsed.minutes ?? task.scheduled_minutes, now, task.id);
      if (v.entryId) {
        const e = this.entryRow(v.entryId);
        if (e.task_id !== task.id) throw new StintError('invalid_argument', 'That entry belongs to another task.');
        if (parsed.minutes !== null) {
          assertFitsDay(e.start_minute, parsed.minutes);
          t.touch('entries', e.id);
          this.db.prepare('UPDATE entries SET duration_minutes = ?, updated_at = ? WHERE id = ?').run(parsed.minutes, now, e.id);
        }
      }
      return toTask(this.taskRow(task.id));
    });
  }

  undo(): HistoryState {
    const label = this.db.transaction(() => this.history.undo(this.db)).immediate();
    if (label) this.opts.onChange?.();
    return { ...this.historyState(), label };
  }

  redo(): HistoryState {
    const label = this.db.transaction(() => this.history.redo(this.db)).immediate();
    if (label) this.opts.onChange?.();
    return { ...this.historyState(), label };
  }

  // ---- internals -----------------------------------------------------------------------

  private edit<T>(label: string, fn: (t: ChangeTracker) => T): T {
    const result = this.db
      .transaction(() => {
        const tracker = new ChangeTracker(this.db);
        const value = fn(tracker);
        this.history.record({ label, changes: tracker.finish() });
        return value;
      })
      .immediate();
    this.opts.onChange?.();
    return result;
  }

  private setStatus(taskId: string, status: 'open' | 'done'): Task {
    return this.edit(status === 'done' ? 'Complete task' : 'Reopen task', (t) => {
      const task = this.taskRow(taskId);
      if (task.status === status) return toTask(task);
      t.touch('tasks', task.id);
      const now = this.stamp();
      this.db
        .prepare('UPDATE tasks SET status = ?, completed_at = ?, updated_at = ? WHERE id = ?')
        .run(status, status === 'done' ? now : null, now, task.id);
      return toTask(this.taskRow(task.id));
    });
  }

  private insertTask(t: Omit<Task, 'status' | 'createdAt' | 'updatedAt' | 'completedAt' | 'sourceRemoved'>): void {
    const now = this.stamp();
    this.db
      .prepare(
        `INSERT INTO tasks (id, title, scheduled_minutes, status, project_label, project_color, notes,
           source_provider, source_org_id, source_external_id, source_url, created_at, updated_at)
         VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        t.id, t.title, t.scheduledMinutes, t.projectLabel, t.projectColor, t.notes,
        t.source?.provider ?? null, t.source?.orgId ?? null, t.source?.externalId ?? null, t.source?.url ?? null,
        now, now,
      );
  }

  private insertEntry(t: ChangeTracker, taskId: string, date: string, startMinute: number, duration: number): Entry {
    assertFitsDay(startMinute, duration);
    const id = randomUUID();
    t.touch('entries', id);
    const now = this.stamp();
    this.db
      .prepare('INSERT INTO entries (id, task_id, date, start_minute, duration_minutes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, taskId, date, startMinute, duration, now, now);
    return toEntry(this.entryRow(id));
  }

  private taskRow(id: string): TaskRow {
    const row = this.db.prepare('SELECT * FROM tasks WHERE id = ?').get(id) as TaskRow | undefined;
    if (!row) throw new StintError('not_found', `No task with id ${id}.`);
    return row;
  }

  private entryRow(id: string): EntryRow {
    const row = this.db.prepare('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined;
    if (!row) throw new StintError('not_found', `No entry with id ${id}.`);
    return row;
  }

  private defaultDuration(): number {
    return this.opts.defaultDurationMinutes?.() ?? 30;
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

/** A typed title, cleaned (titleText.ts) and then parsed for its duration. */
function parseTitle(raw: string): { title: string; minutes: number | null } {
  const cleaned = cleanTitle(raw);
  if (!cleaned) throw new StintError('invalid_argument', raw.trim() ? UNREADABLE_TITLE_MESSAGE : 'A task needs a title.', { details: ['title'] });
  return parseTitleDuration(cleaned);
}

function requireTitle(title: string): string {
  // What the duration leaves may be only marks or joiners: as unreadable as nothing.
  if (!cleanTitle(title)) throw new StintError('invalid_argument', 'A task needs a title (a duration alone is not a title).', { details: ['title'] });
  return title;
}

function assertFitsDay(startMinute: number, duration: number): void {
  if (startMinute + duration > MINUTES_PER_DAY) {
    throw new StintError('invalid_argument', 'An entry must end by midnight of its day.');
  }
}
