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
}

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
