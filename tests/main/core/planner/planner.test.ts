import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { StintError } from '../../../../src/common/errors';
import { openDatabase, type Db } from '../../../../src/main/core/db/database';
import { HISTORY_LIMIT } from '../../../../src/main/core/planner/history';
import { Planner } from '../../../../src/main/core/planner/planner';
import { tempDir } from '../../../helpers/temp';

const item = (over: Partial<{ title: string; externalId: string }> = {}) => ({
  provider: 'hubstaff' as const,
  orgId: '42',
  externalId: over.externalId ?? '1001',
  title: over.title ?? 'Write report [1h30m]',
  url: 'https://app.hubstaff.com/tasks/1001',
  projectName: 'Website',
});

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StintError) return e.code;
    throw e;
  }
  throw new Error('expected an error');
}

const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('Planner', () => {
  let db: Db;
  let planner: Planner;
  let changes: number;

  beforeEach(() => {
    db = openDatabase(join(tempDir(), 'stint.db')).db;
    changes = 0;
    planner = new Planner(db, { onChange: () => changes++ });
    return () => db.close();
  });

  describe('tasks and the title syntax', () => {
    it('creates a task whose title duration sets the scheduled minutes', () => {
      const t = planner.createTask({ title: 'Write report [1h30m]' });
      expect(t).toMatchObject({ title: 'Write report', scheduledMinutes: 90, status: 'open', source: null });
      expect(planner.getTask({ taskId: t.id })).toEqual(t);
      expect(changes).toBe(1);
    });

    it('re-parses the duration when the title is edited, and sets the edited entry too', () => {
      const t = planner.createTask({ title: 'Plan [30m]' });
      const e = planner.addEntry({ taskId: t.id, date: '2026-11-24', startMinute: 600 });
      expect(e.durationMinutes).toBe(30);
      const edited = planner.editTitle({ taskId: t.id, title: 'Plan sprint [1h]', entryId: e.id });
      expect(edited).toMatchObject({ title: 'Plan sprint', scheduledMinutes: 60 });
      expect(planner.getWeek({ date: '2026-11-24' }).entries[0]!.durationMinutes).toBe(60);
      // No duration in the new title: minutes are kept.
      expect(planner.editTitle({ taskId: t.id, title: 'Plan Q1' })).toMatchObject({ title: 'Plan Q1', scheduledMinutes: 60 });
    });

    it('completes and reopens a task', () => {
      const t = planner.createTask({ title: 'Ship it' });
      const done = planner.completeTask({ taskId: t.id });
      expect(done.status).toBe('done');
      expect(done.completedAt).not.toBeNull();
      const open = planner.reopenTask({ taskId: t.id });
      expect(open).toMatchObject({ status: 'open', completedAt: null });
    });

    it('rejects bad input with typed errors and stores nothing', () => {
      expect(errorCode(() => planner.createTask({ title: '' }))).toBe('invalid_argument');
      expect(errorCode(() => planner.createTask({ title: '   [1h] ' }))).toBe('invalid_argument');
      expect(errorCode(() => planner.createTask({ title: 'x', scheduledMinutes: 0 }))).toBe('invalid_argument');
      expect(errorCode(() => planner.createTask({ title: 'x', scheduledMinutes: 1441 }))).toBe('invalid_argument');
      expect(errorCode(() => planner.createTask({ title: 7 } as never))).toBe('invalid_argument');
      expect(errorCode(() => planner.completeTask({ taskId: 'missing' }))).toBe('not_found');
      expect(errorCode(() => planner.editTitle({ taskId: 'missing', title: 'x' }))).toBe('not_found');
      expect(count(db, 'tasks')).toBe(0);
      expect(changes).toBe(0);
    });
  });

  describe('entries', () => {
    it('adds, moves, resizes and deletes entries, with durations from the task or the default', () => {
      const withMinutes = planner.createTask({ title: 'Review [45m]' });
      const plain = planner.createTask({ title: 'Email' });
      const a = planner.addEntry({ taskId: withMinutes.id, date: '2026-11-23', startMinute: 540 });
      const b = planner.addEntry({ taskId: plain.id, date: '2026-11-23', startMinute: 600 });
      expect([a.durationMinutes, b.durationMinutes]).toEqual([45, 30]);

      const moved = planner.moveEntry({ entryId: a.id, date: '2026-11-25', startMinute: 615 });
      expect(moved).toMatchObject({ date: '2026-11-25', startMinute: 615, durationMinutes: 45 });
      expect(planner.resizeEntry({ entryId: a.id, durationMinutes: 120 }).durationMinutes).toBe(120);
      planner.deleteEntry({ entryId: b.id });
      expect(planner.getWeek({ date: '2026-11-23' }).entries.map((e) => e.id)).toEqual([a.id]);
    });

    it('rejects impossible dates, out-of-range minutes, entries past midnight and unknown ids', () => {
      const t = planner.createTask({ title: 'x' });
      const e = planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 0 });
      const bad: (() => unknown)[] = [
        () => planner.addEntry({ taskId: t.id, date: '2026-02-30', startMinute: 0 }),
        () => planner.addEntry({ taskId: t.id, date: '23/11/2026', startMinute: 0 }),
        () => planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: -1 }),
        () => planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 1440 }),
        () => planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 10.5 }),
        () => planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 1400, durationMinutes: 60 }),
        () => planner.moveEntry({ entryId: e.id, date: '2026-11-23', startMinute: 1430 }),
        () => planner.resizeEntry({ entryId: e.id, durationMinutes: 1441 }),
        () => planner.resizeEntry({ entryId: e.id, durationMinutes: 0 }),
      ];
      for (const fn of bad) expect(errorCode(fn)).toBe('invalid_argument');
      expect(errorCode(() => planner.addEntry({ taskId: 'nope', date: '2026-11-23', startMinute: 0 }))).toBe('not_found');
      expect(errorCode(() => planner.moveEntry({ entryId: 'nope', date: '2026-11-23', startMinute: 0 }))).toBe('not_found');
      expect(errorCode(() => planner.deleteEntry({ entryId: 'nope' }))).toBe('not_found');
      expect(planner.getWeek({ date: '2026-11-23' }).entries).toEqual([{ ...e, task: expect.objectContaining({ id: t.id }) }]);
    });

    it('deleting a task deletes its entries', () => {
      const t = planner.createTask({ title: 'x' });
      planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 0 });
      planner.addEntry({ taskId: t.id, date: '2026-11-24', startMinute: 0 });
      planner.deleteTask({ taskId: t.id });
      expect([count(db, 'tasks'), count(db, 'entries')]).toEqual([0, 0]);
    });
  });

  describe('drop rules', () => {
    it('creates a linked task with the title syntax, adds entries while it is open, and a new task once done', () => {
      const first = planner.dropSourceItem({ item: item(), date: '2026-11-24', startMinute: 600 });
      expect(first.createdTask).toBe(true);
      expect(first.task).toMatchObject({
        title: 'Write report',
        scheduledMinutes: 90,
        projectLabel: 'Website',
        source: { provider: 'hubstaff', orgId: '42', externalId: '1001', url: 'https://app.hubstaff.com/tasks/1001' },
      });
      expect(first.entry).toMatchObject({ date: '2026-11-24', startMinute: 600, durationMinutes: 90 });

      const second = planner.dropSourceItem({ item: item(), date: '2026-11-25', startMinute: 540 });
      expect(second.createdTask).toBe(false);
      expect(second.task.id).toBe(first.task.id);

      planner.completeTask({ taskId: first.task.id });
      const third = planner.dropSourceItem({ item: item(), date: '2026-11-26', startMinute: 540 });
      expect(third.createdTask).toBe(true);
      expect(third.task.id).not.toBe(first.task.id);
      expect(count(db, 'tasks')).toBe(2);
      expect(count(db, 'entries')).toBe(3);
    });

    it('takes the duration from the title, else the task, else the default setting', () => {
      const p = new Planner(db, { defaultDurationMinutes: () => 25 });
      const plain = p.dropSourceItem({ item: item({ title: 'Call client', externalId: '2' }), date: '2026-11-24', startMinute: 0 });
      expect(plain.entry.durationMinutes).toBe(25);
      const t = p.createTask({ title: 'Local [50m]' });
      expect(p.addEntry({ taskId: t.id, date: '2026-11-24', startMinute: 60 }).durationMinutes).toBe(50);
    });

    it('keeps items from different organizations or providers apart', () => {
      const a = planner.dropSourceItem({ item: item(), date: '2026-11-24', startMinute: 0 });
      const b = planner.dropSourceItem({ item: { ...item(), orgId: '43' }, date: '2026-11-24', startMinute: 0 });
      const c = planner.dropSourceItem({ item: { ...item(), provider: 'hubspot' }, date: '2026-11-24', startMinute: 0 });
      expect(new Set([a.task.id, b.task.id, c.task.id]).size).toBe(3);
    });

    it('a drop that cannot fit the day creates nothing (one transaction)', () => {
      expect(errorCode(() => planner.dropSourceItem({ item: item(), date: '2026-11-24', startMinute: 1400 }))).toBe('invalid_argument');
      expect([count(db, 'tasks'), count(db, 'entries')]).toEqual([0, 0]);
    });
  });

  describe('week query', () => {
    it('returns a floating week from the configured start with planned minutes per day', () => {
      const t = planner.createTask({ title: 'x' });
      planner.addEntry({ taskId: t.id, date: '2026-11-22', startMinute: 0, durationMinutes: 15 }); // Sunday before
      planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 600, durationMinutes: 60 }); // Monday
      planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 540, durationMinutes: 30 });
      planner.addEntry({ taskId: t.id, date: '2026-11-29', startMinute: 0, durationMinutes: 45 }); // Sunday
      planner.addEntry({ taskId: t.id, date: '2026-11-30', startMinute: 0, durationMinutes: 5 }); // next Monday

      const week = planner.getWeek({ date: '2026-11-26' });
      expect(week.weekStart).toBe('2026-11-23');
      expect(week.days.map((d) => d.plannedMinutes)).toEqual([90, 0, 0, 0, 0, 0, 45]);
      expect(week.entries.map((e) => [e.date, e.startMinute])).toEqual([
        ['2026-11-23', 540],
        ['2026-11-23', 600],
        ['2026-11-29', 0],
      ]);

      const sundayWeek = planner.getWeek({ date: '2026-11-26', weekStartsOn: 0 });
      expect(sundayWeek.weekStart).toBe('2026-11-22');
      expect(sundayWeek.days.map((d) => d.plannedMinutes)).toEqual([15, 90, 0, 0, 0, 0, 0]);
    });
  });

  describe('undo and redo', () => {
    it('undoes and redoes each kind of edit back to the exact previous state', () => {
      const snapshot = () => ({
        tasks: db.prepare('SELECT * FROM tasks ORDER BY id').all(),
        entries: db.prepare('SELECT * FROM entries ORDER BY id').all(),
      });
      const states = [snapshot()];
      const drop = planner.dropSourceItem({ item: item(), date: '2026-11-24', startMinute: 600 });
      states.push(snapshot());
      planner.moveEntry({ entryId: drop.entry.id, date: '2026-11-25', startMinute: 615 });
      states.push(snapshot());
      planner.resizeEntry({ entryId: drop.entry.id, durationMinutes: 45 });
      states.push(snapshot());
      planner.editTitle({ taskId: drop.task.id, title: 'Renamed [2h]', entryId: drop.entry.id });
      states.push(snapshot());
      planner.completeTask({ taskId: drop.task.id });
      states.push(snapshot());
      planner.deleteTask({ taskId: drop.task.id });
      states.push(snapshot());

      for (let i = states.length - 2; i >= 0; i--) {
        expect(planner.undo().label).not.toBeNull();
        expect(snapshot()).toEqual(states[i]);
      }
      expect(planner.undo()).toMatchObject({ label: null, canUndo: false, canRedo: true });
      for (let i = 1; i < states.length; i++) {
        planner.redo();
        expect(snapshot()).toEqual(states[i]);
      }
      expect(planner.redo()).toMatchObject({ label: null, canRedo: false });
    });

    it('keeps the last 50 edits', () => {
      const t = planner.createTask({ title: 'x' });
      const e = planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 0 });
      for (let i = 1; i <= 60; i++) planner.moveEntry({ entryId: e.id, date: '2026-11-23', startMinute: i });
      let undone = 0;
      while (planner.undo().label) undone++;
      expect(undone).toBe(HISTORY_LIMIT);
      expect(planner.getWeek({ date: '2026-11-23' }).entries[0]!.startMinute).toBe(10);
    });

    it('a new edit clears the redo stack', () => {
      const t = planner.createTask({ title: 'x' });
      planner.undo();
      expect(planner.historyState().canRedo).toBe(true);
      planner.createTask({ title: 'y' });
      expect(planner.historyState().canRedo).toBe(false);
      expect(t.id).toBeTruthy();
    });

    it('refuses to undo over a change made elsewhere, and loses nothing', () => {
      const t = planner.createTask({ title: 'x' });
      const e = planner.addEntry({ taskId: t.id, date: '2026-11-23', startMinute: 0 });
      planner.moveEntry({ entryId: e.id, date: '2026-11-23', startMinute: 60 });
      // Another process (the CLI, say) edits the same entry through its own planner.
      new Planner(db).moveEntry({ entryId: e.id, date: '2026-11-23', startMinute: 120 });
      expect(errorCode(() => planner.undo())).toBe('conflict');
      expect(planner.getWeek({ date: '2026-11-23' }).entries[0]!.startMinute).toBe(120);
      expect(planner.historyState().canUndo).toBe(false);
    });
  });
});
