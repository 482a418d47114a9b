import type { ErrorInfo } from '../../../common/errors';
import { isStintError } from '../../../common/errors';
import type { HubspotAccounts, HubspotAccountView } from '../auth/hubspotAccounts';
import type { Db } from '../db/database';
import { HUBSPOT_PROVIDER, type HubspotConnection } from '../providers/hubspot/adapter';
import { HubspotApiError } from '../providers/hubspot/errors';
import { sourceItemTitle, type ProviderConnection, type SourceItemUpsert } from '../providers/provider';
import { readCursor, writeCursor } from './store/cursors';
import { failureInfo } from './syncProvider';
import { recordRun, recordStreamError, recordStreamSuccess } from './store/syncStatus';
import { systemClock } from '../../../common/clock';

// Syncs a provider connection's source-item streams into `source_items`: each page and its
// cursor in one transaction, then a re-check of cached items the change feed cannot remove.
// Used for HubSpot (hubspotProvider.ts); Hubstaff's streams carry more than source items (runner.ts).

export interface ProviderStreamResult {
  stream: string;
  written: number;
  removed: number;
  skipped: number;
  /** Set when the stream failed or was skipped (e.g. a missing scope), shown beside it. */
  warning: ErrorInfo | null;
}

function upsertItems(db: Db, provider: string, items: readonly SourceItemUpsert[]): void {
  const stmt = db.prepare(
    `INSERT INTO source_items (provider, org_id, external_id, title, status, project_id, project_name, assignee_ids, url, updated_at, removed)
     VALUES (@provider, @orgId, @externalId, @title, @status, @projectId, @projectName, @assigneeIds, @url, @updatedAt, @removed)
     ON CONFLICT (provider, org_id, external_id) DO UPDATE SET title = excluded.title, status = excluded.status,
       project_id = excluded.project_id, project_name = excluded.project_name, assignee_ids = excluded.assignee_ids,
       url = excluded.url, updated_at = excluded.updated_at, removed = excluded.removed`,
  );
  // Every provider's titles pass the same rule here, whatever its adapter did.
  for (const i of items) stmt.run({ ...i, provider, title: sourceItemTitle(i.title), assigneeIds: JSON.stringify(i.assigneeIds), removed: i.removed ? 1 : 0 });
}

/** Runs one stream of a connection for one organization; throws what the provider throws. */
export async function syncSourceItemStream(
  db: Db,
  conn: ProviderConnection,
  stream: string,
  orgId: string,
  opts: RunOptions = {},
): Promise<Omit<ProviderStreamResult, 'warning'>> {
  const now = opts.now ?? systemClock.nowMs;
  const orgKey = Number(orgId);
  // A full re-read starts from the provider's beginning; the cursor is replaced page by page.
  const stored = opts.full ? null : (readCursor(db, conn.accountId, orgKey, stream)?.cursor ?? null);
  let written = 0;
  let skipped = 0;
  for await (const page of conn.sourceItemPages(stream, stored, { signal: opts.signal })) {
    db.transaction(() => {
      upsertItems(db, conn.provider, page.items);
      writeCursor(db, orgKey, { accountId: conn.accountId, stream, cursor: page.cursor }, new Date(now()).toISOString());
    })();
    written += page.items.length;
    skipped += page.skipped;
  }
  const removed = conn.missingItems ? await recheckCachedItems(db, conn, stream, orgId, now, opts) : 0;
  return { stream, written, removed, skipped };
}

/** A full pass over the cached items (every one re-checked) starts at most this often. */
export const RECHECK_CYCLE_MS = 60 * 60_000;
/** Cached items re-checked per run (one search: HubSpot allows 100 ids in one IN filter). */
export const RECHECK_PER_RUN = 100;

interface RecheckState {
  /** The last external id re-checked in this pass; null between passes. */
  after: string | null;
  /** When this pass (or the last one) began. */
  cycleStartedAt: string | null;
}

/**
 * The change feed cannot tell a task deleted or given to someone else: the cached ones are
 * asked for again. Spread out, so an idle poll stays cheap: each run re-checks the next
 * RECHECK_PER_RUN items (in id order, where the last run stopped), and a new pass over all of
 * them begins at most every RECHECK_CYCLE_MS. A full run (`stint sync --once --full`, on
 * demand) re-checks every item at once. Where it stopped is a cursor like the stream's own.
 */
