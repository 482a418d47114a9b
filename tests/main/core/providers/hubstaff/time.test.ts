import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, toEpochMs, toIsoMs, toQueryDateTime } from '../../../../../src/main/core/providers/hubstaff/time';

describe('toIsoMs', () => {
  it('truncates microseconds to milliseconds', () => {
    expect(toIsoMs('2017-06-05T12:21:08.432670Z')).toBe('2017-06-05T12:21:08.432Z');
  });
  it('pads missing or short fractions', () => {
    expect(toIsoMs('2024-06-20T14:10:00Z')).toBe('2024-06-20T14:10:00.000Z');
    expect(toIsoMs('2024-06-20T14:10:00.5Z')).toBe('2024-06-20T14:10:00.500Z');
    expect(toIsoMs('2024-06-20T14:10:00.25Z')).toBe('2024-06-20T14:10:00.250Z');
  });
  it('keeps a ms value as it is and truncates any finer fraction', () => {
    expect(toIsoMs('2024-06-20T14:10:00.125Z')).toBe('2024-06-20T14:10:00.125Z');
    expect(toIsoMs('2024-06-20T14:10:00.1259Z')).toBe('2024-06-20T14:10:00.125Z');
    expect(toIsoMs('2024-06-20T14:10:00.123456789Z')).toBe('2024-06-20T14:10:00.123Z');
    expect(toIsoMs('2024-06-20T14:10:00.Z')).toBeNull();
    expect(toIsoMs('2024-06-20T14:10:00.12a4Z')).toBeNull();
  });
  it('reads a missing offset as UTC (webhook payloads omit the Z)', () => {
    expect(toIsoMs('2024-06-20T14:10:55.196912')).toBe('2024-06-20T14:10:55.196Z');
  });
  it('converts explicit offsets to UTC', () => {
    expect(toIsoMs('2024-06-20T14:10:55.196912+02:00')).toBe('2024-06-20T12:10:55.196Z');
    expect(toIsoMs('2024-06-20T14:10:55-0530')).toBe('2024-06-20T19:40:55.000Z');
  });
  it('rejects non-dates and impossible calendar dates', () => {
    for (const bad of ['', 'yesterday', '2024-06-20', '2024-02-30T00:00:00Z', '2024-13-01T00:00:00Z', 'June 5 2017 10:00']) {
      expect(toIsoMs(bad), bad).toBeNull();
    }
  });
});

describe('date helpers', () => {
  it('isIsoDate accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-6-1')).toBe(false);
  });
  it('addDays crosses months and years', () => {
    expect(addDays('2024-12-25', 10)).toBe('2025-01-04');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
  it('toEpochMs takes Dates and ISO strings and refuses junk', () => {
    expect(toEpochMs(new Date('2024-01-01T00:00:00Z'))).toBe(Date.UTC(2024, 0, 1));
    expect(toEpochMs('2024-01-01T01:00:00+01:00')).toBe(Date.UTC(2024, 0, 1));
    expect(toEpochMs('not a date')).toBeNull();
    expect(toEpochMs(new Date('nope'))).toBeNull();
  });
  it('toQueryDateTime prints whole seconds without a fraction', () => {
    expect(toQueryDateTime(Date.UTC(2026, 3, 1))).toBe('2026-04-01T00:00:00Z');
    expect(toQueryDateTime(Date.UTC(2026, 3, 1) + 5)).toBe('2026-04-01T00:00:00.005Z');
  });
});

describe('toIsoMs agrees with Date for every shape it accepts', () => {
  it('matches Date.parse on random valid instants, with and without fractions', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: 0, max: 6 }), (t, digits) => {
        const iso = new Date(t).toISOString(); // …ss.sssZ
        const us = `${iso.slice(0, 23)}${'123456'.slice(0, Math.max(0, digits - 3))}`;
        const wire = digits === 0 ? `${iso.slice(0, 19)}Z` : `${us.slice(0, 20 + digits)}Z`;
        const out = toIsoMs(wire);
        return out !== null && Date.parse(out) === Date.parse(wire) && out.length === 24;
      }),
    );
  });
  it('rejects out-of-range fields in the fast path', () => {
    for (const bad of ['2024-06-20T24:00:00Z', '2024-06-20T23:60:00Z', '2024-06-20T23:59:60Z', '2023-02-29T00:00:00.000Z', '2024-06-20T10:00:00.Z', '2024-06-20T10:00:00.1234567890Z']) {
      expect(toIsoMs(bad), bad).toBeNull();
    }
    expect(toIsoMs('2024-02-29T23:59:59.999999Z')).toBe('2024-02-29T23:59:59.999Z');
  });
});
