// Public API of the accounts work: the composition root and the IPC wiring use these.
export { Accounts } from './accounts';
export type { AccountsOptions, ReconnectMethod } from './accounts';
export type { AccessTokenProvider } from './tokenProvider';
export type { AccountEvent, AccountStatus, AccountView, AuthKind, KeychainStatus, SelectedOrganization, SyncSettings } from './types';
export type { OrganizationChoice } from './hubstaffIdentity';
export type { OpenExternal } from './hubstaffOAuth';
export { resolveHubstaffAuthConfig, HUBSTAFF_DEFAULTS, isLoopbackUrl } from './config';
export type { HubstaffAuthConfig } from './config';
export { parseOrganizationIds, organizationSelection } from './organizationIds';
export { DEFAULT_SYNC_SETTINGS } from './syncSettings';
