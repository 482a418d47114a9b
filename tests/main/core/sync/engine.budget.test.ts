import { afterEach, describe, expect, it } from 'vitest';
import { setupSync, type SyncHarness } from './harness';
import { localTimeOfTestDay } from '../../../helpers/clock';

// The request budget (DESIGN §6): when nothing changed, a poll costs at most 2 requests per
// organization (the to-do list and activity updates); the 15-minute and 6-hour streams come on
// their own cadence, counted from the simulator's request log.

let h: SyncHarness;
afterEach(async () => h?.close());

const MIN = 60_000;

function perOrg(h: SyncHarness): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of h.api()) {
    const m = /^\/v2\/organizations\/(\d+)\/(.+)$/.exec(r.path);
    const org = m ? Number(m[1]) : 0;
    out.set(org, [...(out.get(org) ?? []), m ? m[2]! : r.path]);
  }
  return out;
}

describe('steady-state budget', () => {
  it('20 polls with no change cost at most 2 requests per poll per organization', async () => {
    // 09:00 local: the 10 minutes of polls stay inside one local day (a new day re-reads daily totals).
    h = await setupSync({ at: localTimeOfTestDay(9), data: { organizations: 2, foreignOrganizations: 0, membersPerOrg: 3, activities: false } });
    expect(h.myOrgs).toHaveLength(2);
    await h.app.sync.syncNow();
    expect(h.app.sync.requestsPerPoll(h.account.id)).toBe(4);
    for (let poll = 1; poll <= 20; poll++) {
      h.sim.control.clearRequestLog();
      h.clock.advance(30_000);
      const report = await h.app.sync.syncNow();
      expect(report.errors).toEqual([]);
      const byOrg = perOrg(h);
      expect([...byOrg.keys()].sort()).toEqual([...h.myOrgs].sort());
      for (const org of h.myOrgs) expect(byOrg.get(org)).toEqual(['tasks', 'activities/updates']);
      expect(report.requests).toBe(h.api().length);
    }
  });

  it('members, projects, time off, daily activities and the refresh window come every 15 min; organizations and me every 6 h', async () => {
    h = await setupSync({ at: localTimeOfTestDay(9) }); // the 6 h 15 min below stay inside one local day
    await h.app.sync.syncNow();
    const [org] = h.myOrgs;
    const at = async (ms: number) => {
      h.sim.control.clearRequestLog();
      h.clock.advance(ms);
      await h.app.sync.syncNow();
      return { org: (perOrg(h).get(org!) ?? []).sort(), account: (perOrg(h).get(0) ?? []).sort() };
    };
    expect(await at(14 * MIN)).toEqual({ org: ['activities/updates', 'tasks'], account: [] });
    expect(await at(1 * MIN)).toEqual({
      org: ['activities', 'activities/daily', 'activities/updates', 'members', 'projects', 'tasks', 'time_off_requests'],
      account: [],
    });
    expect(await at(30_000)).toEqual({ org: ['activities/updates', 'tasks'], account: [] });
    expect((await at(6 * 60 * MIN)).account).toEqual(['/v2/organizations', '/v2/users/me']);
  });

  it('a new local day re-reads daily activities at once, before the 15 minutes are up', async () => {
    h = await setupSync({ data: { activities: false } });
    await h.app.sync.syncNow();
    const d = new Date(h.clock.nowMs());
    let midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
    if (midnight - h.clock.nowMs() < 30 * MIN) midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 2).getTime();
    h.clock.advance(midnight - 10 * MIN - h.clock.nowMs());
    await h.app.sync.syncNow(); // daily activities read at 23:50
    h.sim.control.clearRequestLog();
    h.clock.advance(12 * MIN); // 00:02 the next day: 12 minutes later
    await h.app.sync.syncNow();
    expect(h.api().filter((r) => r.path.endsWith('/activities/daily'))).toHaveLength(1);
  });
});
