// The hand-rolled timestamp formatting must agree with Date#toISOString everywhere.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate, isoMicros, isoSeconds, parseDate, parseInstant } from './time';

const MAX_MS = Date.parse('2100-01-01T00:00:00Z');

describe('time formatting', () => {
  it('matches toISOString for seconds, dates and microseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_MS }), fc.integer({ min: 0, max: 999 }), (ms, extraUs) => {
        const iso = new Date(ms).toISOString();
        expect(isoSeconds(ms)).toBe(`${iso.slice(0, 19)}Z`);
        expect(isoDate(ms)).toBe(iso.slice(0, 10));
        expect(isoMicros(ms * 1000 + extraUs)).toBe(`${iso.slice(0, 23)}${String(extraUs).padStart(3, '0')}Z`);
      }),
      { numRuns: 2000 },
    );
  });

  it('parses calendar dates strictly and instants leniently', () => {
    expect(parseDate('2024-02-29')).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(parseDate('2023-02-29')).toBeNaN();
    expect(parseInstant('2024-06-20T14:10:55.196912Z')).toBe(Date.parse('2024-06-20T14:10:55.196Z'));
    expect(parseInstant('2024-06-20')).toBe(Date.parse('2024-06-20T00:00:00Z'));
    expect(parseInstant('June 20')).toBeNaN();
  });
});
