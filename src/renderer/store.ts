// The planner view's store: a cache of what main holds, refreshed on `planner.changed`.
import { create } from 'zustand';
import type { Task } from '../common/domain';
import type { ErrorInfo } from '../common/errors';
import { ApiError, call } from './lib/api';

interface PlannerState {
  tasks: Task[];
  error: ErrorInfo | null;
  load(): Promise<void>;
  quickAdd(title: string): Promise<boolean>;
  toggleDone(task: Task): Promise<void>;
}

async function guarded(set: (s: Partial<PlannerState>) => void, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    set({ error: null });
    return true;
  } catch (e) {
    set({ error: e instanceof ApiError ? e.info : { code: 'internal', message: String(e) } });
    return false;
  }
}

export const usePlanner = create<PlannerState>((set) => ({
  tasks: [],
  error: null,
  async load() {
    await guarded(set, async () => set({ tasks: await call('planner.listTasks', {}) }));
  },
  async quickAdd(title) {
    return guarded(set, async () => {
      await call('planner.createTask', { title });
    });
  },
  async toggleDone(task) {
    await guarded(set, async () => {
      await call(task.status === 'done' ? 'planner.reopenTask' : 'planner.completeTask', { taskId: task.id });
    });
  },
}));
