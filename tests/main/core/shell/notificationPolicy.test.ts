import { describe, expect, it } from 'vitest';
import { DEFAULT_SHELL_SETTINGS } from '../../../../src/common/ipc/shell-schemas';
import {
  decideNotifications,
  EMPTY_NOTIFICATION_MEMORY,
  type NotificationMemory,
  type NotificationPrefs,
  type Observation,
  type ObservedAccount,
} from '../../../../src/main/core/shell/notificationPolicy';

const prefs: NotificationPrefs = { ...DEFAULT_SHELL_SETTINGS, notifyEntryStart: true };
const account = (over: Partial<ObservedAccount> = {}): ObservedAccount => ({ id: 'hubstaff:1', provider: 'hubstaff', name: 'Alex', status: 'connected', statusMessage: null, ...over });
const seen = (over: Partial<Observation> = {}): Observation => ({
  accounts: [account()],
  week: { weekStart: '2026-11-23', trackedSeconds: 10 * 3600, thresholdSeconds: 40 * 3600 },
  today: { date: '2026-11-24', nowMinute: 600, entries: [] },
  ...over,
});

/** Feeds observations in order, carrying the memory, and returns every notification's kind|key. */
function run(observations: Observation[], p: NotificationPrefs = prefs, memory: NotificationMemory = EMPTY_NOTIFICATION_MEMORY): { keys: string[]; memory: NotificationMemory } {
  const keys: string[] = [];
  let m = memory;
  for (const o of observations) {
    const d = decideNotifications(m, o, p);
    keys.push(...d.notifications.map((n) => `${n.kind}|${n.key}`));
    m = d.memory;
  }
  return { keys, memory: m };
}

describe('needs-reconnect notifications', () => {
  const lost = seen({ accounts: [account({ status: 'needs_reconnect', statusMessage: 'Hubstaff refused the saved sign-in' })] });

  it('notify once per episode, not on every poll', () => {
    const { keys } = run([seen(), lost, lost, lost]);
    expect(keys).toEqual(['reconnect|reconnect|hubstaff:1']);
  });

  it('a reconnect ends the episode; losing access again is a new one', () => {
    const { keys } = run([lost, lost, seen(), seen(), lost, lost]);
    expect(keys).toEqual(['reconnect|reconnect|hubstaff:1', 'reconnect|reconnect|hubstaff:1']);
  });

  it('says which account and why, and that nothing is lost', () => {
    const d = decideNotifications(EMPTY_NOTIFICATION_MEMORY, lost, prefs);
    expect(d.notifications).toEqual([
      {
        kind: 'reconnect',
        key: 'reconnect|hubstaff:1',
        accountId: 'hubstaff:1',
        title: 'Hubstaff needs reconnecting',
        body: 'Hubstaff refused the saved sign-in (Alex). Your plan and synced data are kept; click to reconnect.',
      },
    ]);
  });

  it('each account has its own episode; a removed account ends its episode', () => {
    const two = seen({ accounts: [account({ status: 'needs_reconnect' }), account({ id: 'hubstaff:2', status: 'needs_reconnect' })] });
    const { keys, memory } = run([seen({ accounts: [account({ status: 'needs_reconnect' })] }), two, two]);
    expect(keys).toEqual(['reconnect|reconnect|hubstaff:1', 'reconnect|reconnect|hubstaff:2']);
    expect(run([seen({ accounts: [] })], prefs, memory).memory.reconnectEpisodes).toEqual([]);
  });

  it('turned off, the episode is still remembered, so turning it on later does not announce it as new', () => {
    const off = { ...prefs, notifyReconnect: false };
    const first = run([lost, lost], off);
    expect(first.keys).toEqual([]);
    expect(run([lost], prefs, first.memory).keys).toEqual([]);
  });

  it('the memory survives a restart (it is plain data the caller persists)', () => {
    const { memory } = run([lost]);
    const restored = JSON.parse(JSON.stringify(memory)) as NotificationMemory;
    expect(run([lost], prefs, restored).keys).toEqual([]);
  });
});

describe('weekly overtime notifications', () => {
  const week = (trackedHours: number, weekStart = '2026-11-23', thresholdHours = 40) => seen({ week: { weekStart, trackedSeconds: trackedHours * 3600, thresholdSeconds: thresholdHours * 3600 } });

  it('fires once when the tracked week crosses the threshold, not at or under it', () => {
    const { keys } = run([week(39), week(40), week(40.1), week(41), week(45)]);
    expect(keys).toEqual(['overtime|overtime|2026-11-23']);
    const d = decideNotifications(EMPTY_NOTIFICATION_MEMORY, week(41.5), prefs);
    expect(d.notifications[0]).toMatchObject({ title: 'Past your weekly hours', body: 'You have tracked 41h 30m this week, over your 40h threshold.' });
  });

  it('fires again in a new week, and keeps only recent weeks in memory', () => {
    const weeks = Array.from({ length: 12 }, (_, i) => week(50, `2026-${String(1 + Math.floor(i / 4)).padStart(2, '0')}-${String(1 + (i % 4) * 7).padStart(2, '0')}`));
    const { keys, memory } = run(weeks);
    expect(keys).toHaveLength(12);
    expect(memory.overtimeWeeks).toHaveLength(8);
  });

  it('never fires without a Hubstaff account (no tracked time), or when turned off', () => {
    expect(run([seen({ week: null })]).keys).toEqual([]);
    expect(run([week(50)], { ...prefs, notifyOvertime: false }).keys).toEqual([]);
  });
});

describe('entry-about-to-start reminders', () => {
  const at = (nowMinute: number, entries = [{ id: 'e1', title: 'Write report', startMinute: 600, done: false }], date = '2026-11-24') => seen({ today: { date, nowMinute, entries } });

  it('remind once within the lead time before the start, not before, not after it began', () => {
    const { keys } = run([at(590), at(594), at(595), at(597), at(599), at(600), at(601)]);
    expect(keys).toEqual(['entry-start|2026-11-24|e1|600']);
    const d = decideNotifications(EMPTY_NOTIFICATION_MEMORY, at(597), prefs);
    expect(d.notifications[0]).toMatchObject({ title: 'In 3 min: Write report', body: 'Planned from 10:00.', entryId: 'e1', date: '2026-11-24' });
    // In the window's time format when it is 12-hour.
    expect(decideNotifications(EMPTY_NOTIFICATION_MEMORY, { ...at(597), hour12: true }, prefs).notifications[0]).toMatchObject({ body: 'Planned from 10:00 AM.' });
  });

  it('a moved entry is reminded again at its new time; a done entry is not', () => {
    const moved = [{ id: 'e1', title: 'Write report', startMinute: 660, done: false }];
    expect(run([at(597), at(656, moved)]).keys).toEqual(['entry-start|2026-11-24|e1|600', 'entry-start|2026-11-24|e1|660']);
    expect(run([at(597, [{ id: 'e1', title: 'x', startMinute: 600, done: true }])]).keys).toEqual([]);
  });

  it('is off by default and follows the configured lead time', () => {
    expect(run([at(597)], DEFAULT_SHELL_SETTINGS).keys).toEqual([]);
    expect(run([at(585)], { ...prefs, entryReminderMinutes: 15 }).keys).toEqual(['entry-start|2026-11-24|e1|600']);
    expect(run([at(585)], { ...prefs, entryReminderMinutes: 10 }).keys).toEqual([]);
  });

  it('keeps only today’s reminders in memory', () => {
    const { memory } = run([at(597), at(597, undefined, '2026-11-25')]);
    expect(memory.entryReminders).toEqual(['2026-11-25|e1|600']);
  });
});
