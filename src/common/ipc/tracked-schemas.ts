// Tracked time beside the plan (DESIGN §2): per day, per linked task, and overtime.
import { z } from 'zod';
import { IsoDate } from '../domain';

export const TrackedWeekSchema = z.object({
  weekStart: IsoDate,
  days: z
    .array(
      z.object({
        date: IsoDate,
        trackedSeconds: z.number().int().min(0),
        timeOff: z.object({ policyName: z.string() }).nullable(),
      }),
    )
    .length(7),
  /** Seconds tracked this week per local task id (tasks linked to a Hubstaff to-do). */
  byTask: z.record(z.string(), z.number().int().min(0)),
  totalSeconds: z.number().int().min(0),
  thresholdSeconds: z.number().int().min(0),
  overtimeSeconds: z.number().int().min(0),
});
export type TrackedWeekPayload = z.infer<typeof TrackedWeekSchema>;

export const TrackedWeekInput = z.object({ date: IsoDate, weekStartsOn: z.number().int().min(0).max(6).optional() });
export const SyncNowInput = z.object({ full: z.boolean().optional() }).optional();
export const SyncNowResult = z.object({
  status: z.string(),
  requests: z.number().int().min(0),
  records: z.record(z.string(), z.number().int().min(0)),
  skipped: z.record(z.string(), z.number().int().min(0)),
});
