// What every process knows of each integration, by name, so views say "HubSpot" or "Hubstaff"
// (and offer what a provider can do) from one table instead of comparing provider names.
import type { z } from 'zod';
import type { ProviderName as ProviderNameSchema } from './domain';

export type ProviderName = z.infer<typeof ProviderNameSchema>;

export interface ProviderInfo {
  /** How the UI names it. */
  label: string;
  /** What the provider calls the person an account signs in (status lines). */
  userNoun: string;
  /** Whether it tracks time (tracked time, time off and overtime come from it). */
  tracksTime: boolean;
}

export const PROVIDER_INFO: Readonly<Record<ProviderName, ProviderInfo>> = {
  hubstaff: { label: 'Hubstaff', userNoun: 'Hubstaff user', tracksTime: true },
  hubspot: { label: 'HubSpot', userNoun: 'HubSpot owner', tracksTime: false },
};

export function isProviderName(value: unknown): value is ProviderName {
  return typeof value === 'string' && Object.hasOwn(PROVIDER_INFO, value);
}

export function providerLabel(provider: ProviderName): string {
  return PROVIDER_INFO[provider].label;
}

/** Whether any of these accounts comes from a provider that tracks time. */
export function tracksTime(accounts: readonly { provider: ProviderName }[]): boolean {
  return accounts.some((a) => PROVIDER_INFO[a.provider].tracksTime);
}
