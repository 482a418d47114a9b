// The main window: created hidden, shown when ready (unless Stint started hidden at login);
// closing it hides it to the tray while the app keeps syncing, unless the user turned that off.
import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './policy';

export interface MainWindowOptions {
  preload: string;
  url: string;
  icon: string;
  showOnReady: boolean;
  /** Read at each close: the setting may change while the app runs. */
  closeToTray: () => boolean;
  isQuitting: () => boolean;
  /** The page did not load: the window would stay blank. */
  onLoadFailed: (error: unknown) => void;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Stint',
    icon: opts.icon,
    webPreferences: secureWebPreferences(opts.preload),
  });
  if (opts.showOnReady) win.once('ready-to-show', () => win.show());
  win.on('close', (e) => {
    if (opts.isQuitting() || !opts.closeToTray()) return;
    e.preventDefault();
    win.hide();
  });
  win.loadURL(opts.url).catch(opts.onLoadFailed);
  return win;
}

export function revealWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
