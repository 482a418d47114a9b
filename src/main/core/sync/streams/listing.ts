import type { Page } from '../../providers/hubstaff/pagination';
import { readCursor, writeCursor } from '../store/cursors';
import type { StreamContext, StreamName } from './types';
import { elapsed, iso, wallIso } from './types';

// Streams Hubstaff only lists whole (organizations, members, projects, tasks, time off):
// each page is upserted in its own transaction; the last page, the sweep of what the listing no
// longer returned, and the cursor ({lastRunAt}) go in one transaction. A crash mid-listing
// leaves the cursor where it was, so the next run lists again from the start (upserts are
// idempotent) and sweeps only after a complete listing.

export interface ListingCursor {
  lastRunAt: string;
}

export function listingDue(ctx: StreamContext, stream: StreamName, everyMs: number): boolean {
  if (ctx.full) return true;
  const c = readCursor<ListingCursor>(ctx.db, ctx.accountId, ctx.orgId, stream);
  return elapsed(c?.cursor.lastRunAt, everyMs, ctx.now());
}

export interface ListingHandlers<T> {
  /** Upserts a page (inside the caller's transaction when it is the last one). */
  write(records: readonly T[]): void;
  /**
   * Runs in the last page's transaction. `mark` is the wall-clock time before the first request;
   * `clean` is false when any record was skipped, so a sweep could drop a live row.
   */
  finish?(mark: string, clean: boolean): void;
}

export async function readListing<T>(ctx: StreamContext, stream: StreamName, pages: AsyncIterable<Page<T>> | Iterable<Page<T>>, h: ListingHandlers<T>): Promise<void> {
  const mark = wallIso();
  let clean = true;
  let pending: Page<T> | null = null;
  const take = (page: Page<T>): void => {
    ctx.count(stream, page.records.length, page.skipped.length);
    if (page.skipped.length) {
      clean = false;
      ctx.log.warn('skipped malformed records', { stream, orgId: ctx.orgId, skipped: page.skipped.length, correlationId: page.correlationId, reasons: page.skipped.slice(0, 3).map((s) => s.reason) });
    }
  };
  for await (const page of pages) {
    take(page);
    if (pending) {
      const p: Page<T> = pending;
      ctx.db.transaction(() => h.write(p.records))();
    }
    pending = page;
  }
  const last: Page<T> | null = pending;
  const runAt = iso(ctx.now());
  ctx.db.transaction(() => {
    if (last) h.write(last.records);
    h.finish?.(mark, clean);
    writeCursor(ctx.db, ctx.orgId, { accountId: ctx.accountId, stream, cursor: { lastRunAt: runAt } satisfies ListingCursor }, wallIso());
  })();
}
