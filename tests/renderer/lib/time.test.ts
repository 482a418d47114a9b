import { describe, expect, it } from 'vitest';
import { clampStart, clockToMinute, formatWeekRange, fromCalendarDate, localNowString, minuteToClock, snapMinute, toCalendarDateTime } from '../../../src/renderer/lib/time';

describe('floating calendar times', () => {
  it('round-trips a date and minute through FullCalendar UTC dates', () => {
    for (const [date, minute] of [['2026-11-24', 600], ['2026-03-29', 150], ['2026-10-25', 1439], ['2028-02-29', 0]] as const) {
      const s = toCalendarDateTime(date, minute);
      expect(fromCalendarDate(new Date(`${s}Z`))).toEqual({ date, minute });
    }
  });

  it('formats local now without an offset', () => {
    expect(localNowString(new Date(2026, 10, 24, 9, 5, 7))).toBe('2026-11-24T09:05:07');
  });

  it('converts clock strings', () => {
    expect(minuteToClock(0)).toBe('00:00');
    expect(minuteToClock(615)).toBe('10:15');
    expect(clockToMinute('10:15')).toBe(615);
    expect(clockToMinute('24:00')).toBeNull();
    expect(clockToMinute('9:00')).toBeNull();
    expect(clockToMinute('')).toBeNull();
  });

  it('snaps and keeps entries inside their day', () => {
    expect(snapMinute(607)).toBe(600);
    expect(snapMinute(608)).toBe(615);
    expect(clampStart(-15, 60)).toBe(0);
    expect(clampStart(1425, 60)).toBe(1380);
    expect(clampStart(600, 60)).toBe(600);
  });

  it('labels a week range', () => {
    expect(formatWeekRange('2026-11-23', '2026-11-29')).toBe('Nov 23 – 29, 2026');
    expect(formatWeekRange('2026-11-30', '2026-12-06')).toBe('Nov 30 – Dec 6, 2026');
    expect(formatWeekRange('2026-12-28', '2027-01-03')).toBe('Dec 28, 2026 – Jan 3, 2027');
  });
});
