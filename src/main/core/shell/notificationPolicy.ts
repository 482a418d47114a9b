// When Stint raises a desktop notification, decided by one pure function so the rules are
// tested without a desktop: an account that needs reconnecting (once per episode, not on every
// poll), the week's tracked time crossing the overtime threshold (once per week), and,
// optionally, a planned entry about to start (once per entry and start time).
//
// The memory the rules need is plain data the caller keeps (and persists, so a restart in the
// middle of an episode does not repeat the notice).
import { z } from 'zod';
import { formatClock } from '../../../common/clockText';
import { formatMinutes } from '../../../common/duration';
import { providerLabel } from '../../../common/providers';
import type { ShellSettings } from '../../../common/ipc/shell-schemas';

export const NotificationMemory = z.object({
  /** Accounts whose current needs-reconnect episode was already seen. */
  reconnectEpisodes: z.array(z.string()),
  /** Weeks (their first day) whose overtime was already announced. */
  overtimeWeeks: z.array(z.string()),
  /** `date|entryId|startMinute` of reminders already given (today's only). */
  entryReminders: z.array(z.string()),
});
export type NotificationMemory = z.infer<typeof NotificationMemory>;

export const EMPTY_NOTIFICATION_MEMORY: NotificationMemory = { reconnectEpisodes: [], overtimeWeeks: [], entryReminders: [] };

const KEEP_WEEKS = 8;

export interface ObservedAccount {
  id: string;
  provider: 'hubstaff' | 'hubspot';
  name: string | null;
  status: 'connected' | 'needs_reconnect' | 'offline' | 'error';
  statusMessage: string | null;
}

export interface ObservedEntry {
  id: string;
  title: string;
  startMinute: number;
  done: boolean;
}

export interface Observation {
  accounts: readonly ObservedAccount[];
  /** The current week's tracked total against the threshold; null without a Hubstaff account. */
  week: { weekStart: string; trackedSeconds: number; thresholdSeconds: number } | null;
  today: { date: string; nowMinute: number; entries: readonly ObservedEntry[] };
  /** Times on a 12-hour clock (the time format setting); 24-hour when not said. */
  hour12?: boolean;
}

export type NotificationPrefs = Pick<ShellSettings, 'notifyReconnect' | 'notifyOvertime' | 'notifyEntryStart' | 'entryReminderMinutes'>;

export type ShellNotification =
  | { kind: 'reconnect'; key: string; title: string; body: string; accountId: string }
  | { kind: 'overtime'; key: string; title: string; body: string; weekStart: string }
  | { kind: 'entry-start'; key: string; title: string; body: string; entryId: string; date: string };

export interface Decision {
  notifications: ShellNotification[];
  memory: NotificationMemory;
}

export function decideNotifications(memory: NotificationMemory, seen: Observation, prefs: NotificationPrefs): Decision {
  const notifications: ShellNotification[] = [];

  // Reconnect: an episode starts when an account enters needs_reconnect and ends when it leaves
  // it (or is removed). The episode is remembered even with the notice turned off, so turning
  // it on later does not announce an old problem as new.
  const needing = seen.accounts.filter((a) => a.status === 'needs_reconnect');
  const known = new Set(memory.reconnectEpisodes);
  for (const a of needing) {
    if (known.has(a.id) || !prefs.notifyReconnect) continue;
    const who = a.name ? ` (${a.name})` : '';
    notifications.push({
      kind: 'reconnect',
      key: `reconnect|${a.id}`,
      title: `${providerLabel(a.provider)} needs reconnecting`,
      body: `${a.statusMessage ?? 'Stint lost access to your account'}${who}. Your plan and synced data are kept; click to reconnect.`,
      accountId: a.id,
    });
  }
  const reconnectEpisodes = needing.map((a) => a.id).sort();

  // Overtime: once per week, when the tracked total is past the threshold.
  let overtimeWeeks = memory.overtimeWeeks;
  const w = seen.week;
  if (w && w.trackedSeconds > w.thresholdSeconds && !overtimeWeeks.includes(w.weekStart)) {
    overtimeWeeks = [...overtimeWeeks, w.weekStart].sort().slice(-KEEP_WEEKS);
    if (prefs.notifyOvertime) {
      const tracked = formatMinutes(Math.floor(w.trackedSeconds / 60));
      const threshold = formatMinutes(Math.round(w.thresholdSeconds / 60));
      notifications.push({
        kind: 'overtime',
        key: `overtime|${w.weekStart}`,
        title: 'Past your weekly hours',
        body: `You have tracked ${tracked} this week, over your ${threshold} threshold.`,
        weekStart: w.weekStart,
      });
    }
  }

  // Entry about to start: within the lead time before its start, once per entry and start
  // (a moved entry is a new reminder). Only today's keys are kept.
  const { date, nowMinute } = seen.today;
  let entryReminders = memory.entryReminders.filter((k) => k.startsWith(`${date}|`));
  if (prefs.notifyEntryStart) {
    const lead = prefs.entryReminderMinutes;
    const due = seen.today.entries
      .filter((e) => !e.done && nowMinute < e.startMinute && e.startMinute - nowMinute <= lead)
      .sort((a, b) => a.startMinute - b.startMinute);
    for (const e of due) {
      const key = `${date}|${e.id}|${e.startMinute}`;
      if (entryReminders.includes(key)) continue;
      entryReminders = [...entryReminders, key];
      const inMinutes = e.startMinute - nowMinute;
      notifications.push({
        kind: 'entry-start',
        key,
        title: `In ${inMinutes} min: ${e.title}`,
        body: `Planned from ${formatClock(e.startMinute, seen.hour12 ?? false)}.`,
        entryId: e.id,
        date,
      });
    }
  }

  return { notifications, memory: { reconnectEpisodes, overtimeWeeks, entryReminders } };
}
