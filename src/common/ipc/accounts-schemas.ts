// Accounts across IPC (DESIGN §5). Tokens only ever travel renderer -> main, inside sign-in
// inputs; nothing main sends back can carry one (these output schemas have no such field, and
// the dispatcher drops anything undeclared).
import { z } from 'zod';
import { IsoDate } from '../domain';
import { MAX_PAGE_LIMIT, MAX_REFRESH_WINDOW_DAYS } from '../syncLimits';

export const SyncSettingsSchema = z.object({
  startDate: IsoDate.nullable(),
  endDate: IsoDate.nullable(),
  refreshWindowDays: z.number().int().min(0).max(MAX_REFRESH_WINDOW_DAYS),
  pageLimit: z.number().int().min(1).max(MAX_PAGE_LIMIT),
});

export const AccountView = z.object({
  id: z.string(),
  provider: z.enum(['hubstaff', 'hubspot']),
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  authKind: z.enum(['oauth', 'personal', 'organization']),
  status: z.enum(['connected', 'needs_reconnect', 'offline', 'error']),
  statusMessage: z.string().nullable(),
  sessionOnly: z.boolean(),
  organizations: z.array(z.object({ id: z.number().int(), name: z.string().nullable() })),
  sync: SyncSettingsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountView = z.infer<typeof AccountView>;

export const OrganizationChoice = z.object({ id: z.number().int(), name: z.string(), status: z.string().nullable() });
export const KeychainStatusSchema = z.object({ available: z.boolean(), message: z.string().optional() });

const Token = z.string().trim().min(1, 'Paste a token').max(8192);
export const AccountIdInput = z.object({ accountId: z.string().min(1).max(200) });
export const TokenInput = z.object({ token: Token });
export const SelectOrganizationsInput = AccountIdInput.extend({
  /** Picked IDs, or the manual fallback text "12345, 67890". */
  selection: z.union([z.array(z.number().int().positive()).max(200), z.string().max(2000)]),
});
export const UpdateSyncSettingsInput = AccountIdInput.extend({ patch: SyncSettingsSchema.partial().strict() });
export const ReconnectInput = AccountIdInput.extend({
  method: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('oauth') }),
      z.object({ kind: z.literal('personal'), token: Token }),
      z.object({ kind: z.literal('organization'), token: Token }),
    ])
    .optional(),
});
export const SignOutInput = AccountIdInput.extend({ purgeCache: z.boolean().optional() });

// HubSpot accounts (issue 8): a private app token or an OAuth connection; the portal is the
// account's one organization and the signed-in owner its user.
export const HubspotAccountView = z.object({
  id: z.string(),
  provider: z.literal('hubspot'),
  ownerId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  authKind: z.enum(['private_app', 'oauth']),
  status: z.enum(['connected', 'needs_reconnect', 'offline', 'error']),
  statusMessage: z.string().nullable(),
  portalId: z.string(),
  portalName: z.string().nullable(),
  /** Minutes re-read before the last sync's high-water mark, for tasks search returns late. */
  lookbackMinutes: z.number().int().min(0).max(1440),
  /** First day read on a first sync, or null for HubSpot's epoch. */
  startDate: IsoDate.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HubspotAccountView = z.infer<typeof HubspotAccountView>;

const Email = z.string().trim().email('Enter an email address').max(320);
export const HubspotPrivateAppInput = z.object({ token: Token, email: Email.optional() });
export const HubspotOAuthInput = z.object({
  clientId: z.string().trim().min(1, 'Enter the client id').max(200),
  clientSecret: z.string().trim().min(1, 'Enter the client secret').max(400),
  refreshToken: Token,
  email: Email.optional(),
});
export const HubspotReconnectInput = AccountIdInput.extend({
  method: z.discriminatedUnion('kind', [HubspotPrivateAppInput.extend({ kind: z.literal('private_app') }), HubspotOAuthInput.extend({ kind: z.literal('oauth') })]),
});
export const HubspotSettingsPatch = z.object({ lookbackMinutes: z.number().int().min(0).max(1440), startDate: IsoDate.nullable() }).partial().strict();
export const UpdateHubspotSettingsInput = AccountIdInput.extend({ patch: HubspotSettingsPatch });
