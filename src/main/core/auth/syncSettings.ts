import { StintError } from '../../../common/errors';
import { MAX_PAGE_LIMIT, MAX_REFRESH_WINDOW_DAYS } from '../../../common/syncLimits';
import type { SyncSettings } from './types';

export const DEFAULT_SYNC_SETTINGS: SyncSettings = { startDate: null, endDate: null, refreshWindowDays: 3, pageLimit: 500 };
export { MAX_PAGE_LIMIT, MAX_REFRESH_WINDOW_DAYS };

/** Applies a partial update to sync settings, validating the result as a whole. */
export function mergeSyncSettings(current: SyncSettings, patch: Partial<SyncSettings>): SyncSettings {
  if (patch === null || typeof patch !== 'object') throw new StintError('invalid_argument', 'Sync settings must be an object.');
  const next: SyncSettings = { ...current };
  const problems: string[] = [];
  if ('startDate' in patch) {
    if (patch.startDate === null || isCalendarDate(patch.startDate)) next.startDate = patch.startDate ?? null;
    else problems.push('startDate must be a date like 2026-01-31');
  }
  if ('endDate' in patch) {
    if (patch.endDate === null || isCalendarDate(patch.endDate)) next.endDate = patch.endDate ?? null;
    else problems.push('endDate must be a date like 2026-01-31, or empty');
  }
  if ('refreshWindowDays' in patch) {
    const d = patch.refreshWindowDays;
    if (Number.isInteger(d) && d! >= 0 && d! <= MAX_REFRESH_WINDOW_DAYS) next.refreshWindowDays = d!;
    else problems.push(`refreshWindowDays must be a whole number from 0 to ${MAX_REFRESH_WINDOW_DAYS}`);
  }
  if ('pageLimit' in patch) {
    const p = patch.pageLimit;
    if (Number.isInteger(p) && p! >= 1 && p! <= MAX_PAGE_LIMIT) next.pageLimit = p!;
    else problems.push(`pageLimit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  }
  if (!problems.length && next.startDate && next.endDate && next.endDate < next.startDate) {
    problems.push('endDate must not be before startDate');
  }
  if (problems.length) throw new StintError('invalid_argument', `Invalid sync settings: ${problems.join('; ')}.`, { details: problems });
  return next;
}

function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
