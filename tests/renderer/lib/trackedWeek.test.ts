import { describe, expect, it } from 'vitest';
import { TrackedWeekSchema } from '../../../src/common/ipc/tracked-schemas';
import { fromPayload, mergeTracked } from '../../../src/renderer/lib/trackedWeek';

const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];

describe('fromPayload', () => {
  it('turns the week answer into minutes per day and task, with time off by date', () => {
    const payload = TrackedWeekSchema.parse({
      weekStart: days[0],
      days: days.map((date, i) => ({ date, trackedSeconds: i * 1_800 + 29, timeOff: i === 4 ? { policyName: 'Vacation' } : null })),
      byTask: { 'task-a': 5_430, 'task-b': 31 },
      totalSeconds: 37_803,
      thresholdSeconds: 144_000,
      overtimeSeconds: 0,
    });
    const week = fromPayload(payload);
    expect(week.weekStart).toBe('2026-11-23');
    // 29 s rounds down, 31 s rounds up: the views show whole minutes.
    expect(week.trackedByDate).toEqual({ '2026-11-23': 0, '2026-11-24': 30, '2026-11-25': 60, '2026-11-26': 90, '2026-11-27': 120, '2026-11-28': 150, '2026-11-29': 180 });
    expect(week.trackedByTask).toEqual({ 'task-a': 91, 'task-b': 1 });
    expect(week.timeOffByDate).toEqual({ '2026-11-27': { policyName: 'Vacation' } });
    expect(week.thresholdMinutes).toBe(2_400);
  });
});

describe('several weeks as one', () => {
  it('puts the days side by side and sums a task over the weeks', () => {
    const a = { weekStart: '2026-11-23', trackedByDate: { '2026-11-29': 30 }, trackedByTask: { t1: 30, t2: 5 }, timeOffByDate: {}, thresholdMinutes: 2400 };
    const b = { weekStart: '2026-11-30', trackedByDate: { '2026-11-30': 45 }, trackedByTask: { t1: 45 }, timeOffByDate: { '2026-12-01': { policyName: 'Vacation' } }, thresholdMinutes: 2400 };
    expect(mergeTracked([a, b])).toEqual({
      weekStart: '2026-11-23',
      trackedByDate: { '2026-11-29': 30, '2026-11-30': 45 },
      trackedByTask: { t1: 75, t2: 5 },
      timeOffByDate: { '2026-12-01': { policyName: 'Vacation' } },
      thresholdMinutes: 2400,
    });
    expect(mergeTracked([a])).toBe(a);
    expect(mergeTracked([]).weekStart).toBeNull();
  });
});
