import { StintError } from '../../../../common/errors';
import { HubspotApiError } from './errors';
import type { HubspotHttp, JsonResponse } from './http';
import type { HubspotTask, SkippedRecord } from './schemas';
import { PageEnvelopeSchema, TASK_PROPERTIES, parseRecords, parsers } from './schemas';

// The tasks stream: tasks modified since the last sync, oldest change first, from
// `POST /crm/v3/objects/tasks/search` (reference §4.4).
//
// - The window starts `lookbackMinutes` before the previous cursor (never before `startDate`),
//   so changes that search indexed late are read on the next run (HubSpot's search shows
//   changes "after a few moments"; a change missed once is inside the re-read window next time).
// - Search cannot page past 10,000 results. The stream never tries: it re-queries from the
//   last modification time seen, dropping the ids already seen at exactly that time. By
//   default it does so after every page, not only near the cap, because offset paging over a
//   set sorted by modification time skips a record whenever another one is modified while the
//   stream runs (that one moves to the end and everything behind it shifts one place forward).
// - When one modification time holds more records than a page, a re-query would not move on,
//   so the stream pages on with `after` inside that query instead (up to the cap).

export const SEARCH_PATH = '/crm/v3/objects/tasks/search';
/** HubSpot's creation date: the default start of a first sync. */
export const HUBSPOT_EPOCH = '2006-06-01T00:00:00Z';
export const MAX_SEARCH_PAGE_LIMIT = 200;
export const SEARCH_RESULT_CAP = 10_000;
export const DEFAULT_LOOKBACK_MINUTES = 10;

export type TimeInput = string | Date | number;

export interface TasksModifiedSinceQuery {
  /** The previous run's cursor (the latest `hs_lastmodifieddate` it saw); absent on a first sync. */
  since?: TimeInput | null;
  /** Minutes re-read before `since` (default 10). */
  lookbackMinutes?: number;
  /** Only this owner's tasks (`hubspot_owner_id`). */
  ownerId?: string;
  /** Nothing modified before this is read (default 2006-06-01T00:00:00Z). */
  startDate?: TimeInput;
  /** Extra properties on top of the ones HubspotTask maps. */
  properties?: readonly string[];
  /** Results per page, 1–200 (default 200). */
  pageLimit?: number;
  /** Re-query from the last seen modification time after every page (default) or only at the cap. */
  restart?: 'every_page' | 'at_cap';
  signal?: AbortSignal;
}

export interface TaskPage {
  /** New records of this page (duplicates from a re-query boundary removed). */
  records: HubspotTask[];
  skipped: SkippedRecord[];
  /** Records dropped because the previous page already had them (re-query boundary). */
  duplicates: number;
  /**
   * The latest modification time seen so far (ISO-ms), never earlier than `since`: store it with
   * the page, in one transaction, and pass it as the next run's `since`. Null when nothing has
   * been seen and there was no `since`.
   */
  cursor: string | null;
  /** `total` of the query this page came from. */
  total: number;
  /** Which query of this run (0 = the first; each re-query adds one). */
  query: number;
  /** The offset this page was asked for within its query. */
  after: number;
  /** The query's lower bound on `hs_lastmodifieddate` (ISO-ms). */
  from: string;
  correlationId: string;
}

function toMs(value: TimeInput, name: string): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new StintError('invalid_argument', `${name} is not a valid date-time`, { details: [name] });
  return ms;
}

function checkQuery(q: TasksModifiedSinceQuery): { limit: number; lookbackMs: number } {
  const limit = q.pageLimit ?? MAX_SEARCH_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_PAGE_LIMIT) {
    throw new StintError('invalid_argument', `pageLimit must be an integer from 1 to ${MAX_SEARCH_PAGE_LIMIT}`, { details: ['pageLimit'] });
  }
  const lookback = q.lookbackMinutes ?? DEFAULT_LOOKBACK_MINUTES;
  if (!Number.isFinite(lookback) || lookback < 0) throw new StintError('invalid_argument', 'lookbackMinutes must be zero or more', { details: ['lookbackMinutes'] });
  if (q.ownerId !== undefined && !/^\d{1,20}$/.test(q.ownerId)) throw new StintError('invalid_argument', 'ownerId must be a HubSpot owner id (digits)', { details: ['ownerId'] });
  return { limit, lookbackMs: Math.round(lookback * 60_000) };
}

