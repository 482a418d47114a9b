import { z } from 'zod';
import { DurationMinutes, Minute } from '../domain';

/** The fields, each checked alone (a patch, or repairing one stored value). */
export const SettingsFields = z.object({
  defaultDurationMinutes: DurationMinutes,
  /** 0 = Sunday … 6 = Saturday; Monday by default. */
  weekStartsOn: z.number().int().min(0).max(6),
  workdayStartMinute: Minute,
  workdayEndMinute: Minute,
  theme: z.enum(['system', 'light', 'dark']),
  overtimeThresholdMinutes: z.number().int().min(60).max(168 * 60),
  /** How times read everywhere: the OS locale's clock ('system'), or 12 or 24 hours. */
  timeFormat: z.enum(['system', '12h', '24h']),
  /** Show only Monday to Friday in the week. */
  hideWeekends: z.boolean(),
});

/** Settings as a whole: the fields, and the working day ending after it starts. */
export const Settings = SettingsFields.refine((s) => s.workdayEndMinute > s.workdayStartMinute, {
  message: 'The working day must end after it starts',
  path: ['workdayEndMinute'],
});
export type Settings = z.infer<typeof Settings>;
export type TimeFormat = Settings['timeFormat'];

export const DEFAULT_SETTINGS: Settings = {
  defaultDurationMinutes: 30,
  weekStartsOn: 1,
  workdayStartMinute: 9 * 60,
  workdayEndMinute: 17 * 60,
  theme: 'system',
  overtimeThresholdMinutes: 40 * 60,
  timeFormat: 'system',
  hideWeekends: false,
};

export const SettingsPatch = SettingsFields.partial().strict();
