import { describe, expect, it } from 'vitest';
import { hiddenEntries, openingMinute } from '../../../src/renderer/lib/visibleHours';

const e = (date: string, startMinute: number, durationMinutes = 60) => ({ date, startMinute, durationMinutes });
const DAYS = ['2026-11-23', '2026-11-24'];

describe('where the grid opens', () => {
  it('half an hour above the working day, or above an earlier entry of the shown days', () => {
    expect(openingMinute([], DAYS, 9 * 60)).toBe(8 * 60 + 30);
    expect(openingMinute([e('2026-11-24', 6 * 60)], DAYS, 9 * 60)).toBe(5 * 60 + 30);
    expect(openingMinute([e('2026-11-24', 10 * 60)], DAYS, 9 * 60)).toBe(8 * 60 + 30);
    // an entry of a day not shown does not count; never above midnight
    expect(openingMinute([e('2026-11-30', 60)], DAYS, 9 * 60)).toBe(8 * 60 + 30);
    expect(openingMinute([e('2026-11-23', 10)], DAYS, 9 * 60)).toBe(0);
  });
});

describe('entries out of sight', () => {
  it('counts the shown days’ entries wholly above or below the visible hours', () => {
    const entries = [e('2026-11-23', 6 * 60), e('2026-11-24', 7 * 60, 90), e('2026-11-24', 8 * 60), e('2026-11-23', 21 * 60), e('2026-11-24', 22 * 60), e('2026-11-30', 22 * 60)];
    const hidden = hiddenEntries(entries, DAYS, 8 * 60 + 30, 18 * 60);
    // 07:00–08:30 ends at the top edge: out of sight; 08:00–09:00 is partly visible.
    expect(hidden.above).toEqual({ count: 2, minute: 6 * 60 });
    expect(hidden.below).toEqual({ count: 2, minute: 21 * 60 });
    expect(hiddenEntries(entries, DAYS, 0, 24 * 60)).toMatchObject({ above: { count: 0 }, below: { count: 0 } });
  });
});
