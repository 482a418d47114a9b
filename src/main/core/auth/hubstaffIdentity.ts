import { StintError } from '../../../common/errors';
import type { RequestBudget } from '../providers/hubstaff/budget';
import { HubstaffClient } from '../providers/hubstaff/client';
import { staticTokenProvider, type AccessTokenProvider } from '../providers/hubstaff/tokens';

// The two API reads the accounts flow needs, through the Hubstaff client (retries, budget,
// the one fresh-token retry on 401): who signed in, and which organizations they can pick.

export interface HubstaffIdentity {
  id: number;
  name: string;
  email: string | null;
}

export interface OrganizationChoice {
  id: number;
  name: string;
  status: string | null;
}

/**
 * Makes the API client for an account (the composition root can share one per account).
 * `budget` is the account's shared request budget, once there is an account to charge.
 */
export type ClientFactory = (tokens: AccessTokenProvider, apiUrl: string, budget?: RequestBudget) => HubstaffClient;

export const defaultClientFactory: ClientFactory = (tokens, baseUrl, budget) => new HubstaffClient({ tokens, baseUrl, ...(budget ? { budget } : {}) });

/**
 * The user a bare access token belongs to (`GET /v2/users/me`), checked before anything is
 * stored. A token the API refuses is an `auth_failed` sign-in error.
 */
export async function fetchIdentity(apiUrl: string, accessToken: string, makeClient: ClientFactory = defaultClientFactory): Promise<HubstaffIdentity> {
  try {
    const user = await makeClient(staticTokenProvider(accessToken), apiUrl).usersMe();
    return { id: user.id, name: user.name, email: user.email ?? null };
  } catch (e) {
    if (e instanceof StintError && e.code === 'auth_revoked') {
      throw new StintError('auth_failed', 'Hubstaff rejected the token when asked who signed in.', { cause: e });
    }
    throw e;
  }
}

/** Every organization the user is an active member of, for the picker. */
export async function fetchOrganizations(client: HubstaffClient): Promise<OrganizationChoice[]> {
  const out = new Map<number, OrganizationChoice>();
  for await (const page of client.organizations()) {
    for (const o of page.records) if (!out.has(o.id)) out.set(o.id, { id: o.id, name: o.name, status: o.status ?? null });
  }
  return [...out.values()];
}
