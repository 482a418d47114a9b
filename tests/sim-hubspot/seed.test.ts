// Seeded data: the same seed gives the same portal, owners and tasks; tasks look like HubSpot's.

import { describe, expect, it } from 'vitest';
import { TASK_ID_BASE, TASK_STATUSES, generateWorld } from './index';

const snapshot = (seed: number, spec = {}) => {
  const w = generateWorld(seed, spec);
  return { portal: w.portal, owners: w.owners, tasks: w.tasks.map((t) => t.current) };
};

describe('generateWorld', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(snapshot(7, { tasks: 50 })).toEqual(snapshot(7, { tasks: 50 }));
    expect(snapshot(7, { tasks: 50 }).tasks).not.toEqual(snapshot(8, { tasks: 50 }).tasks);
  });

  it('makes string-valued tasks in the window, ids in creation order, with every status', () => {
    const w = generateWorld(3, { tasks: 400, archivedTasks: 5, from: '2024-02-01T00:00:00Z', to: '2024-03-01T00:00:00Z' });
    expect(w.tasks).toHaveLength(405);
    expect(w.tasks.filter((t) => t.current.archived)).toHaveLength(5);
    expect(w.tasks[0]!.id).toBe(String(TASK_ID_BASE));
    const from = Date.parse('2024-02-01T00:00:00Z');
    const to = Date.parse('2024-03-01T00:00:00Z');
    let previousCreated = 0;
    for (const { current: v } of w.tasks) {
      for (const value of Object.values(v.props)) expect(value === null || typeof value === 'string').toBe(true);
      expect(v.createdMs).toBeGreaterThanOrEqual(Math.max(from, previousCreated));
      expect(v.modifiedMs).toBeGreaterThanOrEqual(v.createdMs);
      expect(v.modifiedMs).toBeLessThan(to);
      expect(v.props.hs_lastmodifieddate).toBe(new Date(v.modifiedMs).toISOString());
      expect(v.props.hs_object_id).toBe(v.id);
      expect(v.props.hs_task_completion_date !== null).toBe(v.props.hs_task_status === 'COMPLETED');
      previousCreated = v.createdMs;
    }
    expect(new Set(w.tasks.map((t) => t.current.props.hs_task_status))).toEqual(new Set(TASK_STATUSES));
    const mine = w.tasks.filter((t) => t.current.props.hubspot_owner_id === w.me.id).length;
    expect(mine / 405).toBeGreaterThan(0.3);
    expect(mine / 405).toBeLessThan(0.5);
  });

  it('builds more than 10,000 tasks', () => {
    expect(generateWorld(1, { tasks: 10_050 }).tasks).toHaveLength(10_052);
  });
});
