import { readAhead } from '../../providers/hubstaff/pagination';
import type { Page } from '../../providers/hubstaff/pagination';
import type { HubstaffActivity } from '../../providers/hubstaff/schemas';
import { timeSlices } from '../../providers/hubstaff/slices';
import { activityRange, DAY_MS, refreshRange, UPDATES_HISTORY_DAYS } from '../ranges';
import type { TimeRange } from '../ranges';
import { upsertActivityPage } from '../store/activities';
import { readCursor, writeCursor } from '../store/cursors';
import { sweepActivities } from '../store/sweep';
import type { Stream, StreamContext } from './types';
import { elapsed, iso } from './types';

// Activities (10-minute slots), the largest stream. Three kinds of work, all resumable:
//
// - A window read: `…/activities` by time slot in 7-day slices. The first sync reads from the
//   start date (a backfill); a full re-read reads the whole range again; every 15 min the recent
//   refresh window (default 3 days, capped at the start date) is read again. Each page is
//   upserted in one transaction with the cursor (slice, next page), so a crash resumes at that
//   page. When a slice's last page lands, rows of that slice the read did not return are deleted
//   in the same transaction: that is how activities removed upstream leave the cache (Hubstaff
//   reports no deletions). Older deletions go at the next full re-read.
// - Incremental updates, every poll: `…/activities/updates` for what changed since the previous
//   poll minus an overlap (Hubstaff data may lag ~20 min), so late edits land without re-reading
//   whole days. Nothing changed costs one request. A gap older than `updates` allows (45 days)
//   becomes a window read instead.
// - A bounded range (end date set) never rolls forward: reads stop at the end date, and updated
//   activities outside the range are ignored.

export type ReadKind = 'backfill' | 'full' | 'refresh' | 'catchup';

export interface WindowRead {
  kind: ReadKind;
  /** The whole read, [start, stop) as ISO instants. */
  start: string;
  stop: string;
  /** Slices done (= index of the current slice) and their total. */
  slice: number;
  slices: number;
  /** Next page of the current slice (0: its first page). */
  pageStartId: number;
  /** Wall-clock time before the current slice's first request: its sweep mark. */
  mark: string;
  /** No record of the current slice was skipped (else its sweep is left out). */
  clean: boolean;
  /** Scheduling-clock time the read began. */
  startedAt: string;
}

export interface ActivitiesCursor {
  v: 1;
  /** Activities with time slots in [from, until) are cached. */
  from: string | null;
  until: string | null;
  /** The next `activities/updates` read starts here (minus the overlap). */
  updatesSince: string | null;
  /** When the refresh window was last re-read. */
  refreshedAt: string | null;
  read: WindowRead | null;
}

export const ACTIVITIES = 'activities';
/** Page requests kept going while a page is written (readAhead's depth). */
export const READ_AHEAD_PAGES = 1;
const EMPTY: ActivitiesCursor = { v: 1, from: null, until: null, updatesSince: null, refreshedAt: null, read: null };

/** Kinds whose progress is shown (a refresh is routine and short). */
export const LONG_READS: ReadonlySet<ReadKind> = new Set(['backfill', 'full', 'catchup']);

export function loadActivitiesCursor(ctx: Pick<StreamContext, 'db' | 'accountId' | 'orgId'>): ActivitiesCursor {
  const stored = readCursor<ActivitiesCursor>(ctx.db, ctx.accountId, ctx.orgId, ACTIVITIES)?.cursor;
  return stored && stored.v === 1 ? stored : EMPTY;
}

function newRead(kind: ReadKind, r: TimeRange, now: number): WindowRead {
  return {
    kind,
    start: iso(r.start),
    stop: iso(r.stop),
    slice: 0,
    slices: timeSlices(iso(r.start), iso(r.stop)).length,
    pageStartId: 0,
    mark: iso(now),
    clean: true,
    startedAt: iso(now),
  };
}

/** The cursor after a read finished: coverage grows; updates and refresh restart where it makes sense. */
function completed(c: ActivitiesCursor, r: WindowRead): ActivitiesCursor {
  const from = c.from && c.from < r.start ? c.from : r.start;
  const until = c.until && c.until > r.stop ? c.until : r.stop;
  // A read of the whole range (or the catch-up of a gap too old for `updates`) saw every row as
  // of its start: updates continue from there. A window read leaves the updates cursor alone.
  const resetsUpdates = r.kind === 'full' || r.kind === 'catchup' || c.updatesSince === null;
  return {
    v: 1,
    from,
    until,
    updatesSince: resetsUpdates ? r.startedAt : c.updatesSince,
    refreshedAt: r.kind === 'backfill' && c.refreshedAt !== null ? c.refreshedAt : r.startedAt,
    read: null,
  };
}

function save(ctx: StreamContext, c: ActivitiesCursor): void {
  writeCursor(ctx.db, ctx.orgId, { accountId: ctx.accountId, stream: ACTIVITIES, cursor: c });
}

