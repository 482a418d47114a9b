// Planner commands the views issue. Each goes through the contract; the views refresh when
// main announces `planner.changed`, so nothing here edits local state.
import type { SourceItem, Task } from '../../common/domain';
import { call } from '../lib/api';
import { attempt } from './errors';
import { useUi } from './ui';
import { duringEdit } from './week';

/** A placed entry takes the focus (a drop, the Place dialog): the next keys act on it. */
function placed(entry: { id: string } | undefined): boolean {
  if (!entry) return false;
  useUi.getState().select(entry.id);
  useUi.getState().keepFocus(entry.id);
  return true;
}

// Every edit first clears the last "… — Undo" message: Undo undoes the newest edit, so a message
// about an older one would undo something else. The edit's own message (if any) follows it.
const ok = (fn: () => Promise<unknown>) => {
  useUi.getState().dismissNotice();
  return duringEdit(async () => (await attempt(fn)) !== undefined);
};
/** Like `ok`, answering what main created (undefined when it refused). */
const value = <T>(fn: () => Promise<T>) => {
  useUi.getState().dismissNotice();
  return duringEdit(() => attempt(fn));
};

export const planner = {
  moveEntry: (entryId: string, date: string, startMinute: number) => ok(() => call('planner.moveEntry', { entryId, date, startMinute })),
  resizeEntry: (entryId: string, durationMinutes: number) => ok(() => call('planner.resizeEntry', { entryId, durationMinutes })),
  deleteEntry: (entryId: string) => ok(() => call('planner.deleteEntry', { entryId })),
  editTitle: (taskId: string, title: string, entryId?: string) => ok(() => call('planner.editTitle', { taskId, title, entryId: entryId ?? null })),
  setDone: (task: Pick<Task, 'id' | 'status'>, done: boolean) =>
    ok(() => call(done ? 'planner.completeTask' : 'planner.reopenTask', { taskId: task.id })),
  /** HourStack's drop rules run in main; the renderer only names the item and the slot. */
  dropSourceItem: async (item: Pick<SourceItem, 'provider' | 'orgId' | 'externalId'>, date: string, startMinute: number) =>
    placed(await value(() => call('planner.dropSourceItem', { provider: item.provider, orgId: item.orgId, externalId: item.externalId, date, startMinute })).then((r) => r?.entry)),
  addEntry: async (taskId: string, date: string, startMinute: number) => placed(await value(() => call('planner.addEntry', { taskId, date, startMinute }))),
  /** An entry of a given length (a duplicate); answers it, or undefined. */
  addEntryAt: (taskId: string, date: string, startMinute: number, durationMinutes: number) => value(() => call('planner.addEntry', { taskId, date, startMinute, durationMinutes })),
};
