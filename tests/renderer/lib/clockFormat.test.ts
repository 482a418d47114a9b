import { describe, expect, it } from 'vitest';
import { clockChoices, formatClock, formatHourLabel, latestStart, uses12h } from '../../../src/renderer/lib/clockFormat';

describe('uses12h', () => {
  it('takes an explicit format as it is, whatever the locale', () => {
    expect(uses12h('12h', 'de-DE')).toBe(true);
    expect(uses12h('24h', 'en-US')).toBe(false);
  });

  it("resolves 'system' through the locale's hour cycle", () => {
    expect(uses12h('system', 'en-US')).toBe(true); // h12
    expect(uses12h('system', 'ja-JP-u-hc-h11')).toBe(true); // h11: 0:00 PM
    expect(uses12h('system', 'en-GB')).toBe(false); // h23
    expect(uses12h('system', 'de-DE')).toBe(false);
    // The page's own locale gives one of the two, and the same answer each time.
    expect(uses12h('system')).toBe(uses12h('system'));
  });
});

describe('formatClock', () => {
  it('writes a time on a 12-hour clock', () => {
    expect(formatClock(0, true)).toBe('12:00 AM');
    expect(formatClock(9 * 60 + 5, true)).toBe('9:05 AM');
    expect(formatClock(12 * 60, true)).toBe('12:00 PM');
    expect(formatClock(12 * 60 + 59, true)).toBe('12:59 PM');
    expect(formatClock(16 * 60, true)).toBe('4:00 PM');
    expect(formatClock(23 * 60 + 45, true)).toBe('11:45 PM');
  });

  it('writes a time on a 24-hour clock', () => {
    expect(formatClock(0, false)).toBe('00:00');
    expect(formatClock(9 * 60 + 5, false)).toBe('09:05');
    expect(formatClock(16 * 60, false)).toBe('16:00');
    expect(formatClock(23 * 60 + 59, false)).toBe('23:59');
  });

  it('writes an end at midnight as the end of the day', () => {
    expect(formatClock(1440, true)).toBe('12:00 AM');
    expect(formatClock(1440, false)).toBe('24:00');
  });

  it('refuses what is not a time of day', () => {
    for (const bad of [-1, 1441, 1.5, Number.NaN]) {
      expect(() => formatClock(bad, true)).toThrow(RangeError);
      expect(() => formatHourLabel(bad, false)).toThrow(RangeError);
    }
  });
});

describe('formatHourLabel', () => {
  it('drops the minutes on the hour on a 12-hour clock', () => {
    expect(formatHourLabel(0, true)).toBe('12 AM');
    expect(formatHourLabel(16 * 60, true)).toBe('4 PM');
    expect(formatHourLabel(12 * 60, true)).toBe('12 PM');
    expect(formatHourLabel(16 * 60 + 30, true)).toBe('4:30 PM');
    expect(formatHourLabel(1440, true)).toBe('12 AM');
  });

  it('keeps HH:MM on a 24-hour clock', () => {
    expect(formatHourLabel(16 * 60, false)).toBe('16:00');
    expect(formatHourLabel(7 * 60, false)).toBe('07:00');
    expect(formatHourLabel(7 * 60 + 15, false)).toBe('07:15');
  });
});

describe('clockChoices (the TimeSelect options)', () => {
  it('offers every 15 minutes of the day, labelled in the chosen format', () => {
    const day = clockChoices(true);
    expect(day).toHaveLength(96);
    expect(day[0]).toEqual({ minute: 0, label: '12:00 AM' });
    expect(day[1]).toEqual({ minute: 15, label: '12:15 AM' });
    expect(day.at(-1)).toEqual({ minute: 1425, label: '11:45 PM' });
    expect(clockChoices(false).map((c) => c.label).slice(64, 66)).toEqual(['16:00', '16:15']);
  });

  it('keeps to the bounds and step asked for', () => {
    expect(clockChoices(false, { first: 600, last: 660, step: 30 }).map((c) => c.label)).toEqual(['10:00', '10:30', '11:00']);
    // A first time off the step starts at the next step.
    expect(clockChoices(false, { first: 605, last: 640 }).map((c) => c.minute)).toEqual([615, 630]);
    expect(clockChoices(false, { last: 0 })).toEqual([{ minute: 0, label: '00:00' }]);
  });

  it('also offers a stored value off the step, in order, so the picker shows it as it is', () => {
    const choices = clockChoices(false, { first: 540, last: 600, keep: 550 });
    expect(choices.map((c) => c.label)).toEqual(['09:00', '09:10', '09:15', '09:30', '09:45', '10:00']);
    // A value already on the list is not doubled.
    expect(clockChoices(false, { first: 540, last: 600, keep: 540 })).toHaveLength(5);
  });
});

describe('latestStart', () => {
  it('is the last start, on the step, from which the block ends by midnight', () => {
    expect(latestStart(1440)).toBe(0);
    expect(latestStart(1430)).toBe(0);
    expect(latestStart(60)).toBe(1380);
    expect(latestStart(90)).toBe(1350);
    expect(latestStart(100)).toBe(1335);
    expect(latestStart(15)).toBe(1425);
    expect(latestStart(1)).toBe(1425);
    expect(latestStart(60, 30)).toBe(1380);
  });
});
