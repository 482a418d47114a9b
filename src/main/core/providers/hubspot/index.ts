// HubSpot CRM v3 as a to-do source: the client, its auth kinds, the tasks stream, and the types
// callers wire in. Facts: shared/reference/hubstaff-hubspot-api.md §4.
export { HubspotClient, MAX_LIST_LIMIT } from './client';
export type { HubspotClientOptions, ListPage, ResolvedOwner, SearchFilter, SearchPage, SearchRequest } from './client';
export { HubspotApiError, missingScopesOf, parseErrorEnvelope } from './errors';
export type { HubspotErrorEnvelope, HubspotErrorReason } from './errors';
export type { HubspotRequestEvent } from './http';
export { DEFAULT_REFRESH_SKEW_MS, HUBSPOT_API_URL, exchangeAuthorizationCode, refreshAccessToken } from './oauth';
export type { HubspotOAuthConfig, HubspotOAuthCredential } from './oauth';
export { DEFAULT_SEARCH_PER_SECOND, nextDailyReset } from './rateLimits';
export type { HubspotAccessTokenInfo, HubspotAccountDetails, HubspotOwner, HubspotPrivateAppTokenInfo, HubspotTask, SkippedRecord } from './schemas';
export { DEFAULT_LOOKBACK_MINUTES, HUBSPOT_EPOCH, MAX_SEARCH_PAGE_LIMIT, SEARCH_RESULT_CAP } from './taskStream';
export type { TaskPage, TasksModifiedSinceQuery, TimeInput } from './taskStream';
export type { HubspotAccessTokenProvider, HubspotAuth, HubspotAuthKind } from './tokens';
export { privateAppAuth } from './tokens';
