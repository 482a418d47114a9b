import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateSlices, timeSlices } from '../../../../../src/main/core/providers/hubstaff/slices';
import { addDays } from '../../../../../src/main/core/providers/hubstaff/time';

const DAY = 86_400_000;

describe('timeSlices (7-day windows, stop exclusive)', () => {
  it('cuts 17 days into 7 + 7 + 3', () => {
    const s = timeSlices('2024-06-01T00:00:00Z', '2024-06-18T00:00:00Z');
    expect(s.map((x) => [x.start, x.stop])).toEqual([
      ['2024-06-01T00:00:00Z', '2024-06-08T00:00:00Z'],
      ['2024-06-08T00:00:00Z', '2024-06-15T00:00:00Z'],
      ['2024-06-15T00:00:00Z', '2024-06-18T00:00:00Z'],
    ]);
    expect(s.map((x) => [x.index, x.total])).toEqual([[0, 3], [1, 3], [2, 3]]);
  });
  it('an exact 7-day range is one slice; an empty range is none', () => {
    expect(timeSlices(new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 8)))).toHaveLength(1);
    expect(timeSlices('2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')).toEqual([]);
  });
  it('refuses a reversed or unreadable range', () => {
    expect(() => timeSlices('2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => timeSlices('soon', '2024-01-01T00:00:00Z')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
  it('covers any range exactly, contiguously, in windows of at most 7 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 200 * DAY }), (offset, length) => {
        const start = Date.UTC(2023, 0, 1) + offset;
        const slices = timeSlices(new Date(start), new Date(start + length));
        if (length === 0) return slices.length === 0;
        let cursor = start;
        for (const s of slices) {
          const a = Date.parse(s.start);
          const b = Date.parse(s.stop);
          if (a !== cursor || b <= a || b - a > 7 * DAY) return false;
          cursor = b;
        }
        return cursor === start + length && slices.length === Math.ceil(length / (7 * DAY));
      }),
    );
  });
});

describe('dateSlices (31-day windows, stop inclusive)', () => {
  it('cuts 2024-01-01..2024-03-05 into 31 + 31 + 3 days', () => {
    expect(dateSlices('2024-01-01', '2024-03-05').map((x) => [x.start, x.stop])).toEqual([
      ['2024-01-01', '2024-01-31'],
      ['2024-02-01', '2024-03-02'],
      ['2024-03-03', '2024-03-05'],
    ]);
  });
  it('a single day is one slice', () => {
    expect(dateSlices('2024-05-05', '2024-05-05')).toEqual([{ index: 0, total: 1, start: '2024-05-05', stop: '2024-05-05' }]);
  });
  it('refuses bad dates and reversed ranges', () => {
    expect(() => dateSlices('2024-02-30', '2024-03-01')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => dateSlices('2024-03-02', '2024-03-01')).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
  it('covers every day exactly once in windows of at most 31 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 400 }), (offset, length) => {
        const start = addDays('2022-01-01', offset);
        const stop = addDays(start, length);
        const slices = dateSlices(start, stop);
        let expected = start;
        for (const s of slices) {
          if (s.start !== expected || s.stop < s.start || s.stop > addDays(s.start, 30)) return false;
          expected = addDays(s.stop, 1);
        }
        return expected === addDays(stop, 1) && slices.length === Math.ceil((length + 1) / 31);
      }),
    );
  });
});
