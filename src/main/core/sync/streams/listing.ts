import type { Page } from '../../providers/hubstaff/pagination';
import { readCursor, writeCursor } from '../store/cursors';
import type { StreamContext, StreamName } from './types';
import { elapsed, iso } from './types';

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
  /**
   * Upserts a page (inside the caller's transaction when it is the last one), stamped
   * `syncedAt`: the listing's mark, the same for every page of it.
   */
  write(records: readonly T[], syncedAt: string): void;
  /**
   * Runs in the last page's transaction. `mark` is the time the listing began, which every row
   * it wrote carries; `clean` is false when any record was skipped, so a sweep could drop a
   * live row.
   */
  finish?(mark: string, clean: boolean): void;
}

export async function readListing<T>(ctx: StreamContext, stream: StreamName, pages: AsyncIterable<Page<T>> | Iterable<Page<T>>, h: ListingHandlers<T>): Promise<void> {
  // Every row of this listing is stamped with its start, so the sweep below can tell what the
  // listing returned by equality of marks, not by comparing clock readings (which a clock set
  // back between pages, or between the processes a listing spans, would turn into lost rows).
  const mark = iso(ctx.now());
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
      ctx.db.transaction(() => h.write(p.records, mark))();
    }
    pending = page;
  }
  const last: Page<T> | null = pending;
  const runAt = iso(ctx.now());
  ctx.db.transaction(() => {
    if (last) h.write(last.records, mark);
    h.finish?.(mark, clean);
    writeCursor(ctx.db, ctx.orgId, { accountId: ctx.accountId, stream, cursor: { lastRunAt: runAt } satisfies ListingCursor }, runAt);
  })();
}
