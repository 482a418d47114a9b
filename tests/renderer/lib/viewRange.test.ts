import { describe, expect, it } from 'vitest';
import { columnsThatFit, dayCount, fittedView, spanDays, stepAnchor, viewDates, weeksCovering } from '../../../src/renderer/lib/viewRange';

const MONDAY = { weekStartsOn: 1, hideWeekends: false };
const WORKWEEK = { weekStartsOn: 1, hideWeekends: true };

describe('the shown days', () => {
  it('a week from its first day, with or without the weekend', () => {
    expect(viewDates('2026-11-26', 'week', MONDAY)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(viewDates('2026-11-29', 'week', WORKWEEK)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    expect(viewDates('2026-11-26', 'week', { weekStartsOn: 0, hideWeekends: false })[0]).toBe('2026-11-22');
  });

  it('three days from the anchor, skipping hidden weekends, across a week and a month', () => {
    expect(viewDates('2026-11-28', '3day', MONDAY)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30']);
    expect(viewDates('2026-11-26', '3day', WORKWEEK)).toEqual(['2026-11-26', '2026-11-27', '2026-11-30']);
    expect(viewDates('2026-11-28', '3day', WORKWEEK)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(viewDates('2026-11-29', 'day', WORKWEEK)).toEqual(['2026-11-30']);
  });

  it('steps a week, or the shown days, back and forth', () => {
    expect(stepAnchor('2026-11-26', 'week', 1, MONDAY)).toBe('2026-12-03');
    expect(stepAnchor('2026-11-26', '3day', 1, MONDAY)).toBe('2026-11-29');
    expect(stepAnchor('2026-11-26', '3day', -1, MONDAY)).toBe('2026-11-23');
    expect(stepAnchor('2026-11-26', '3day', 1, WORKWEEK)).toBe('2026-12-01');
    expect(stepAnchor('2026-12-01', '3day', -1, WORKWEEK)).toBe('2026-11-26');
    expect(stepAnchor('2026-11-30', 'day', -1, WORKWEEK)).toBe('2026-11-27');
    // Across the DST change in Europe (floating dates: no zone at all).
    expect(stepAnchor('2027-03-27', 'day', 1, MONDAY)).toBe('2027-03-28');
  });

  it('the weeks the days fall in, and their span with hidden days inside', () => {
    expect(weeksCovering(['2026-11-28', '2026-11-29', '2026-11-30'], 1)).toEqual(['2026-11-23', '2026-11-30']);
    expect(spanDays(['2026-11-26', '2026-11-27', '2026-11-30'])).toBe(5);
    expect(spanDays(['2026-11-26'])).toBe(1);
  });
});

describe('the view that fits', () => {
  it('counts readable columns beside the hour labels', () => {
    expect(columnsThatFit(0)).toBe(7); // not measured yet
    expect(columnsThatFit(56 + 7 * 84)).toBe(7);
    expect(columnsThatFit(56 + 7 * 84 - 1)).toBe(6);
    expect(columnsThatFit(100)).toBe(1);
  });

  it('keeps the chosen view while it fits, else the widest narrower one', () => {
    expect(fittedView('week', 7, MONDAY)).toBe('week');
    expect(fittedView('week', 6, MONDAY)).toBe('3day');
    expect(fittedView('week', 5, WORKWEEK)).toBe('week');
    expect(fittedView('week', 2, MONDAY)).toBe('day');
    expect(fittedView('day', 7, MONDAY)).toBe('day');
    expect(fittedView('3day', 1, MONDAY)).toBe('day');
    expect(dayCount('week', WORKWEEK)).toBe(5);
  });
});
