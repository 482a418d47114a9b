// The thin Electron shell: lifecycle, window, tray, notifications and IPC wiring. Every
// decision (tray menu, notifications, settings, diagnostics, demo sign-in) lives in core.
import { app, BrowserWindow, dialog, ipcMain, net, powerMonitor, session, shell as desktop } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clockFromEnv } from '../../common/clock';
import { createApp, LOG_FILE, type App } from '../core/app';
import { resolveHubstaffAuthConfig } from '../core/auth/index';
import { MemorySecretStore } from '../core/secrets/index';
import { ShellController } from '../core/shell/controller';
import { reportFatal, type FatalReport } from '../core/shell/fatal';
import { bootstrapDemo, DEMO_ENV, describeDemo } from '../core/shell/demo';
import { parseLaunchArgs } from '../core/shell/loginItem';
import { adaptSyncEngine } from '../core/shell/syncAdapter';
import { authorizePageOpener, createShellHost, openInBrowser, releaseShortcuts } from './host';
import { forwardEvents, registerIpc } from './ipc';
import { Notifier } from './notifications';
import { isAppUrl } from './policy';
import { secureAllWebContents, secureSession } from './security';
import { TrayPresenter } from './tray';
import { createMainWindow, revealWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const NETWORK_CHECK_MS = 10_000;

function appUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ? dev : `file://${join(here, '../renderer/index.html')}`;
}

/** Tray and app icons: beside the app when packaged (extraResources), else in the repository. */
function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

export interface Shell {
  core(): App | null;
  window(): BrowserWindow | null;
}

export interface ShellOptions {
  /** Where unhandled rejections and uncaught exceptions are heard (default: this process). */
  process?: NodeJS.EventEmitter;
}

