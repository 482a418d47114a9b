// "Start at login": what to do on each platform, decided here and tested; the shell applies
// it. macOS and Windows have Electron's login item API; Linux desktops read an XDG autostart
// entry (~/.config/autostart/stint.desktop). Started at login, Stint starts hidden in the tray.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The argument the login item passes: start in the tray without showing the window. */
export const HIDDEN_ARG = '--hidden';

export interface LaunchOptions {
  hidden: boolean;
}

export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  return { hidden: argv.includes(HIDDEN_ARG) };
}

export type LoginItemPlan =
  | { kind: 'electron'; openAtLogin: boolean; args: string[] }
  | { kind: 'xdg'; file: string; content: string | null }
  | { kind: 'unsupported'; reason: string };

export interface LoginItemContext {
  platform: NodeJS.Platform;
  enabled: boolean;
  /** The executable: Electron's binary, or the AppImage file when run from one. */
  execPath: string;
  /** Arguments before HIDDEN_ARG (the app folder when running unpackaged). */
  args?: readonly string[];
  /** $APPIMAGE: the AppImage is mounted at a temporary path, so autostart names the file itself. */
  appImage?: string;
  /** $XDG_CONFIG_HOME, else ~/.config. */
  configHome?: string;
  home?: string;
}

/**
 * One argument of a desktop entry's Exec key (Desktop Entry Specification): quoted when it
 * holds reserved characters, with `"`, backquote, `$` and `\` escaped inside the quotes, then
 * the string-value escaping (each backslash doubled) applied on top, and `%` doubled.
 */
export function quoteExecArg(arg: string): string {
  const plain = arg !== '' && !/[\s"'\\`$<>|;&*?#()~=]/.test(arg);
  const quoted = plain ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function xdgAutostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Stint',
    'Comment=Plan your week on top of Hubstaff',
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function loginItemPlan(ctx: LoginItemContext): LoginItemPlan {
  if (ctx.platform === 'darwin' || ctx.platform === 'win32') {
    return { kind: 'electron', openAtLogin: ctx.enabled, args: [...(ctx.args ?? []), HIDDEN_ARG] };
  }
  if (ctx.platform === 'linux' || ctx.platform === 'freebsd' || ctx.platform === 'openbsd') {
    const configHome = ctx.configHome || (ctx.home ? join(ctx.home, '.config') : null);
    if (!configHome) return { kind: 'unsupported', reason: 'No home folder to hold the autostart entry.' };
    const file = join(configHome, 'autostart', 'stint.desktop');
    const command = ctx.appImage ? [ctx.appImage, HIDDEN_ARG] : [ctx.execPath, ...(ctx.args ?? []), HIDDEN_ARG];
    return { kind: 'xdg', file, content: ctx.enabled ? xdgAutostartEntry(command) : null };
  }
  return { kind: 'unsupported', reason: `Start at login is not supported on ${ctx.platform}.` };
}

/** Writes or removes the XDG autostart entry. */
export function applyXdgPlan(plan: Extract<LoginItemPlan, { kind: 'xdg' }>): void {
  if (plan.content === null) {
    if (existsSync(plan.file)) rmSync(plan.file);
    return;
  }
  mkdirSync(dirname(plan.file), { recursive: true });
  writeFileSync(plan.file, plan.content, { mode: 0o644 });
}