function malformed(res: JsonResponse, why: string): HubspotApiError {
  return new HubspotApiError('unavailable', `HubSpot sent a task search answer Stint could not read: ${why}`, {
    reason: 'malformed',
    correlationId: res.correlationId,
    status: res.status,
    attempts: 1,
    details: [`POST ${SEARCH_PATH}`],
  });
}

export async function* tasksModifiedSince(http: HubspotHttp, q: TasksModifiedSinceQuery = {}): AsyncGenerator<TaskPage> {
  const { limit, lookbackMs } = checkQuery(q);
  const startMs = toMs(q.startDate ?? HUBSPOT_EPOCH, 'startDate');
  const sinceMs = q.since === undefined || q.since === null ? null : toMs(q.since, 'since');
  const restartAt = q.restart === 'at_cap' ? SEARCH_RESULT_CAP : limit;
  const properties = [...new Set([...TASK_PROPERTIES, ...(q.properties ?? [])])];

  let queryFromMs = sinceMs === null ? startMs : Math.max(startMs, sinceMs - lookbackMs);
  let after = 0;
  let query = 0;
  let cursorMs = sinceMs;
  // The latest modification time seen, and the ids seen at exactly that time.
  let boundaryMs = Number.NEGATIVE_INFINITY;
  let boundaryIds = new Set<string>();

  for (;;) {
    const filters: Record<string, string>[] = [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(queryFromMs) }];
    if (q.ownerId !== undefined) filters.push({ propertyName: 'hubspot_owner_id', operator: 'EQ', value: q.ownerId });
    const body: Record<string, unknown> = {
      filterGroups: [{ filters }],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
      properties,
      limit,
    };
    if (after > 0) body.after = String(after);
    const res = await http.request({ method: 'POST', path: SEARCH_PATH, body, signal: q.signal });
    const envelope = PageEnvelopeSchema.safeParse(res.body);
    if (!envelope.success) throw malformed(res, 'it has no "results" list');
    const { records, skipped } = parseRecords(parsers.task, envelope.data.results);

    const fresh: HubspotTask[] = [];
    let duplicates = 0;
    for (const r of records) {
      if (r.updatedMs === boundaryMs && boundaryIds.has(r.id)) {
        duplicates++;
        continue;
      }
      if (r.updatedMs > boundaryMs) {
        boundaryMs = r.updatedMs;
        boundaryIds = new Set([r.id]);
      } else if (r.updatedMs === boundaryMs) {
        boundaryIds.add(r.id);
      }
      fresh.push(r);
    }
    if (Number.isFinite(boundaryMs) && (cursorMs === null || boundaryMs > cursorMs)) cursorMs = boundaryMs;
    yield {
      records: fresh,
      skipped,
      duplicates,
      cursor: cursorMs === null ? null : new Date(cursorMs).toISOString(),
      total: envelope.data.total ?? envelope.data.results.length,
      query,
      after,
      from: new Date(queryFromMs).toISOString(),
      correlationId: res.correlationId,
    };

    const nextText = envelope.data.paging?.next?.after;
    if (nextText === undefined) return;
    const nextAfter = /^\d+$/.test(nextText) ? Number(nextText) : Number.NaN;
    // A cursor that does not advance would loop forever: stop with a clear error instead.
    if (!(nextAfter > after)) throw malformed(res, `the page cursor did not advance (${after} → ${nextText})`);
    if (nextAfter >= restartAt || nextAfter >= SEARCH_RESULT_CAP) {
      if (boundaryMs > queryFromMs) {
        queryFromMs = boundaryMs;
        after = 0;
        query++;
        continue;
      }
      if (nextAfter >= SEARCH_RESULT_CAP) {
        throw new HubspotApiError('bad_request', `More than ${SEARCH_RESULT_CAP} HubSpot tasks were changed at the same moment (${new Date(queryFromMs).toISOString()}); HubSpot’s search cannot list past them, so Stint cannot read the tasks changed after`, {
          reason: 'search_cap',
          correlationId: res.correlationId,
          status: res.status,
          attempts: 1,
          details: [`POST ${SEARCH_PATH}`],
        });
      }
    }
    after = nextAfter;
  }
}