export const activitiesStream: Stream = {
  name: 'activities',
  due: () => true,
  async run(ctx) {
    const now = ctx.now();
    const range = activityRange(ctx.settings, now);
    let c = loadActivitiesCursor(ctx);

    if (!c.read) {
      if (c.from === null || c.until === null) {
        c = { ...c, read: newRead('backfill', range, now) };
      } else if (ctx.full) {
        c = { ...c, read: newRead('full', range, now) };
      } else if (range.start < Date.parse(c.from)) {
        // The start date moved earlier: read the days before what is cached first.
        c = { ...c, read: newRead('backfill', { start: range.start, stop: Date.parse(c.from) }, now) };
      } else {
        c = await readUpdates(ctx, c, range);
        const refreshDue = ctx.settings.refreshWindowDays > 0 && elapsed(c.refreshedAt, ctx.cadence.slowMs, now);
        if (!c.read && refreshDue) c = { ...c, read: newRead('refresh', refreshRange(range, Date.parse(c.until!), ctx.settings.refreshWindowDays), now) };
      }
      if (c.read) save(ctx, c); // the read's start (and sweep mark) survive a crash
    }
    if (c.read) await continueRead(ctx, c);
  },
};

/** `activities/updates` since the previous poll (minus the overlap); the last page carries the cursor. */
async function readUpdates(ctx: StreamContext, c: ActivitiesCursor, range: TimeRange): Promise<ActivitiesCursor> {
  const since = Date.parse(c.updatesSince ?? c.until!);
  const start = since - ctx.cadence.overlapMs;
  const stop = Math.floor(ctx.now() / 1000) * 1000;
  if (stop <= start) return c;
  if (stop - start > UPDATES_HISTORY_DAYS * DAY_MS) {
    // Too long offline for `updates`: re-read from the refresh window before the gap to now.
    const gap = refreshRange(range, Date.parse(c.until!), ctx.settings.refreshWindowDays);
    ctx.log.info('activity updates gap too old; re-reading windows', { orgId: ctx.orgId, since: c.updatesSince });
    return { ...c, read: newRead('catchup', gap, ctx.now()) };
  }
  const from = c.from!;
  const keep = (a: HubstaffActivity): boolean => a.time_slot >= from && Date.parse(a.time_slot) < range.stop;
  const untilMs = Math.max(Date.parse(c.until!), Math.min(stop, range.stop));
  const next: ActivitiesCursor = { ...c, updatesSince: iso(stop), until: iso(untilMs) };
  let pending: Page<HubstaffActivity> | null = null;
  let written = 0;
  const write = (page: Page<HubstaffActivity>, cursor: ActivitiesCursor | undefined): void => {
    const rows = page.records.filter(keep);
    written += rows.length;
    upsertActivityPage(ctx.db, ctx.orgId, rows, cursor ? { accountId: ctx.accountId, stream: ACTIVITIES, cursor } : undefined, iso(ctx.now()));
  };
  for await (const page of ctx.client.activityUpdates(ctx.orgId, { updatedStart: iso(start), updatedStop: iso(stop), signal: ctx.signal })) {
    ctx.count('activities', page.records.length, page.skipped.length);
    if (page.skipped.length) ctx.log.warn('skipped malformed records', { stream: 'activities', orgId: ctx.orgId, skipped: page.skipped.length, correlationId: page.correlationId });
    if (pending) write(pending, undefined);
    pending = page;
  }
  if (pending) write(pending, next);
  else save(ctx, next);
  if (written) ctx.changed('tracked');
  return next;
}

/** Continues the read in `c.read` from its slice and page, until done or the run's read time is up. */
async function continueRead(ctx: StreamContext, c: ActivitiesCursor): Promise<void> {
  const read = c.read!;
  const slices = timeSlices(read.start, read.stop);
  if (read.slice >= slices.length) {
    save(ctx, completed(c, read));
    return;
  }
  const base = read.slice;
  const pages = readAhead(
    ctx.client.activities(ctx.orgId, {
      start: slices[base]!.start,
      stop: read.stop,
      ...(read.pageStartId > 0 ? { pageStartId: read.pageStartId } : {}),
      signal: ctx.signal,
    }),
    READ_AHEAD_PAGES,
  );
  let cur = c;
  let changed = false;
  for await (const page of pages) {
    const r = cur.read!;
    const abs = base + (page.slice?.index ?? 0);
    const skipped = page.skipped.length;
    ctx.count('activities', page.records.length, skipped);
    if (skipped) ctx.log.warn('skipped malformed records', { stream: 'activities', orgId: ctx.orgId, skipped, correlationId: page.correlationId });
    const clean = r.clean && skipped === 0;
    let next: ActivitiesCursor;
    if (page.nextPageStartId !== null) {
      next = { ...cur, read: { ...r, slice: abs, pageStartId: page.nextPageStartId, clean } };
      upsertActivityPage(ctx.db, ctx.orgId, page.records, { accountId: ctx.accountId, stream: ACTIVITIES, cursor: next }, r.mark);
    } else {
      const slice = slices[abs]!;
      next = abs + 1 < slices.length ? { ...cur, read: { ...r, slice: abs + 1, pageStartId: 0, mark: iso(ctx.now()), clean: true } } : completed(cur, r);
      ctx.db.transaction(() => {
        upsertActivityPage(ctx.db, ctx.orgId, page.records, undefined, r.mark);
        if (clean && sweepActivities(ctx.db, ctx.orgId, slice.start, slice.stop, r.mark) > 0) changed = true;
        save(ctx, next);
      })();
      ctx.progress();
    }
    if (page.records.length) changed = true;
    cur = next;
    if (cur.read && ctx.now() - ctx.runStartedAt >= ctx.cadence.maxReadMsPerRun) break; // yield; the next poll continues
  }
  if (changed) ctx.changed('tracked');
}
