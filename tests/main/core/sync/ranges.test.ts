import { describe, expect, it } from 'vitest';
import { activityRange, dailyRange, refreshDays, refreshRange, startDateOf, DAY_MS } from '../../../../src/main/core/sync/ranges';

const NOW = Date.parse('2026-11-20T14:35:12.345Z');
const at = (iso: string): number => Date.parse(iso);

describe('activity range', () => {
  it('runs from the start date (UTC midnight) to now, floored to the second', () => {
    const r = activityRange({ startDate: '2026-11-01', endDate: null, refreshWindowDays: 3 }, NOW);
    expect(r).toEqual({ start: at('2026-11-01T00:00:00Z'), stop: at('2026-11-20T14:35:12Z') });
  });

  it('is bounded by the end date (its whole day) and never passes now', () => {
    expect(activityRange({ startDate: '2026-11-01', endDate: '2026-11-10', refreshWindowDays: 3 }, NOW).stop).toBe(at('2026-11-11T00:00:00Z'));
    expect(activityRange({ startDate: '2026-11-01', endDate: '2026-12-31', refreshWindowDays: 3 }, NOW).stop).toBe(at('2026-11-20T14:35:12Z'));
  });

  it('starts no earlier than Hubstaff serves activities (180 days) and defaults to 28 days back', () => {
    expect(activityRange({ startDate: '2020-01-01', endDate: null, refreshWindowDays: 3 }, NOW).start).toBe(at('2026-05-24T00:00:00Z'));
    expect(startDateOf({ startDate: null, endDate: null, refreshWindowDays: 3 }, NOW)).toBe('2026-10-23');
  });

  it('is empty (stop = start) when the start date is in the future', () => {
    const r = activityRange({ startDate: '2026-12-01', endDate: null, refreshWindowDays: 3 }, NOW);
    expect(r.stop).toBe(r.start);
  });
});

describe('refresh window', () => {
  const range = { start: at('2026-11-01T00:00:00Z'), stop: at('2026-11-20T14:00:00Z') };

  it('re-reads the days before the cursor, through the end of the range', () => {
    expect(refreshRange(range, at('2026-11-20T13:00:00Z'), 3)).toEqual({ start: at('2026-11-17T13:00:00Z'), stop: range.stop });
  });

  it('is capped at the start date', () => {
    expect(refreshRange(range, at('2026-11-02T00:00:00Z'), 3).start).toBe(range.start);
  });

  it('anchors on the end of a bounded range when the cursor is past it', () => {
    const bounded = { start: range.start, stop: at('2026-11-11T00:00:00Z') };
    expect(refreshRange(bounded, at('2026-11-20T00:00:00Z'), 3)).toEqual({ start: bounded.stop - 3 * DAY_MS, stop: bounded.stop });
  });

  it('works on days for daily activities, capped at the first day', () => {
    const days = { first: '2026-11-01', last: '2026-11-21' };
    expect(refreshDays(days, '2026-11-21', 3)).toEqual({ first: '2026-11-18', last: '2026-11-21' });
    expect(refreshDays(days, '2026-11-02', 3)).toEqual({ first: '2026-11-01', last: '2026-11-21' });
  });
});

describe('daily range', () => {
  it('runs from the start date to tomorrow (UTC), so zones ahead of UTC have their today', () => {
    expect(dailyRange({ startDate: '2026-11-01', endDate: null, refreshWindowDays: 3 }, NOW)).toEqual({ first: '2026-11-01', last: '2026-11-21' });
  });

  it('stops at the end date', () => {
    expect(dailyRange({ startDate: '2026-11-01', endDate: '2026-11-10', refreshWindowDays: 3 }, NOW)).toEqual({ first: '2026-11-01', last: '2026-11-10' });
  });
});
