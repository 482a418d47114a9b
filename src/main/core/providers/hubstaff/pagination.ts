import type { ListKind, ListPage, ListRecord, PageParser } from './exchange';
import { readListBody } from './exchange';
import { HubstaffApiError } from './errors';
import type { HubstaffHttp, Query } from './http';
import type { SkippedRecord } from './schemas';

// Cursor pagination (reference §2): pass `page_start_id` / `page_limit`; while more rows exist
// the body has a top-level `pagination.next_page_start_id`; on the last page it is absent
// (some clients also see `pagination: {}`). Pages are yielded one at a time, never collected.

export const MAX_PAGE_LIMIT = 500;

export interface PageSlice {
  index: number;
  total: number;
  start: string;
  stop: string;
}

export interface Page<T> {
  records: T[];
  skipped: SkippedRecord[];
  /** The window this page belongs to, for sliced streams (activities, daily activities). */
  slice?: PageSlice;
  /** The `page_start_id` this page was requested with (0 for the first page). */
  pageStartId: number;
  /** The cursor for the next page of this slice, or null on its last page (resume from here). */
  nextPageStartId: number | null;
  correlationId: string;
}

export interface PaginateRequest<T> {
  http: HubstaffHttp;
  path: string;
  query: Query;
  /** The body's main array, e.g. `activities`. */
  listKey: string;
  /**
   * How the list becomes records: a record kind, decoded where the exchange runs (possibly the
   * exchange thread), or a parser that needs the whole body here (e.g. for side-loads).
   */
  records: { kind: ListKind } | { parse: PageParser<T> };
  pageLimit: number;
  firstPageStartId?: number;
  slice?: PageSlice;
  signal?: AbortSignal;
}

/** Pages of `kind` records. */
export function paginate<K extends ListKind>(req: PaginateRequest<ListRecord<K>> & { records: { kind: K } }): AsyncGenerator<Page<ListRecord<K>>>;
/** Pages read with a parser of the whole body. */
export function paginate<T>(req: PaginateRequest<T> & { records: { parse: PageParser<T> } }): AsyncGenerator<Page<T>>;
export async function* paginate<T>(req: PaginateRequest<T>): AsyncGenerator<Page<T>> {
  let pageStartId = req.firstPageStartId ?? 0;
  for (;;) {
    const query: Query = { ...req.query, page_limit: req.pageLimit };
    if (pageStartId > 0) query.page_start_id = pageStartId;
    let res: { page: ListPage<T> | null; status: number; correlationId: string };
    if ('kind' in req.records) {
      res = (await req.http.getListPage(req.path, query, { key: req.listKey, kind: req.records.kind }, req.signal)) as typeof res;
    } else {
      const json = await req.http.getJson(req.path, query, req.signal);
      res = { page: readListBody(json.body, req.listKey, req.records.parse), status: json.status, correlationId: json.correlationId };
    }
    const { page: body, correlationId, status } = res;
    if (!body) throw malformed(req.path, correlationId, status, `the response has no "${req.listKey}" list`);
    const next = nextPageStartId(body.rest.pagination);
    if (next !== null && next <= pageStartId) {
      // A cursor that does not advance would loop forever: stop with a clear error instead.
      throw malformed(req.path, correlationId, status, `the page cursor did not advance (${pageStartId} → ${next})`);
    }
    const page: Page<T> = { records: body.records, skipped: body.skipped, pageStartId, nextPageStartId: next, correlationId };
    if (req.slice) page.slice = req.slice;
    yield page;
    if (next === null) return;
    pageStartId = next;
  }
}

function nextPageStartId(pagination: unknown): number | null {
  const value = asObject(pagination)?.next_page_start_id;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

function asObject(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function malformed(path: string, correlationId: string, status: number, why: string): HubstaffApiError {
  return new HubstaffApiError('unavailable', `Hubstaff sent an answer Stint could not read: ${why}`, {
    correlationId,
    status,
    attempts: 1,
    details: [`GET ${path}`],
  });
}

/**
 * Keeps up to `depth` page requests in flight while the caller handles the current page (e.g.
 * writes it to SQLite), so network, server and disk overlap. Holds at most depth + 1 pages.
 * Pages come out in order; an error surfaces when the caller reaches the page that failed.
 */
export async function* readAhead<T>(source: AsyncIterable<T>, depth = 1): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const queue: Promise<IteratorResult<T>>[] = [];
  const request = () => {
    const p = it.next();
    p.catch(() => {}); // expected: handled when awaited below; avoids an unhandled rejection meanwhile
    queue.push(p);
  };
  let finished = false;
  try {
    for (let i = 0; i < depth; i++) request();
    for (;;) {
      const current = await queue.shift()!;
      if (current.done) {
        finished = true;
        return;
      }
      request();
      // One macrotask turn so the new request reaches the socket before the caller's
      // (synchronous) work on this page blocks the event loop.
      await new Promise<void>((resolve) => setImmediate(resolve));
      yield current.value;
    }
  } finally {
    if (!finished) {
      // The caller stopped early (break, error): let in-flight requests settle, then close.
      await Promise.allSettled(queue);
      await it.return?.(undefined);
    }
  }
}
