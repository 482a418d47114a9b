import type { Migration } from './types';
import { planner } from './001_planner';
import { hubstaffCache } from './002_hubstaff_cache';
import { accounts } from './003_accounts';
import { hubspotAccounts } from './004_hubspot_accounts';
import { requestBudgets } from './005_request_budgets';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [planner, hubstaffCache, accounts, hubspotAccounts, requestBudgets];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
