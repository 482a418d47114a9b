// The seeded data generator: determinism, the invariants of 10-minute activities, daily
// aggregates that agree with them, exact totals at benchmark scale.

import { describe, expect, it } from 'vitest';
import { generateWorld, startSimulator } from './index';
import type { ActivityJson, World } from './index';
import { apiGet } from './test-helpers';

function snapshot(w: World): unknown {
  return {
    users: [...w.users.values()],
    organizations: w.organizations,
    members: w.members,
    projects: w.projects,
    tasks: w.tasks,
    timeOff: w.timeOffRequests,
    activities: w.activityJson(),
    daily: w.daily(),
  };
}

describe('determinism', () => {
  it('builds the same world for the same seed and spec, and a different one for another seed', () => {
    const spec = { organizations: 2, membersPerOrg: 3, activities: { from: '2024-03-04', to: '2024-03-08', density: 0.4 } };
    const a = snapshot(generateWorld(42, spec));
    expect(snapshot(generateWorld(42, spec))).toEqual(a);
    expect(snapshot(generateWorld(43, spec))).not.toEqual(a);
  });
});

describe('activities', () => {
  const world = generateWorld(2, { organizations: 2, membersPerOrg: 4, activities: { from: '2024-06-03', to: '2024-06-16', density: 0.6 } });
  const acts = world.activityJson();

  it('are aligned 10-minute slots with consistent counters', () => {
    expect(acts.length).toBeGreaterThan(1000);
    for (const a of acts) {
      const slot = Date.parse(a.time_slot);
      expect(slot % 600_000).toBe(0);
      expect(a.tracked).toBeGreaterThan(0);
      expect(a.tracked).toBeLessThanOrEqual(600);
      expect(a.overall).toBeLessThanOrEqual(a.tracked);
      expect(Math.max(a.keyboard, a.mouse)).toBeLessThanOrEqual(a.overall);
      const startsAt = Date.parse(a.starts_at);
      expect(startsAt).toBeGreaterThanOrEqual(slot);
      expect(startsAt + a.tracked * 1000).toBeLessThanOrEqual(slot + 600_000);
      expect(Date.parse(a.created_at)).toBeGreaterThan(slot);
      expect(a.input_tracked).toBe(a.time_type === 'manual' ? 0 : a.tracked);
    }
  });

  it('are in id order and time order, one per user and slot, for members on their own tasks', () => {
    const seen = new Set<string>();
    for (let i = 1; i < acts.length; i++) {
      const [prev, cur] = [acts[i - 1] as ActivityJson, acts[i] as ActivityJson];
      expect(cur.id).toBeGreaterThan(prev.id);
      expect(cur.time_slot >= prev.time_slot).toBe(true);
    }
    for (const a of acts) {
      const key = `${a.user_id}|${a.time_slot}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      const project = world.project(a.project_id);
      expect(project).toBeDefined();
      expect(world.membership(project?.orgId as number, a.user_id)).toBeDefined();
      if (a.task_id !== null) {
        const task = world.task(a.task_id);
        expect(task?.projectId).toBe(a.project_id);
        expect(task?.assigneeIds).toContain(a.user_id);
      }
    }
    expect(acts.some((a) => a.task_id !== null)).toBe(true);
    expect(acts.some((a) => a.task_id === null)).toBe(true);
  });

  it('leave out the days of approved time off', () => {
    const approved = world.timeOffRequests.filter((r) => r.status === 'approved');
    expect(approved.length).toBeGreaterThan(0);
    for (const r of approved) {
      const days = new Set(r.days.map((d) => new Date(d).toISOString().slice(0, 10)));
      expect(acts.some((a) => a.user_id === r.userId && days.has(a.date) && world.project(a.project_id)?.orgId === r.orgId)).toBe(false);
    }
  });

  it('are only generated for my organizations; me is the owner there and absent from foreign ones', () => {
    const mine = world.organizationsOf(world.me.id).map((o) => o.id);
    expect(mine).toHaveLength(2);
    expect(world.organizations).toHaveLength(3);
    for (const id of mine) expect(world.membership(id, world.me.id)?.role).toBe('owner');
    expect(new Set(acts.map((a) => world.project(a.project_id)?.orgId))).toEqual(new Set(mine));
  });
});

describe('daily activities', () => {
  it('sum the activities per org, day, user, project and task, and keep ids across rebuilds', () => {
    const world = generateWorld(4, { activities: { from: '2024-06-03', to: '2024-06-07', density: 0.5 } });
    const sum = (w: World): Map<string, number[]> => {
      const m = new Map<string, number[]>();
      for (const a of w.activityJson()) {
        const k = `${a.date}|${a.user_id}|${a.project_id}|${a.task_id}`;
        const v = m.get(k) ?? [0, 0, 0];
        v[0] = (v[0] as number) + a.tracked;
        v[1] = (v[1] as number) + a.keyboard;
        v[2] = (v[2] as number) + (a.billable ? a.tracked : 0);
        m.set(k, v);
      }
      return m;
    };
    const fromDaily = (w: World): Map<string, number[]> => new Map(w.daily().map((d) => [`${new Date(d.dateMs).toISOString().slice(0, 10)}|${d.userId}|${d.projectId}|${d.taskId}`, [d.tracked, d.keyboard, d.billable]]));
    expect(fromDaily(world)).toEqual(sum(world));

    const before = new Map(world.daily().map((d) => [d.id, d.tracked]));
    const i = world.activities.all()[0] as number;
    world.activities.update(i, { tracked: 100, keyboard: 10, mouse: 10, overall: 10 }, Date.parse('2024-07-01T00:00:00Z') * 1000);
    expect(fromDaily(world)).toEqual(sum(world));
    const after = new Map(world.daily().map((d) => [d.id, d.tracked]));
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect([...after].filter(([id, t]) => before.get(id) !== t)).toHaveLength(1);
  });
});

describe('scale', () => {
  it('generates exactly 200,000 activities quickly and serves any page without materialising the rest', async () => {
    // How fast it generates is the benchmark's business (bench/hubstaff-ingest.ts seeds the same).
    const sim = await startSimulator({ data: { membersPerOrg: 20, activities: { from: '2024-01-01', to: '2024-12-31', total: 200_000 } } });
    try {
      expect(sim.control.countActivities()).toBe(200_000);
      const org = sim.control.myOrganizationIds()[0] as number;
      const token = sim.control.issueTokenPair().access_token;
      const r = await apiGet(sim, token, `/organizations/${org}/activities`, { 'time_slot[start]': '2024-12-24T00:00:00Z', 'time_slot[stop]': '2024-12-31T00:00:00Z', page_limit: 500 });
      expect(r.json.activities).toHaveLength(500);
      expect(r.json.activities[0].time_slot >= '2024-12-24').toBe(true);
      expect(r.json.pagination.next_page_start_id).toBeGreaterThan(r.json.activities[499].id);
    } finally {
      await sim.close();
    }
  });

  it('stops at notAfter, so nothing lies in the future', () => {
    const w = generateWorld(1, { activities: { from: '2024-06-03', to: '2024-06-04', density: 1, notAfter: '2024-06-04T12:05:00Z' } });
    const last = w.activityJson().at(-1) as ActivityJson;
    expect(last.time_slot).toBe('2024-06-04T11:50:00Z');
  });

  it('refuses a total that cannot fit the range', () => {
    expect(() => generateWorld(1, { membersPerOrg: 1, activities: { from: '2024-01-01', to: '2024-01-01', total: 1000 } })).toThrow(/do not fit/);
  });

  it('lets the spec fix who "me" is', () => {
    const w = generateWorld(1, { me: { userId: 651956, name: 'Alex Doe', email: 'alex@example.com', role: 'manager' }, activities: false });
    expect(w.me).toMatchObject({ id: 651956, name: 'Alex Doe', first_name: 'Alex', last_name: 'Doe', email: 'alex@example.com' });
    expect(w.membership(w.organizations[0]?.id as number, 651956)?.role).toBe('manager');
    expect(w.activities.count()).toBe(0);
  });
});
