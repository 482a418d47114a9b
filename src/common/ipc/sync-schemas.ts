// Account and sync status as the UI, the tray and the CLI see it (DESIGN §5–§6).
import { z } from 'zod';
import { ERROR_CODES } from '../errors';

export const ErrorInfo = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  correlationId: z.string().optional(),
  details: z.array(z.string()).optional(),
});

export const AccountState = z.enum(['connected', 'needs_reconnect', 'offline', 'error']);

export const AccountStatus = z.object({
  accountId: z.string(),
  provider: z.enum(['hubstaff', 'hubspot']),
  userId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  status: AccountState,
  /** Why the account is in that state, in the provider's words ("HubSpot refused this token"). */
  statusMessage: z.string().nullable(),
  /** The keychain was unavailable: tokens live in memory until the app quits. */
  sessionOnly: z.boolean(),
  organizations: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
  lastSyncedAt: z.string().nullable(),
  lastError: ErrorInfo.nullable(),
});
export type AccountStatus = z.infer<typeof AccountStatus>;

export const StreamStatus = z.object({
  accountId: z.string(),
  orgId: z.string(),
  stream: z.string(),
  lastSuccessAt: z.string().nullable(),
  lastError: ErrorInfo.nullable(),
  /** Backfill progress in slices; null when the stream is caught up. */
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).nullable(),
});
export type StreamStatus = z.infer<typeof StreamStatus>;

export const OverallSyncState = z.enum(['syncing', 'idle', 'offline', 'needs_reconnect', 'error', 'paused', 'signed_out']);
export type OverallSyncState = z.infer<typeof OverallSyncState>;

export const SyncStatus = z.object({
  state: OverallSyncState,
  lastSyncedAt: z.string().nullable(),
  accounts: z.array(AccountStatus),
  streams: z.array(StreamStatus),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const EMPTY_SYNC_STATUS: SyncStatus = { state: 'signed_out', lastSyncedAt: null, accounts: [], streams: [] };
