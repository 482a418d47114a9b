// The realistic week the screenshots and the layout checks show: two dozen entries over the
// week of 2026-11-23, two unscheduled tasks, fourteen Hubstaff items (one planned).
import type { Planner } from '../../../src/main/core/planner/planner';
import type { Harness } from '../harness/fixtures';

/** Tuesday 2026-11-24, 11:20 local time: the instant the demo week is seen at. */
export const DEMO_NOW = () => new Date(2026, 10, 24, 11, 20);

export const DEMO_WEEK_ENTRIES = 21;

function seedWeek(p: Planner) {
  const plan = (title: string, project: string, slots: [string, string, number][], done = false) => {
    const t = p.createTask({ title, projectLabel: project });
    for (const [date, at, minutes] of slots) {
      const [h, m] = at.split(':').map(Number) as [number, number];
      p.addEntry({ taskId: t.id, date, startMinute: h * 60 + m, durationMinutes: minutes });
    }
    if (done) p.completeTask({ taskId: t.id });
  };
  const weekdays = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];
  plan('Standup', 'Internal', weekdays.map((d) => [d, '09:00', 15]));
  plan('Homepage hero redesign', 'Website redesign', [['2026-11-23', '09:30', 120], ['2026-11-25', '13:00', 150]]);
  plan('Acme quarterly report', 'Client: Acme', [['2026-11-23', '13:00', 90]], true);
  plan('Invoice export bug', 'Support', [['2026-11-23', '15:00', 60]], true);
  plan('Review pull requests', 'Mobile app', [['2026-11-24', '09:30', 60], ['2026-11-26', '09:30', 60]]);
  plan('Write report', 'Client: Acme', [['2026-11-24', '10:00', 90]]);
  plan('Lunch with Sam', 'Personal', [['2026-11-24', '12:30', 60]]);
  plan('Pricing page copy', 'Marketing', [['2026-11-24', '14:00', 120], ['2026-11-27', '10:00', 90]]);
  plan('Interview: frontend engineer', 'Hiring', [['2026-11-25', '10:00', 60]]);
  plan('Support rotation', 'Support', [['2026-11-25', '16:00', 60], ['2026-11-26', '14:00', 120]]);
  plan('Sprint planning', 'Internal', [['2026-11-26', '11:00', 60]]);
  plan('Weekly review', 'Internal', [['2026-11-27', '15:30', 45]]);
  p.createTask({ title: 'Draft Q1 roadmap [2h]' });
  p.createTask({ title: 'Reply to Acme feedback [30m]', projectLabel: 'Client: Acme' });
}


export function seedDemoWeek(harness: Harness): void {
  const item = (externalId: string, title: string, projectName: string, status = 'active') => ({ externalId, title, projectName, status, assigneeIds: ['42'] });
  harness.seedSourceItems([
    item('A-1', 'Write report [1h30m]', 'Client: Acme'),
    item('A-2', 'Prepare kickoff deck [2h]', 'Client: Acme'),
    item('A-3', 'Update SLA document', 'Client: Acme', 'completed'),
    item('A-4', 'Quarterly usage export [45m]', 'Client: Acme'),
    item('M-1', 'Push notification settings', 'Mobile app'),
    item('M-2', 'Fix crash on Android 15 [1h]', 'Mobile app'),
    item('M-3', 'App Store screenshots', 'Mobile app'),
    item('K-1', 'Newsletter: December issue [2h]', 'Marketing'),
    item('K-2', 'Case study with Acme', 'Marketing'),
    item('S-1', 'Refund request backlog [1h]', 'Support'),
    item('S-2', 'Macro for login issues [30m]', 'Support'),
    item('W-1', 'Accessibility audit fixes [3h]', 'Website redesign'),
    item('W-2', 'Footer navigation', 'Website redesign'),
    item('W-3', 'Blog index page', 'Website redesign', 'completed'),
  ]);
  seedWeek(harness.app.planner);
  harness.app.planner.dropSourceItem({
    item: { provider: 'hubstaff', orgId: '1001', externalId: 'A-1', title: 'Write report [1h30m]', projectName: 'Client: Acme' },
    date: '2026-11-26',
    startMinute: 15 * 60 + 30,
  });
}
