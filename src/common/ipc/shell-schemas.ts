// The desktop shell across IPC: window and tray settings, notifications, "Copy diagnostics",
// opening links in the browser, and the navigation the tray asks of the window.
import { z } from 'zod';
import { IsoDate } from '../domain';

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
]);
const PUNCTUATION = ')!@#$%^&*(:;=<,_->.?/~`{][|\\}"\'';

function isKeyCode(k: string): boolean {
  const lower = k.toLowerCase();
  if (/^[a-z0-9]$/i.test(k) || (k.length === 1 && PUNCTUATION.includes(k))) return true;
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(lower) || /^num[0-9]$/.test(lower)) return true;
  return NAMED_KEYS.has(lower);
}

/**
 * An Electron accelerator usable as a global shortcut: modifiers, then one key
 * (`CommandOrControl+Alt+Shift+S`). A global shortcut steals the keys from every other app,
 * so it needs a modifier other than Shift, unless the key is a function key.
 */
export function isValidAccelerator(text: string): boolean {
  const parts = text.split('+');
  // "Plus" names the + key; a literal "+" would leave an empty part.
  if (parts.some((p) => p === '')) return false;
  const key = parts[parts.length - 1]!;
  const mods = parts.slice(0, -1).map((m) => m.toLowerCase());
  if (!isKeyCode(key) || mods.some((m) => !MODIFIERS.has(m)) || new Set(mods).size !== mods.length) return false;
  return mods.some((m) => m !== 'shift') || /^f([1-9]|1[0-9]|2[0-4])$/i.test(key);
}

export const Accelerator = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine(isValidAccelerator, { message: 'Expected a shortcut such as CommandOrControl+Alt+Shift+S (modifiers, then one key)' });

export const ShellSettings = z.object({
  /** Closing the window hides it to the tray (the app keeps syncing); off: closing quits. */
  closeToTray: z.boolean(),
  /** Shows the window from anywhere; null: no global shortcut. */
  globalShortcut: Accelerator.nullable(),
  /** Start Stint (hidden, in the tray) when the user logs in. */
  startAtLogin: z.boolean(),
  notifyReconnect: z.boolean(),
  notifyOvertime: z.boolean(),
  /** Remind shortly before a planned entry starts (off by default). */
  notifyEntryStart: z.boolean(),
  entryReminderMinutes: z.number().int().min(1).max(60),
});
export type ShellSettings = z.infer<typeof ShellSettings>;

export const DEFAULT_SHELL_SETTINGS: ShellSettings = {
  closeToTray: true,
  globalShortcut: 'CommandOrControl+Alt+Shift+S',
  startAtLogin: false,
  notifyReconnect: true,
  notifyOvertime: true,
  notifyEntryStart: false,
  entryReminderMinutes: 5,
};

export const ShellSettingsPatch = ShellSettings.partial().strict();

/** What applying the settings to the OS did (null fields: no desktop shell, e.g. the CLI or e2e). */
export const ShellApplied = z.object({
  /** registered; in_use: another app holds the shortcut; invalid: Electron refused the accelerator; off: none configured. */
  shortcut: z.enum(['registered', 'in_use', 'invalid', 'off']).nullable(),
  startAtLogin: z.enum(['enabled', 'disabled', 'unsupported', 'failed']).nullable(),
});
export type ShellApplied = z.infer<typeof ShellApplied>;

export const ShellSettingsView = z.object({ settings: ShellSettings, applied: ShellApplied });
export type ShellSettingsView = z.infer<typeof ShellSettingsView>;

/** Where the tray or a notification asks the window to go. */
export const Navigation = z.discriminatedUnion('view', [
  /** The reconnect flow for the account (null: the first one that needs it). */
  z.object({ view: z.literal('reconnect'), accountId: z.string().nullable() }),
  /** The week holding `date`, with the entry highlighted when given. */
  z.object({ view: z.literal('week'), date: IsoDate, entryId: z.string().nullable() }),
  z.object({ view: z.literal('settings') }),
]);
export type Navigation = z.infer<typeof Navigation>;

export const Diagnostics = z.object({
  text: z.string(),
  /** False when there is no clipboard (headless); the text is still returned to show. */
  copied: z.boolean(),
});

export const OpenExternalInput = z.object({ url: z.string().min(1).max(4096) });
