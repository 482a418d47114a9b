// The simulator's records as stored. Timestamps are kept as numbers (microseconds since the
// epoch for date-time fields, milliseconds for instants and dates) and turned into Hubstaff's
// JSON shapes by serialize.ts, so the state stays compact and easy to mutate.

export type MembershipRole = 'owner' | 'manager' | 'user';
export type TaskStatus = 'active' | 'completed' | 'deleted' | 'archived';
export type TimeOffStatus = 'submitted' | 'approved' | 'denied';

export interface UserRec {
  id: number;
  name: string;
  first_name: string;
  last_name: string;
  email: string;
  time_zone: string;
  ip_address: string;
  status: string;
  createdUs: number;
  updatedUs: number;
}

export interface OrgRec {
  id: number;
  name: string;
  status: string;
  invite_url: string;
  createdUs: number;
  updatedUs: number;
  /** Organization settings the write endpoints obey (not serialized: the API does not show them). */
  settings: OrgSettings;
}

/** The organization settings that decide whether `POST /v2/users/{id}/time_entries` is accepted. */
export interface OrgSettings {
  /**
   * "Require reason": manual time needs a `note`. On by default, as the Swagger says of `note`:
   * "(it's REQUIRED by default) Can be modified to be optional in the Require Reason setting".
   */
  requireReason: boolean;
  /**
   * Manual time needs a manager's approval; then the API refuses manual time altogether
   * ("Manual time entries that require approval cannot be added through the API"). Off by default.
   */
  manualTimeApproval: boolean;
}

export const DEFAULT_ORG_SETTINGS: Readonly<OrgSettings> = { requireReason: true, manualTimeApproval: false };

export interface MemberRec {
  orgId: number;
  userId: number;
  role: MembershipRole;
  status: 'active' | 'removed';
  createdUs: number;
  updatedUs: number;
  lastClientActivityUs: number;
  removedUs: number | null;
}

export interface ProjectRec {
  id: number;
  orgId: number;
  name: string;
  description: string | null;
  status: 'active' | 'archived';
  billable: boolean;
  createdUs: number;
  updatedUs: number;
  /** Set when the project is linked to a third-party tool (Jira, Asana…): to-dos must be created there. */
  integrationId: number | null;
}

export interface TaskRec {
  id: number;
  orgId: number;
  projectId: number;
  summary: string;
  details: string | null;
  status: TaskStatus;
  assigneeIds: number[];
  lockVersion: number;
  dueUs: number | null;
  completedUs: number | null;
  createdUs: number;
  updatedUs: number;
  /** Set for a to-do that belongs to a third-party tool; such to-dos cannot be changed through the API. */
  integrationId: number | null;
  /** The to-do's id in the third-party tool (only with integrationId). */
  remoteId: string | null;
  /** Only present once set through PUT/POST (the seed leaves them out, as the reference samples do). */
  payRate?: number | null;
  billRate?: number | null;
  metadata?: Record<string, string>;
}

/** A manual time entry accepted by `POST /v2/users/{user_id}/time_entries` (the API never shows it). */
export interface TimeEntryRec {
  /** Internal only: the API answers `{"success": true}` without an id. */
  id: number;
  orgId: number;
  userId: number;
  /** Who posted it (the token's user; a manager may add time for a member). */
  createdById: number;
  projectId: number;
  taskId: number | null;
  /** ms since the epoch (whole seconds). */
  startMs: number;
  /** Seconds. */
  tracked: number;
  billable: boolean;
  note: string | null;
  /** The manual activities (10-minute slots) the entry was split into. */
  activityIds: number[];
  createdUs: number;
}

export interface TimeOffPolicyRec {
  id: number;
  orgId: number;
  name: string;
  paid: boolean;
  createdById: number;
  createdUs: number;
  updatedUs: number;
}

export interface TimeOffRequestRec {
  id: number;
  orgId: number;
  userId: number;
  policyId: number;
  status: TimeOffStatus;
  /** Whole UTC days covered, as ms at UTC midnight, in order. */
  days: number[];
  /** Seconds counted per day (28800 = 8 h). */
  secondsPerDay: number;
  paid: boolean;
  message: string;
  createdById: number;
  approvedById: number | null;
  deniedById: number | null;
  submittedUs: number;
  approvedUs: number | null;
  deniedUs: number | null;
  createdUs: number;
  updatedUs: number;
}

/** One aggregated row of `activities/daily`, derived from the activities (never stored apart). */
export interface DailyRec {
  id: number;
  orgId: number;
  dateMs: number;
  userId: number;
  projectId: number;
  taskId: number | null;
  keyboard: number;
  mouse: number;
  overall: number;
  tracked: number;
  input_tracked: number;
  manual: number;
  billable: number;
  createdUs: number;
  updatedUs: number;
}

/** The fields callers give when adding an activity (control.addActivity). */
export interface ActivityInput {
  orgId: number;
  userId: number;
  projectId: number;
  taskId: number | null;
  /** Start of the 10-minute slot, ms since the epoch (must be a multiple of 10 minutes). */
  slotMs: number;
  /** Seconds from the slot start to when tracking started. */
  startOffsetSec: number;
  tracked: number;
  keyboard: number;
  mouse: number;
  overall: number;
  billable: boolean;
  paid: boolean;
  manual: boolean;
  client: ActivityClient;
  createdUs: number;
  updatedUs: number;
}

export const ACTIVITY_CLIENTS = ['windows', 'mac', 'linux', 'web', 'android', 'ios'] as const;
export type ActivityClient = (typeof ACTIVITY_CLIENTS)[number];
