// Local tasks not on the calendar yet ("Unscheduled"), and quick add.
import { create } from 'zustand';
import type { Task } from '../../common/domain';
import { call } from '../lib/api';
import { attempt } from './errors';
import { useUi } from './ui';

interface TasksState {
  unscheduled: Task[];
  load(): Promise<void>;
  /** Creates a task from typed text (`Write report [1h30m]`); true when it was created. */
  quickAdd(text: string): Promise<boolean>;
}

let latest = 0;

export const useTasks = create<TasksState>((set) => ({
  unscheduled: [],
  async load() {
    const request = ++latest;
    const tasks = await attempt(() => call('planner.listUnscheduled'));
    // Oldest first; the title breaks ties between tasks created in the same millisecond.
    if (tasks && request === latest) set({ unscheduled: tasks.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.title.localeCompare(b.title)) });
  },
  async quickAdd(text) {
    // An undoable edit: the last "… — Undo" message would now undo this instead, so it goes.
    useUi.getState().dismissNotice();
    return (await attempt(() => call('planner.createTask', { title: text }))) !== undefined;
  },
}));
