import type { Db } from '../../db/database';
import type { HubstaffClient } from '../../providers/hubstaff/client';
import type { SyncSettings } from '../../auth/types';

/** Account-level streams (stored under org 0) and per-organization streams, in run order. */
export const ACCOUNT_STREAMS = ['me', 'organizations'] as const;
export const ORG_STREAMS = ['projects', 'tasks', 'members', 'time_off_requests', 'daily_activities', 'activities'] as const;
export const STREAMS = [...ACCOUNT_STREAMS, ...ORG_STREAMS] as const;

export type AccountStreamName = (typeof ACCOUNT_STREAMS)[number];
export type OrgStreamName = (typeof ORG_STREAMS)[number];
export type StreamName = (typeof STREAMS)[number];

/** How often the streams that do not run every poll run (DESIGN §6 table). */
export interface Cadence {
  /** members, projects, time off, daily activities, and the activity refresh window: 15 min. */
  slowMs: number;
  /** organizations and me: 6 h. */
  accountMs: number;
  /** `activities/updates` starts this long before the previous poll (Hubstaff data may lag ~20 min). */
  overlapMs: number;
  /** A long backfill yields after this long and continues at the next poll (Infinity: to the end). */
  maxReadMsPerRun: number;
}

export const DEFAULT_CADENCE: Cadence = {
  slowMs: 15 * 60_000,
  accountMs: 6 * 3_600_000,
  overlapMs: 30 * 60_000,
  maxReadMsPerRun: 2 * 60_000,
};

/** What a run tells views that refetch: the sidebar items, tracked time, or local tasks changed. */
export type DataChange = 'sources' | 'tracked' | 'tasks';

export interface StreamLog {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** Everything a stream needs for one run of one account (and organization). */
export interface StreamContext {
  db: Db;
  client: HubstaffClient;
  accountId: string;
  /** Hubstaff's Hubstaff user id of the account (as a number). */
  userId: number;
  /** 0 for account-level streams. */
  orgId: number;
  settings: SyncSettings;
  cadence: Cadence;
  /** Scheduling clock, ms (injectable in tests). Row `synced_at` marks use the wall clock. */
  now(): number;
  /** The run started at (scheduling clock); reads yield after cadence.maxReadMsPerRun. */
  runStartedAt: number;
  /** A full re-read was asked for. */
  full: boolean;
  signal: AbortSignal | undefined;
  count(stream: StreamName, records: number, skipped: number): void;
  /** Backfill progress moved (a slice finished): status listeners are told. */
  progress(): void;
  changed(what: DataChange): void;
  log: StreamLog;
}

export interface Stream {
  name: StreamName;
  /** Whether the stream has work this run (cadence, a read in progress, a full re-read). */
  due(ctx: StreamContext): boolean;
  run(ctx: StreamContext): Promise<void>;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** True when `lastAt` (ISO) is missing or at least `everyMs` before now. */
export function elapsed(lastAt: string | null | undefined, everyMs: number, now: number): boolean {
  if (!lastAt) return true;
  const t = Date.parse(lastAt);
  return Number.isNaN(t) || now - t >= everyMs || t > now + everyMs; // a clock set back far also re-runs
}
