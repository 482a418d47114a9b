import type { ProviderName } from '../../../common/providers';
import { HUBSPOT_PROVIDER } from './hubspot/adapter';
import { HUBSTAFF_PROVIDER } from './hubstaff/descriptor';
import type { ProviderDescriptor } from './provider';

/** Every integration Stint has, by name: views that act per provider look it up here. */
export const PROVIDERS: Readonly<Record<ProviderName, ProviderDescriptor>> = {
  hubstaff: HUBSTAFF_PROVIDER,
  hubspot: HUBSPOT_PROVIDER,
};
