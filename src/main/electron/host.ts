// What only the desktop can do for core's ShellService: the global shortcut, the login item,
// the clipboard, and the system browser. `openInBrowser` is the one place that calls
// `shell.openExternal`, always behind the allow-list.
import { app, clipboard, globalShortcut, shell } from 'electron';
import { homedir } from 'node:os';
import type { ShellApplied, ShellSettings } from '../../common/ipc/shell-schemas';
import { StintError } from '../../common/errors';
import { applyXdgPlan, loginItemPlan } from '../core/shell/loginItem';
import type { ShellHost } from '../core/shell/service';
import { isAllowedExternalUrl } from './policy';

/** Opens `url` in the system browser if the allow-list admits it; false when refused. */
export async function openInBrowser(url: string, authorizeUrlPrefix?: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url, authorizeUrlPrefix)) return false;
  await shell.openExternal(url);
  return true;
}

/** The OAuth sign-in page opener: only the configured account server's authorize URL. */
export function authorizePageOpener(accountUrl: () => string): (url: string) => Promise<void> {
  return async (url) => {
    const prefix = `${accountUrl()}/authorizations/new?`;
    // Sign-in opens the authorize page and nothing else, not even another Hubstaff page.
    if (!url.startsWith(prefix) || !(await openInBrowser(url, prefix))) {
      throw new StintError('auth_failed', 'Refused to open an unexpected sign-in address.');
    }
  };
}

export function releaseShortcuts(): void {
  globalShortcut.unregisterAll();
}

function applyShortcut(accelerator: string | null, show: () => void, onError: HostErrorLog): ShellApplied['shortcut'] {
  globalShortcut.unregisterAll();
  if (!accelerator) return 'off';
  try {
    // false: another app holds it; a throw: Electron does not accept the accelerator at all.
    return globalShortcut.register(accelerator, show) ? 'registered' : 'in_use';
  } catch (error) {
    onError('the global shortcut was refused', error);
    return 'invalid';
  }
}

/** Where the host reports a failure it turns into a status (the core's log). */
export type HostErrorLog = (what: string, error: unknown) => void;

function applyLoginItem(enabled: boolean, onError: HostErrorLog): ShellApplied['startAtLogin'] {
  const plan = loginItemPlan({
    platform: process.platform,
    enabled,
    execPath: process.execPath,
    // Unpackaged (npm start), Electron needs the app folder as its argument.
    args: app.isPackaged ? [] : [app.getAppPath()],
    ...(process.env.APPIMAGE ? { appImage: process.env.APPIMAGE } : {}),
    ...(process.env.XDG_CONFIG_HOME ? { configHome: process.env.XDG_CONFIG_HOME } : {}),
    home: homedir(),
  });
  try {
    if (plan.kind === 'electron') app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, args: plan.args });
    else if (plan.kind === 'xdg') applyXdgPlan(plan);
    else return 'unsupported';
    return enabled ? 'enabled' : 'disabled';
  } catch (error) {
    onError('start at login could not be changed', error);
    return 'failed';
  }
}

export function createShellHost(opts: { showWindow: () => void; manageLoginItem: boolean; onError: HostErrorLog }): ShellHost {
  return {
    applySettings: (s: ShellSettings) => ({
      shortcut: applyShortcut(s.globalShortcut, opts.showWindow, opts.onError),
      // The demo never registers itself to start at login.
      startAtLogin: opts.manageLoginItem ? applyLoginItem(s.startAtLogin, opts.onError) : 'unsupported',
    }),
    copyText: (text) => clipboard.writeText(text),
    openUrl: async (url) => {
      if (!(await openInBrowser(url))) throw new StintError('invalid_argument', 'Stint only opens https links to Hubstaff or HubSpot.');
    },
    versions: () => ({ electron: process.versions.electron, chrome: process.versions.chrome }),
  };
}