async function recheckCachedItems(db: Db, conn: ProviderConnection, stream: string, orgId: string, now: () => number, opts: RunOptions): Promise<number> {
  const orgKey = Number(orgId);
  const key = `${stream}#recheck`;
  const state: RecheckState = opts.full ? { after: null, cycleStartedAt: null } : (readCursor<RecheckState>(db, conn.accountId, orgKey, key)?.cursor ?? { after: null, cycleStartedAt: null });
  const nowMs = now();
  if (state.after === null) {
    const last = state.cycleStartedAt ? Date.parse(state.cycleStartedAt) : Number.NaN;
    // A clock set back counts as due: the next pass is never put off by more than a cycle.
    if (!opts.full && Number.isFinite(last) && nowMs >= last && nowMs - last < RECHECK_CYCLE_MS) return 0;
    state.cycleStartedAt = new Date(nowMs).toISOString();
  }
  const ids = (
    db
      .prepare(
        `SELECT external_id AS id FROM source_items WHERE provider = ? AND org_id = ? AND removed = 0 AND external_id > ?
         ORDER BY external_id LIMIT ?`,
      )
      .all(conn.provider, orgId, state.after ?? '', opts.full ? -1 : RECHECK_PER_RUN) as { id: string }[]
  ).map((r) => r.id);
  const gone = ids.length ? await conn.missingItems!(stream, orgId, ids, { signal: opts.signal }) : [];
  let removed = 0;
  db.transaction(() => {
    if (gone.length) {
      removed = db
        .prepare('UPDATE source_items SET removed = 1 WHERE provider = ? AND org_id = ? AND external_id IN (SELECT value FROM json_each(?))')
        .run(conn.provider, orgId, JSON.stringify(gone)).changes;
    }
    const done = opts.full || ids.length < RECHECK_PER_RUN;
    writeCursor(db, orgKey, { accountId: conn.accountId, stream: key, cursor: { after: done ? null : ids.at(-1)!, cycleStartedAt: state.cycleStartedAt } satisfies RecheckState }, new Date(nowMs).toISOString());
  })();
  return removed;
}

export interface RunOptions {
  now?: () => number;
  signal?: AbortSignal;
  /** Re-read from the start instead of from the stored cursor. */
  full?: boolean;
}

export interface HubspotRunReport {
  accountId: string;
  outcome: 'ok' | 'error' | 'needs_reconnect' | 'offline';
  requests: number;
  streams: ProviderStreamResult[];
}

/**
 * One sync run of a HubSpot account. A refused private app token ("update your HubSpot
 * token") or a refused OAuth refresh is `needs_reconnect`, like any refused grant; a missing
 * scope is a warning on its stream while the run (and any other stream) goes on.
 */
export async function runHubspotAccount(accounts: HubspotAccounts, db: Db, account: HubspotAccountView, opts: RunOptions = {}): Promise<HubspotRunReport> {
  const now = opts.now ?? systemClock.nowMs;
  const iso = (): string => new Date(now()).toISOString();
  const streams: ProviderStreamResult[] = [];
  if (account.status === 'needs_reconnect') return { accountId: account.id, outcome: 'needs_reconnect', requests: 0, streams };
  const orgKey = Number(account.portalId);
  let conn: HubspotConnection;
  try {
    conn = await accounts.connection(account.id);
  } catch (e) {
    const info = failureInfo(e);
    recordRun(db, account.id, 'needs_reconnect', null, info, iso());
    return { accountId: account.id, outcome: 'needs_reconnect', requests: 0, streams };
  }
  const before = conn.requestCount;
  let outcome: HubspotRunReport['outcome'] = 'ok';
  let runError: ErrorInfo | null = null;
  for (const stream of HUBSPOT_PROVIDER.streams) {
    try {
      const r = await syncSourceItemStream(db, conn, stream, account.portalId, opts);
      recordStreamSuccess(db, account.id, orgKey, stream, iso());
      streams.push({ ...r, warning: null });
    } catch (e) {
      if (opts.signal?.aborted) throw e;
      const info = failureInfo(e);
      recordStreamError(db, account.id, orgKey, stream, info, iso());
      streams.push({ stream, written: 0, removed: 0, skipped: 0, warning: info });
      if (e instanceof HubspotApiError && e.reason === 'missing_scopes') continue;
      runError = info;
      if (isStintError(e) && e.code === 'auth_revoked') outcome = 'needs_reconnect';
      else if (isStintError(e) && e.code === 'offline') outcome = 'offline';
      else outcome = 'error';
      break;
    }
  }
  // A reconnect during the run replaced the credential: its outcome is the old sign-in's, not news.
  if (!accounts.isCurrent(conn)) return { accountId: account.id, outcome, requests: conn.requestCount - before, streams };
  if (outcome === 'needs_reconnect') accounts.setStatus(account.id, 'needs_reconnect', runError?.message ?? 'Reconnect HubSpot.');
  else if (outcome === 'offline') accounts.setStatus(account.id, 'offline', runError?.message ?? null);
  else if (outcome === 'error') accounts.setStatus(account.id, 'error', runError?.message ?? null);
  else accounts.setStatus(account.id, 'connected', null);
  const finished = iso();
  recordRun(db, account.id, outcome, outcome === 'ok' ? finished : null, runError, finished);
  return { accountId: account.id, outcome, requests: conn.requestCount - before, streams };
}
