import type { KeychainStatus } from '../secrets/secretStore';
import type { AuthKind } from './credential';

export type { AuthKind, KeychainStatus };

export type AccountStatus = 'connected' | 'needs_reconnect' | 'offline' | 'error';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['connected', 'needs_reconnect', 'offline', 'error'];

/** DESIGN §6 per-account sync configuration. */
export interface SyncSettings {
  /** First day to sync (`YYYY-MM-DD`); null lets the sync pick its default. */
  startDate: string | null;
  /** Last day of a bounded backfill (`YYYY-MM-DD`), or null to keep rolling forward. */
  endDate: string | null;
  /** Recent days re-read on each incremental run (default 3). */
  refreshWindowDays: number;
  /** Page size for list requests (default and maximum 500). */
  pageLimit: number;
}

export interface SelectedOrganization {
  id: number;
  /** Display name from the picker; null for IDs typed by hand. */
  name: string | null;
}

/** An account as the UI sees it. Holds no token, so it is safe for IPC and logs. */
export interface AccountView {
  id: string;
  provider: 'hubstaff';
  userId: string;
  name: string;
  email: string | null;
  authKind: AuthKind;
  status: AccountStatus;
  /** Why the account is not connected (shown next to Reconnect). */
  statusMessage: string | null;
  /** True when the keychain is unavailable and the tokens live in memory until the app quits. */
  sessionOnly: boolean;
  organizations: SelectedOrganization[];
  sync: SyncSettings;
  createdAt: string;
  updatedAt: string;
}

export type AccountEvent =
  | { type: 'account-changed'; account: AccountView }
  | { type: 'account-removed'; accountId: string }
  | { type: 'keychain-status'; status: KeychainStatus };
