// Hubstaff API v2: the client, its page and record types, and what callers wire in.
export { HUBSTAFF_API_URL, HubstaffClient } from './client';
export type { ActivityQuery, ActivityUpdatesQuery, DailyActivityQuery, HubstaffClientOptions, ListOptions, ProjectQuery, TaskQuery } from './client';
export { RequestBudget } from './budget';
export type { RequestBudgetOptions } from './budget';
export { HubstaffApiError } from './errors';
export type { RequestEvent } from './http';
export { MAX_PAGE_LIMIT, readAhead } from './pagination';
export type { Page, PageSlice } from './pagination';
export { DEFAULT_RETRY_POLICY } from '../shared/retryPolicy';
export type { RetryPolicy } from '../shared/retryPolicy';
export type {
  HubstaffActivity,
  HubstaffDailyActivity,
  HubstaffMember,
  HubstaffOrganization,
  HubstaffProject,
  HubstaffTask,
  HubstaffTimeOffPolicy,
  HubstaffTimeOffRequest,
  HubstaffUser,
  SkippedRecord,
} from './schemas';
export { ACTIVITY_WINDOW_DAYS, DAILY_WINDOW_DAYS, dateSlices, timeSlices } from './slices';
export type { Sleep } from '../shared/sleep';
export { staticTokenProvider } from './tokens';
export type { AccessTokenProvider } from './tokens';