export function runShell(opts: ShellOptions = {}): Shell {
  let core: App | null = null;
  let win: BrowserWindow | null = null;
  let controller: ShellController | null = null;
  let tray: TrayPresenter | null = null;
  let quitting = false;
  const timers: ReturnType<typeof setInterval>[] = [];
  const shell: Shell = { core: () => core, window: () => win };

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return shell;
  }
  const launch = parseLaunchArgs(process.argv);
  const demo = process.env[DEMO_ENV.flag] === '1';
  const dataDir = (): string => process.env.STINT_DATA_DIR ?? join(app.getPath('userData'), demo ? 'demo' : 'data');

  // An error nothing else caught is logged (redacted) and shown in a native dialog naming the
  // log, with Quit and Open log folder; a second launch meanwhile brings the same dialog up.
  let fatalReport: FatalReport | null = null;
  let dialogOpen = false;
  /** `again`: a second launch asks, and gets the same message even while one is open. */
  const showFatal = async (r: FatalReport, again = false): Promise<void> => {
    if (dialogOpen && !again) return; // a burst of errors: one dialog
    dialogOpen = true;
    if (!app.isReady()) await app.whenReady(); // message boxes (with their buttons) need the ready app
    const { response } = await dialog.showMessageBox({ type: 'error', title: r.title, message: r.message, detail: r.detail, buttons: [...r.buttons], defaultId: 0, cancelId: 0, noLink: true });
    if (response === 1) await desktop.openPath(r.logDir);
    dialogOpen = false;
    app.exit(1);
  };
  const fatal = (error: unknown, where: string): void => {
    const report = reportFatal(error, where, join(dataDir(), LOG_FILE));
    fatalReport ??= report;
    void showFatal(report);
  };
  const proc = opts.process ?? process;
  proc.on('unhandledRejection', (reason: unknown) => fatal(reason, 'unhandledRejection'));
  proc.on('uncaughtException', (error: unknown) => fatal(error, 'uncaughtException'));

  const show = (): void => {
    if (win && !win.isDestroyed()) revealWindow(win);
  };

  // Every web contents, whenever created: no navigation, no pop-ups, links only to the browser.
  secureAllWebContents(app, (url) => void openInBrowser(url));

  function start(): void {
    core = createApp({
      // The demo never shares the real data directory.
      dataDir: dataDir(),
      appVersion: app.getVersion(),
      // The demo's tokens come from the local simulator: memory only, never the keychain.
      // STINT_SECRETS=memory asks the same of any run (tests, a shared machine).
      ...(demo || process.env.STINT_SECRETS === 'memory' ? { secrets: new MemorySecretStore() } : {}),
      // The OAuth page opens in the system browser, and only the configured authorize URL does.
      openExternal: authorizePageOpener(() => (core ? resolveHubstaffAuthConfig(core.db).accountUrl : '')),
      shellHost: createShellHost({ showWindow: show, manageLoginItem: !demo, onError: (what, error) => core?.logger.scope('shell').warn(what, { error }) }),
      // The wall clock, or the instant STINT_CLOCK names (tests; a demo at a chosen time).
      clock: clockFromEnv(process.env),
      onInternalError: (command, error) => console.error(`[stint] ${command} failed:`, error instanceof Error ? error.message : 'error'),
    });
    const stint = core;
    const log = stint.logger.scope('shell');

    secureSession(session.defaultSession, appUrl);
    registerIpc(ipcMain, stint.dispatch, (url) => isAppUrl(url, appUrl()));
    forwardEvents(stint.events, () => BrowserWindow.getAllWindows().map((w) => w.webContents));

    const resources = resourcesDir();
    win = createMainWindow({
      preload: join(here, '../preload/index.cjs'),
      url: appUrl(),
      icon: join(resources, 'icon.png'),
      showOnReady: !launch.hidden,
      closeToTray: () => stint.shell.settingsStore.get().closeToTray,
      isQuitting: () => quitting,
      onLoadFailed: (e) => fatal(e, 'load'),
    });

    const sync = adaptSyncEngine(stint.sync, (e) => log.warn('sync now failed', { error: e }));
    let ctl: ShellController | null = null;
    tray = new TrayPresenter(resources, (id, target) => void ctl?.handleTrayAction(id, target), show);
    const notifier = new Notifier(join(resources, 'icon.png'), (n) => ctl?.handleNotificationClick(n));
    ctl = new ShellController({
      ...stint,
      now: stint.clock.now,
      sync,
      shell: stint.shell,
      log,
      ui: { renderTray: (v) => tray?.render(v), notify: (n) => notifier.show(n), showWindow: show, quit: () => app.quit() },
    });
    controller = ctl;

    stint.shell.apply(); // global shortcut and login item
    ctl.start();

    // Polling runs in this process, so it goes on while the window is hidden; sleep and
    // network changes trigger a sync at once.
    powerMonitor.on('resume', () => sync.resumedFromSleep());
    ctl.observeNetwork(net.isOnline());
    const netTimer = setInterval(() => ctl?.observeNetwork(net.isOnline()), NETWORK_CHECK_MS);
    netTimer.unref?.();
    timers.push(netTimer);

    if (demo) {
      const token = process.env[DEMO_ENV.personalToken] ?? '';
      void bootstrapDemo(stint, { personalToken: token, env: process.env })
        .then((r) => log.info('demo ready', { summary: describeDemo(r).join(' | ') }))
        .catch((e) => {
          log.error('demo sign-in failed', { error: e });
          console.error(`[stint] demo sign-in failed: ${e instanceof Error ? e.message : String(e)}`);
        })
        .finally(() => sync.start());
    } else {
      sync.start();
    }
  }

  app.on('second-instance', () => (fatalReport ? void showFatal(fatalReport, true) : show()));
  app.on('activate', show); // macOS: the dock icon
  app.on('window-all-closed', () => {
    // Only reached when the window really closed (close-to-tray off): quit, except on macOS.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => {
    for (const t of timers.splice(0)) clearInterval(t);
    controller?.stop();
    tray?.destroy();
    releaseShortcuts();
    core?.close(); // also stops sync, aborting runs in flight
    core = null;
  });
  app.whenReady()
    .then(start)
    .catch((e: unknown) => fatal(e, 'start'));
  return shell;
}
