// Inputs of the planner commands. Main validates IPC arguments against these, and the planner
// core validates again, so the CLI and any other caller get the same typed errors.
import { z } from 'zod';
import { DurationMinutes, Id, IsoDate, Minute, ProviderName, Title } from '../domain';

const Weekday = z.number().int().min(0).max(6);

export const CreateTaskInput = z.object({
  title: Title,
  scheduledMinutes: DurationMinutes.nullish(),
  projectLabel: z.string().max(200).nullish(),
  projectColor: z.string().max(32).nullish(),
  notes: z.string().max(20_000).optional(),
});

export const AddEntryInput = z.object({
  taskId: Id,
  date: IsoDate,
  startMinute: Minute,
  durationMinutes: DurationMinutes.nullish(),
});

export const MoveEntryInput = z.object({ entryId: Id, date: IsoDate, startMinute: Minute });
export const ResizeEntryInput = z.object({ entryId: Id, durationMinutes: DurationMinutes });
export const EntryIdInput = z.object({ entryId: Id });
export const TaskIdInput = z.object({ taskId: Id });

export const EditTitleInput = z.object({
  taskId: Id,
  title: Title,
  /** The entry being edited, whose duration the title syntax also sets. */
  entryId: Id.nullish(),
});

/** A source item as the planner needs it for the drop rules. */
export const DropItem = z.object({
  provider: ProviderName,
  orgId: z.string().min(1).max(100),
  externalId: z.string().min(1).max(100),
  title: Title,
  url: z.string().max(2000).nullish(),
  projectName: z.string().max(200).nullish(),
});

export const DropSourceItemInput = z.object({ item: DropItem, date: IsoDate, startMinute: Minute });

/** What the renderer sends for a drop: the item's key; main looks the item up in its cache. */
export const DropSourceItemRefInput = z.object({
  provider: ProviderName,
  orgId: z.string().min(1).max(100),
  externalId: z.string().min(1).max(100),
  date: IsoDate,
  startMinute: Minute,
});

export const WeekInput = z.object({ date: IsoDate, weekStartsOn: Weekday.optional() });
export const ListTasksInput = z.object({ status: z.enum(['open', 'done']).optional() });
