// Planner commands the views issue. Each goes through the contract; the views refresh when
// main announces `planner.changed`, so nothing here edits local state.
import type { SourceItem, Task } from '../../common/domain';
import { call } from '../lib/api';
import { attempt } from './errors';
import { duringEdit } from './week';

const ok = (fn: () => Promise<unknown>) => duringEdit(async () => (await attempt(fn)) !== undefined);

export const planner = {
  moveEntry: (entryId: string, date: string, startMinute: number) => ok(() => call('planner.moveEntry', { entryId, date, startMinute })),
  resizeEntry: (entryId: string, durationMinutes: number) => ok(() => call('planner.resizeEntry', { entryId, durationMinutes })),
  deleteEntry: (entryId: string) => ok(() => call('planner.deleteEntry', { entryId })),
  editTitle: (taskId: string, title: string, entryId?: string) => ok(() => call('planner.editTitle', { taskId, title, entryId: entryId ?? null })),
  setDone: (task: Pick<Task, 'id' | 'status'>, done: boolean) =>
    ok(() => call(done ? 'planner.completeTask' : 'planner.reopenTask', { taskId: task.id })),
  /** HourStack's drop rules run in main; the renderer only names the item and the slot. */
  dropSourceItem: (item: Pick<SourceItem, 'provider' | 'orgId' | 'externalId'>, date: string, startMinute: number) =>
    ok(() => call('planner.dropSourceItem', { provider: item.provider, orgId: item.orgId, externalId: item.externalId, date, startMinute })),
  addEntry: (taskId: string, date: string, startMinute: number) => ok(() => call('planner.addEntry', { taskId, date, startMinute })),
};
