// The domain model shared by every process (DESIGN §2), as zod schemas so the IPC contract
// validates exactly these shapes. Types are inferred from the schemas.
import { z } from 'zod';
import { isIsoDate } from './dates';

export const MINUTES_PER_DAY = 1440;

export const IsoDate = z.string().refine(isIsoDate, { message: 'Expected a calendar date YYYY-MM-DD' });
export const Id = z.string().min(1).max(100);
export const Minute = z.number().int().min(0).max(MINUTES_PER_DAY - 1);
export const DurationMinutes = z.number().int().min(1).max(MINUTES_PER_DAY);
export const Title = z.string().max(500);
export const ProviderName = z.enum(['hubstaff', 'hubspot']);

export const SourceLink = z.object({
  provider: ProviderName,
  orgId: z.string().min(1).max(100),
  externalId: z.string().min(1).max(100),
  url: z.string().max(2000).nullable(),
});
export type SourceLink = z.infer<typeof SourceLink>;

export const TaskStatus = z.enum(['open', 'done']);
export const Task = z.object({
  id: Id,
  title: z.string(),
  scheduledMinutes: DurationMinutes.nullable(),
  status: TaskStatus,
  projectLabel: z.string().nullable(),
  projectColor: z.string().nullable(),
  notes: z.string(),
  source: SourceLink.nullable(),
  sourceRemoved: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;

export const Entry = z.object({
  id: Id,
  taskId: Id,
  date: IsoDate,
  startMinute: Minute,
  durationMinutes: DurationMinutes,
});
export type Entry = z.infer<typeof Entry>;

/** The cached, read-only item from an integration that the sidebar lists. */
export const SourceItem = z.object({
  provider: ProviderName,
  orgId: z.string(),
  externalId: z.string(),
  title: z.string(),
  status: z.string(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  assigneeIds: z.array(z.string()),
  url: z.string().nullable(),
});
export type SourceItem = z.infer<typeof SourceItem>;

export const WeekDay = z.object({ date: IsoDate, plannedMinutes: z.number().int().min(0) });
export const Week = z.object({
  weekStart: IsoDate,
  days: z.array(WeekDay).length(7),
  entries: z.array(Entry.extend({ task: Task })),
});
export type Week = z.infer<typeof Week>;
