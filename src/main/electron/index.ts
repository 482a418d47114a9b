// The thin Electron shell: lifecycle, the window and IPC wiring. Logic lives in core.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../core/app';
import { resolveHubstaffAuthConfig } from '../core/auth/index';
import { StintError } from '../../common/errors';
import { forwardEvents, registerIpc } from './ipc';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl, secureWebPreferences } from './policy';

const here = dirname(fileURLToPath(import.meta.url));
let core: App | null = null;
let mainWindow: BrowserWindow | null = null;

function appUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ? dev : `file://${join(here, '../renderer/index.html')}`;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Stint',
    webPreferences: secureWebPreferences(join(here, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-redirect', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(appUrl());
  return win;
}

function start(): void {
  core = createApp({
    dataDir: process.env.STINT_DATA_DIR ?? join(app.getPath('userData'), 'data'),
    // The OAuth page opens in the system browser, and only the configured authorize URL does.
    openExternal: async (url) => {
      const accountUrl = core ? resolveHubstaffAuthConfig(core.db).accountUrl : '';
      if (!isAllowedExternalUrl(url, `${accountUrl}/authorizations/new?`)) {
        throw new StintError('auth_failed', 'Refused to open an unexpected sign-in address.');
      }
      await shell.openExternal(url);
    },
    onInternalError: (command, error) => console.error(`[stint] ${command} failed:`, error instanceof Error ? error.message : 'error'),
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  registerIpc(ipcMain, core.dispatch, (url) => isAppUrl(url, appUrl()));
  forwardEvents(core.events, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => core?.close());
}
