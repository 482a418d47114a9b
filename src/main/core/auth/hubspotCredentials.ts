import { z } from 'zod';
import { HubspotApiError } from '../providers/hubspot/errors';
import { DEFAULT_REFRESH_SKEW_MS, refreshAccessToken, type TokenEndpointDeps } from '../providers/hubspot/oauth';
import { GrantRejectedError, type CredentialAdapter } from './tokenProvider';

// HubSpot's credential for the shared account lifecycle: what the keychain holds per account
// (one JSON entry), its bearer, and its renewal at HubSpot's token endpoint. A private app
// token is static; an OAuth connection keeps the app's client id and secret beside its tokens,
// so a refresh needs nothing but the entry.

const StoredSchema = z.discriminatedUnion('kind', [
  z.object({ v: z.literal(1), kind: z.literal('private_app'), token: z.string().min(1) }),
  z.object({
    v: z.literal(1),
    kind: z.literal('oauth'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    refreshToken: z.string().min(1),
    accessToken: z.string().min(1).optional(),
    expiresAt: z.number().optional(),
    obtainedAt: z.number().optional(),
  }),
]);
export type StoredHubspotCredential = z.output<typeof StoredSchema>;

export function parseHubspotCredential(raw: string | null): StoredHubspotCredential | null {
  if (raw === null) return null;
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface HubspotCredentialDeps extends TokenEndpointDeps {
  /** HubSpot's API root (the token endpoint lives there). */
  baseUrl: () => string;
  refreshSkewMs?: number;
}

export function hubspotCredentials(deps: HubspotCredentialDeps): CredentialAdapter<StoredHubspotCredential> {
  const skewMs = deps.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
  return {
    service: 'HubSpot',
    parse: parseHubspotCredential,
    serialize: (c) => JSON.stringify(c),
    accessToken: (c) => (c.kind === 'private_app' ? c.token : (c.accessToken ?? null)),
    // Access tokens live 30 minutes; one of unknown expiry is renewed before use.
    needsRefresh: (c, now) => c.kind === 'oauth' && now >= (c.expiresAt ?? 0) - skewMs,
    canRefresh: (c) => c.kind === 'oauth',
    refresh: async (c) => {
      if (c.kind !== 'oauth') throw new GrantRejectedError({ kind: 'rejected' });
      const { clientId, clientSecret } = c;
      try {
        const next = await refreshAccessToken({ clientId, clientSecret, baseUrl: deps.baseUrl() }, c.refreshToken, deps);
        return { v: 1, kind: 'oauth', clientId, clientSecret, ...next };
      } catch (e) {
        // HubSpot's verdict on the grant (400 BAD_REFRESH_TOKEN, …); anything else is transient.
        if (e instanceof HubspotApiError && e.code === 'auth_revoked') throw new GrantRejectedError({ kind: 'rejected', ...(e.category ? { error: e.category } : {}) });
        throw e;
      }
    },
    staticTokenRejected: 'HubSpot rejected the private app token. Update your HubSpot token (create a new one in the private app’s settings).',
  };
}
