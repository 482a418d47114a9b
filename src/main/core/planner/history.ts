// Undo and redo for planner edits. Each edit records, for every row it touched, the row
// before and after (null = absent). Undo writes the befores back, redo the afters — but only
// if the rows still look as the edit left them, so an undo never clobbers a later change
// made elsewhere (the CLI, another window).
import { StintError } from '../../../common/errors';
import type { Db } from '../db/database';
import { ENTRY_COLUMNS, TASK_COLUMNS, type EntryRow, type TaskRow } from './rows';

export type Table = 'tasks' | 'entries';
type Row = TaskRow | EntryRow;

export interface RowChange {
  table: Table;
  id: string;
  before: Row | null;
  after: Row | null;
}

export interface Edit {
  label: string;
  changes: RowChange[];
}

export const HISTORY_LIMIT = 50;

const COLUMNS: Record<Table, readonly string[]> = { tasks: TASK_COLUMNS, entries: ENTRY_COLUMNS };

export function readRow(db: Db, table: Table, id: string): Row | null {
  return (db.prepare(`SELECT ${COLUMNS[table].join(', ')} FROM ${table} WHERE id = ?`).get(id) as Row | undefined) ?? null;
}

/** Collects the rows an edit touches; call `touch` before changing a row. */
export class ChangeTracker {
  private readonly befores = new Map<string, { table: Table; id: string; before: Row | null }>();
  constructor(private readonly db: Db) {}

  touch(table: Table, id: string): void {
    const key = `${table}:${id}`;
    if (!this.befores.has(key)) this.befores.set(key, { table, id, before: readRow(this.db, table, id) });
  }

  finish(): RowChange[] {
    return [...this.befores.values()]
      .map((b) => ({ ...b, after: readRow(this.db, b.table, b.id) }))
      .filter((c) => !sameRow(c.before, c.after));
  }
}

export class History {
  private undoStack: Edit[] = [];
  private redoStack: Edit[] = [];

  record(edit: Edit): void {
    if (!edit.changes.length) return;
    this.undoStack.push(edit);
    if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
    this.redoStack = [];
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }
  get size(): number {
    return this.undoStack.length;
  }

  /** Reverts the last edit inside the caller's transaction; returns its label, or null. */
  undo(db: Db): string | null {
    return this.step(db, this.undoStack, this.redoStack, 'before');
  }

  redo(db: Db): string | null {
    return this.step(db, this.redoStack, this.undoStack, 'after');
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  private step(db: Db, from: Edit[], to: Edit[], target: 'before' | 'after'): string | null {
    const edit = from.at(-1);
    if (!edit) return null;
    const expected = target === 'before' ? 'after' : 'before';
    for (const c of edit.changes) {
      if (!sameRow(readRow(db, c.table, c.id), c[expected])) {
        this.clear();
        throw new StintError('conflict', `Cannot ${target === 'before' ? 'undo' : 'redo'} "${edit.label}": the data changed since.`);
      }
    }
    applyRows(db, edit.changes, target);
    from.pop();
    to.push(edit);
    return edit.label;
  }
}

/** Writes one side of the changes; deletions child-first, upserts parent-first for the foreign key. */
function applyRows(db: Db, changes: RowChange[], side: 'before' | 'after'): void {
  const order: Table[] = ['entries', 'tasks'];
  for (const table of order) {
    for (const c of changes) if (c.table === table && c[side] === null) db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(c.id);
  }
  for (const table of [...order].reverse()) {
    for (const c of changes) {
      const row = c[side];
      if (c.table !== table || row === null) continue;
      const cols = COLUMNS[table];
      const updates = cols.filter((k) => k !== 'id').map((k) => `${k} = excluded.${k}`);
      db.prepare(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((k) => `@${k}`).join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
      ).run(row);
    }
  }
}

function sameRow(a: Row | null, b: Row | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
