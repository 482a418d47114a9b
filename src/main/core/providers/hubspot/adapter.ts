import { PROVIDER_INFO } from '../../../../common/providers';
import { StintError } from '../../../../common/errors';
import { sourceItemTitle, type ProviderConnection, type ProviderDescriptor, type SourceItemPage, type SourceItemUpsert } from '../provider';
import type { HubspotClient } from './client';
import type { HubspotTask } from './schemas';
import { DEFAULT_LOOKBACK_MINUTES, HUBSPOT_EPOCH } from './taskStream';

// HubSpot as a provider: the signed-in owner's CRM tasks as source items of one portal.

export const HUBSPOT_TASKS_STREAM = 'hubspot_tasks';

export const HUBSPOT_PROVIDER: ProviderDescriptor = {
  name: 'hubspot',
  label: PROVIDER_INFO.hubspot.label,
  authKinds: [
    { kind: 'private_app', label: 'Private app access token', canRefresh: false },
    { kind: 'oauth', label: 'OAuth (client id, secret and refresh token)', canRefresh: true },
  ],
  streams: [HUBSPOT_TASKS_STREAM],
  cliSignIn: 'stint auth hubspot-token',
};

/**
 * What the tasks stream stores between runs: the latest `hs_lastmodifieddate` seen, and the
 * start date the read began from (a cursor from before it was stored began at HubSpot's epoch).
 */
export interface HubspotTasksCursor {
  since: string | null;
  from: string;
}

export function parseTasksCursor(raw: unknown): HubspotTasksCursor {
  const r = raw && typeof raw === 'object' ? (raw as { since?: unknown; from?: unknown }) : {};
  const from = typeof r.from === 'string' && Number.isFinite(Date.parse(r.from)) ? r.from : HUBSPOT_EPOCH;
  const since = typeof r.since === 'string' && Number.isFinite(Date.parse(r.since)) ? r.since : null;
  return { since, from };
}

/** A HubSpot task as a sidebar item: COMPLETED is done, every other status is open. */
export function taskToSourceItem(portalId: string, t: HubspotTask): SourceItemUpsert {
  return {
    orgId: portalId,
    externalId: t.id,
    title: sourceItemTitle(t.subject, `HubSpot task ${t.id}`),
    status: t.status === 'COMPLETED' ? 'completed' : 'active',
    projectId: null,
    projectName: null,
    assigneeIds: t.ownerId ? [t.ownerId] : [],
    // The task's record page: HubSpot's CRM record address with the tasks object type (0-27);
    // portals hosted in the EU are redirected to their own host by HubSpot. (Hubstaff's API
    // gives no web address for a to-do, so its items carry none.)
    url: `https://app.hubspot.com/contacts/${encodeURIComponent(portalId)}/record/0-27/${encodeURIComponent(t.id)}`,
    updatedAt: t.updatedAt,
    removed: t.archived,
  };
}

export interface HubspotConnectionOptions {
  accountId: string;
  client: HubspotClient;
  portalId: string;
  ownerId: string;
  lookbackMinutes?: number;
  /** First modification time read on a first sync (default HubSpot's epoch). */
  startDate?: string | null;
}

export class HubspotConnection implements ProviderConnection {
  readonly provider = 'hubspot' as const;
  readonly accountId: string;

  constructor(private readonly opts: HubspotConnectionOptions) {
    this.accountId = opts.accountId;
  }

  get requestCount(): number {
    return this.opts.client.requestCount;
  }

  /** The API client this connection runs on (the accounts service tells a replaced one by it). */
  get client(): HubspotClient {
    return this.opts.client;
  }

  async *sourceItemPages(stream: string, cursor: unknown, opts: { signal?: AbortSignal } = {}): AsyncGenerator<SourceItemPage> {
    if (stream !== HUBSPOT_TASKS_STREAM) throw new StintError('invalid_argument', `HubSpot has no stream ${stream}`, { details: ['stream'] });
    const start = this.opts.startDate ?? HUBSPOT_EPOCH;
    const stored = parseTasksCursor(cursor);
    // A new start date starts the read over from it; otherwise it goes on from the cursor.
    const since = stored.from === start ? stored.since : null;
    const pages = this.opts.client.tasksModifiedSince({
      since,
      lookbackMinutes: this.opts.lookbackMinutes ?? DEFAULT_LOOKBACK_MINUTES,
      ownerId: this.opts.ownerId,
      startDate: start,
      signal: opts.signal,
    });
    for await (const page of pages) {
      yield {
        stream,
        orgId: this.opts.portalId,
        items: page.records.map((t) => taskToSourceItem(this.opts.portalId, t)),
        skipped: page.skipped.length,
        cursor: { since: page.cursor, from: start } satisfies HubspotTasksCursor,
      };
    }
  }

  /**
   * Search never returns archived tasks, so removals are found by asking for the cached ids
   * again (`hs_object_id IN …`, 100 per search): an id that is absent, or now owned by someone
   * else, is gone from this owner's sidebar.
   */
  async missingItems(stream: string, orgId: string, externalIds: readonly string[], opts: { signal?: AbortSignal } = {}): Promise<string[]> {
    if (stream !== HUBSPOT_TASKS_STREAM || orgId !== this.opts.portalId) return [];
    const missing: string[] = [];
    for (let i = 0; i < externalIds.length; i += RECHECK_BATCH) {
      const batch = externalIds.slice(i, i + RECHECK_BATCH);
      const page = await this.opts.client.searchTasks(
        { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'IN', values: [...batch] }] }], properties: ['hubspot_owner_id'], limit: RECHECK_BATCH },
        opts,
      );
      const mine = new Set(page.records.filter((t) => t.ownerId === this.opts.ownerId).map((t) => t.id));
      for (const id of batch) if (!mine.has(id)) missing.push(id);
    }
    return missing;
  }
}

/** Ids per re-check search (HubSpot allows 100 values in one IN filter). */
const RECHECK_BATCH = 100;
