import { addDays, localToday } from '../../../../common/dates';
import { readAhead } from '../../providers/hubstaff/pagination';
import { dateSlices } from '../../providers/hubstaff/slices';
import { dailyRange, isEmptyDays, refreshDays } from '../ranges';
import type { DayRange } from '../ranges';
import { upsertDailyActivityPage } from '../store/activities';
import { readCursor, writeCursor } from '../store/cursors';
import { sweepDailyActivities } from '../store/sweep';
import type { ReadKind } from './activities';
import type { Stream, StreamContext } from './types';
import { elapsed, iso } from './types';

// Daily activities (one row per user, day, project and task), read by date in 31-day slices
// (stop inclusive): a backfill from the start date, then every 15 min and at each change of
// day the recent refresh window again. Like activities, each page lands with its cursor, and a
// slice's last page also deletes the slice's rows the read did not return.

export interface DailyRead {
  kind: ReadKind;
  first: string;
  last: string;
  slice: number;
  slices: number;
  pageStartId: number;
  mark: string;
  clean: boolean;
  startedAt: string;
}

export interface DailyCursor {
  v: 1;
  /** Days first…through are cached. */
  first: string | null;
  through: string | null;
  refreshedAt: string | null;
  /** The local day of the last read: a new day re-reads at once. */
  day: string | null;
  read: DailyRead | null;
}

export const DAILY = 'daily_activities';
const EMPTY: DailyCursor = { v: 1, first: null, through: null, refreshedAt: null, day: null, read: null };

export function loadDailyCursor(ctx: Pick<StreamContext, 'db' | 'accountId' | 'orgId'>): DailyCursor {
  const stored = readCursor<DailyCursor>(ctx.db, ctx.accountId, ctx.orgId, DAILY)?.cursor;
  return stored && stored.v === 1 ? stored : EMPTY;
}

function newRead(kind: ReadKind, r: DayRange, now: number): DailyRead {
  const slices = isEmptyDays(r) ? 0 : dateSlices(r.first, r.last).length;
  return { kind, first: r.first, last: r.last, slice: 0, slices, pageStartId: 0, mark: iso(now), clean: true, startedAt: iso(now) };
}

function completed(c: DailyCursor, r: DailyRead, now: number): DailyCursor {
  return {
    v: 1,
    first: c.first && c.first < r.first ? c.first : r.first,
    through: c.through && c.through > r.last ? c.through : r.last,
    refreshedAt: r.kind === 'backfill' && c.refreshedAt !== null ? c.refreshedAt : r.startedAt,
    day: localToday(new Date(now)),
    read: null,
  };
}

function save(ctx: StreamContext, c: DailyCursor): void {
  writeCursor(ctx.db, ctx.orgId, { accountId: ctx.accountId, stream: DAILY, cursor: c });
}

export const dailyStream: Stream = {
  name: 'daily_activities',
  due(ctx) {
    const c = loadDailyCursor(ctx);
    const now = ctx.now();
    if (ctx.full || c.read || c.first === null) return true;
    if (dailyRange(ctx.settings, now).first < c.first) return true;
    return elapsed(c.refreshedAt, ctx.cadence.slowMs, now) || c.day !== localToday(new Date(now));
  },
  async run(ctx) {
    const now = ctx.now();
    const range = dailyRange(ctx.settings, now);
    let c = loadDailyCursor(ctx);
    if (!c.read) {
      if (c.first === null || c.through === null) c = { ...c, read: newRead('backfill', range, now) };
      else if (ctx.full) c = { ...c, read: newRead('full', range, now) };
      else if (range.first < c.first) c = { ...c, read: newRead('backfill', { first: range.first, last: addDays(c.first, -1) }, now) };
      else c = { ...c, read: newRead('refresh', refreshDays(range, c.through, ctx.settings.refreshWindowDays), now) };
      save(ctx, c);
    }
    await continueRead(ctx, c);
  },
};

async function continueRead(ctx: StreamContext, c: DailyCursor): Promise<void> {
  const read = c.read!;
  const slices = read.slices === 0 ? [] : dateSlices(read.first, read.last);
  if (read.slice >= slices.length) {
    save(ctx, completed(c, read, ctx.now()));
    return;
  }
  const base = read.slice;
  const pages = readAhead(
    ctx.client.dailyActivities(ctx.orgId, {
      startDate: slices[base]!.start,
      stopDate: read.last,
      ...(read.pageStartId > 0 ? { pageStartId: read.pageStartId } : {}),
      signal: ctx.signal,
    }),
  );
  let cur = c;
  let changed = false;
  for await (const page of pages) {
    const r = cur.read!;
    const abs = base + (page.slice?.index ?? 0);
    const skipped = page.skipped.length;
    ctx.count('daily_activities', page.records.length, skipped);
    if (skipped) ctx.log.warn('skipped malformed records', { stream: DAILY, orgId: ctx.orgId, skipped, correlationId: page.correlationId });
    const clean = r.clean && skipped === 0;
    let next: DailyCursor;
    if (page.nextPageStartId !== null) {
      next = { ...cur, read: { ...r, slice: abs, pageStartId: page.nextPageStartId, clean } };
      upsertDailyActivityPage(ctx.db, ctx.orgId, page.records, { accountId: ctx.accountId, stream: DAILY, cursor: next }, r.mark);
    } else {
      const slice = slices[abs]!;
      next = abs + 1 < slices.length ? { ...cur, read: { ...r, slice: abs + 1, pageStartId: 0, mark: iso(ctx.now()), clean: true } } : completed(cur, r, ctx.now());
      ctx.db.transaction(() => {
        upsertDailyActivityPage(ctx.db, ctx.orgId, page.records, undefined, r.mark);
        if (clean && sweepDailyActivities(ctx.db, ctx.orgId, slice.start, slice.stop, r.mark) > 0) changed = true;
        save(ctx, next);
      })();
      ctx.progress();
    }
    if (page.records.length) changed = true;
    cur = next;
    if (cur.read && ctx.now() - ctx.runStartedAt >= ctx.cadence.maxReadMsPerRun) break;
  }
  if (changed) ctx.changed('tracked');
}
