// A minimal stand-in for the `electron` module (the binary cannot run here), injected with
// `vi.mock('electron', …)`. It records what the shell registers — window options, session
// handlers, web-contents handlers, IPC channels, tray, shortcuts, notifications — so tests can
// call those handlers the way Electron would and check what they decide.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  isMainFrame?: boolean;
}

export const fakeEvent = (extra: Partial<FakeEvent> = {}): FakeEvent => {
  const e: FakeEvent = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
    ...extra,
  };
  return e;
};

type Handler = (...args: never[]) => unknown;

export const registry = {
  windows: [] as FakeBrowserWindow[],
  contents: [] as FakeWebContents[],
  ipc: new Map<string, Handler>(),
  session: {} as {
    headers?: (details: { url?: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void;
    beforeRequest?: (details: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    permissionRequest?: (wc: unknown, permission: string, cb: (granted: boolean) => void, details?: unknown) => void;
    permissionCheck?: (wc: unknown, permission: string, requestingOrigin?: string, details?: unknown) => boolean;
    devicePermission?: (details: unknown) => boolean;
  },
  opened: [] as string[],
  trays: [] as FakeTray[],
  notifications: [] as FakeNotification[],
  shortcuts: new Map<string, () => void>(),
  /** Accelerators another app "holds": register() answers false for them. */
  takenShortcuts: new Set<string>(),
  /** Accelerators Electron does not accept: register() throws for them, as Electron does. */
  invalidShortcuts: new Set<string>(),
  loginItems: [] as unknown[],
  clipboard: '',
  quitCalls: 0,
  /** Message boxes shown (dialog.showMessageBox and showErrorBox), and the button the "user" presses. */
  dialogs: [] as { type?: string; title?: string; message: string; detail?: string; buttons?: string[] }[],
  dialogResponse: 0,
  /** While set, a message box stays open (its promise pending) until the test resolves this. */
  dialogHeld: null as Promise<void> | null,
  openedPaths: [] as string[],
  exitCodes: [] as number[],
};

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  sent: [string, unknown][] = [];
  /** Every address loaded straight into these contents (loadURL, loadFile as a file: URL), in order. */
  readonly loads: string[] = [];
  constructor() {
    super();
    registry.contents.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    return Promise.resolve();
  }
  loadFile(path: string): Promise<void> {
    this.loads.push(pathToFileURL(path).href);
    return Promise.resolve();
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static getAllWindows(): FakeBrowserWindow[] {
    return registry.windows.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  url: string | null = null;
  visible = false;
  destroyed = false;
  focused = false;
  /** Every address the window was told to load (loadURL, loadFile as a file: URL), in order. */
  readonly loads: string[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    registry.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.url = url;
    this.loads.push(url);
    return Promise.resolve();
  }
  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).href);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** As a user clicking the close button: 'close' may be prevented. */
  close(): void {
    const e = fakeEvent();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

export class FakeTray extends EventEmitter {
  image: { path: string };
  tooltip = '';
  menu: { items: Record<string, unknown>[] } | null = null;
  destroyed = false;
  constructor(image: { path: string }) {
    super();
    this.image = image;
    registry.trays.push(this);
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(t: string): void {
    this.tooltip = t;
  }
  setContextMenu(menu: { items: Record<string, unknown>[] }): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeNotification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    this.shown = true;
    registry.notifications.push(this);
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  userData = '';
  appPath = '';
  requestSingleInstanceLock(): boolean {
    return true;
  }
  isReady(): boolean {
    return true;
  }
  exit(code = 0): void {
    registry.exitCodes.push(code);
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(): string {
    return this.userData;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  setLoginItemSettings(s: unknown): void {
    registry.loginItems.push(s);
  }
  /** As Electron: before-quit, then the windows close, then will-quit. */
  quit(): void {
    registry.quitCalls++;
    this.emit('before-quit', fakeEvent());
    for (const w of FakeBrowserWindow.getAllWindows()) w.close();
    this.emit('will-quit', fakeEvent());
  }
}

export const app = new FakeApp();

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(fn: NonNullable<typeof registry.session.headers>) {
        registry.session.headers = fn;
      },
      onBeforeRequest(fn: NonNullable<typeof registry.session.beforeRequest>) {
        registry.session.beforeRequest = fn;
      },
    },
    setPermissionRequestHandler(fn: NonNullable<typeof registry.session.permissionRequest>) {
      registry.session.permissionRequest = fn;
    },
    setPermissionCheckHandler(fn: NonNullable<typeof registry.session.permissionCheck>) {
      registry.session.permissionCheck = fn;
    },
    setDevicePermissionHandler(fn: NonNullable<typeof registry.session.devicePermission>) {
      registry.session.devicePermission = fn;
    },
  },
};

export const fakeElectron = {
  app,
  session,
  BrowserWindow: FakeBrowserWindow,
  Tray: FakeTray,
  Notification: FakeNotification,
  Menu: { buildFromTemplate: (items: Record<string, unknown>[]) => ({ items }) },
  nativeImage: { createFromPath: (path: string) => ({ path }) },
  nativeTheme: Object.assign(new EventEmitter(), { shouldUseDarkColors: false }),
  ipcMain: {
    handle(channel: string, fn: Handler) {
      if (registry.ipc.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      registry.ipc.set(channel, fn);
    },
  },
  shell: {
    async openExternal(url: string) {
      registry.opened.push(url);
    },
    async openPath(path: string) {
      registry.openedPaths.push(path);
      return '';
    },
  },
  dialog: {
    async showMessageBox(options: (typeof registry.dialogs)[number]) {
      registry.dialogs.push(options);
      if (registry.dialogHeld) await registry.dialogHeld;
      return { response: registry.dialogResponse, checkboxChecked: false };
    },
    showErrorBox(title: string, content: string) {
      registry.dialogs.push({ title, message: content });
    },
  },
  globalShortcut: {
    register(accelerator: string, fn: () => void): boolean {
      if (registry.invalidShortcuts.has(accelerator)) throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
      if (registry.takenShortcuts.has(accelerator)) return false;
      registry.shortcuts.set(accelerator, fn);
      return true;
    },
    unregisterAll() {
      registry.shortcuts.clear();
    },
  },
  clipboard: {
    writeText(text: string) {
      registry.clipboard = text;
    },
  },
  powerMonitor: new EventEmitter(),
  net: { isOnline: () => true },
};

/**
 * Back to a fresh `electron`, for a test file that starts the shell more than once: empties the
 * registry and drops every listener a previous shell left on app, powerMonitor and nativeTheme.
 */
export function resetFake(): void {
  registry.windows.length = 0;
  registry.contents.length = 0;
  registry.ipc.clear();
  registry.session = {};
  registry.opened.length = 0;
  registry.trays.length = 0;
  registry.notifications.length = 0;
  registry.shortcuts.clear();
  registry.takenShortcuts.clear();
  registry.invalidShortcuts.clear();
  registry.loginItems.length = 0;
  registry.clipboard = '';
  registry.quitCalls = 0;
  registry.dialogs.length = 0;
  registry.dialogResponse = 0;
  registry.dialogHeld = null;
  registry.openedPaths.length = 0;
  registry.exitCodes.length = 0;
  app.removeAllListeners();
  app.isPackaged = false;
  app.userData = '';
  app.appPath = '';
  fakeElectron.powerMonitor.removeAllListeners();
  fakeElectron.nativeTheme.removeAllListeners();
  fakeElectron.nativeTheme.shouldUseDarkColors = false;
}
