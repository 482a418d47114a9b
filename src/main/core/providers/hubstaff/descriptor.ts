import { PROVIDER_INFO } from '../../../../common/providers';
import type { ProviderDescriptor } from '../provider';

// Hubstaff as a provider: browser sign-in (OAuth with PKCE, refreshable) or a personal or
// organization token, and the streams of DESIGN §6 (account-level first, then per organization).

export const HUBSTAFF_PROVIDER: ProviderDescriptor = {
  name: 'hubstaff',
  label: PROVIDER_INFO.hubstaff.label,
  authKinds: [
    { kind: 'oauth', label: 'Browser sign-in', canRefresh: true },
    { kind: 'personal', label: 'Personal access token', canRefresh: true },
    { kind: 'organization', label: 'Organization token', canRefresh: false },
  ],
  streams: ['me', 'organizations', 'projects', 'tasks', 'members', 'time_off_requests', 'daily_activities', 'activities'],
  cliSignIn: 'stint auth pat',
};
