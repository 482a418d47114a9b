// The shell's commands behind IPC (settings, diagnostics, opening links, navigation), in core
// so the Electron shell, the e2e harness and the CLI share them. What only a desktop can do
// (register a shortcut, copy to the clipboard, open the browser) comes through `ShellHost`;
// without a host (tests, e2e) those parts answer "not applied" instead of failing.
import type { z } from 'zod';
import { StintError } from '../../../common/errors';
import {
  OpenExternalInput,
  type Navigation,
  type ShellApplied,
  type ShellSettings,
  type ShellSettingsPatch,
  type ShellSettingsView,
} from '../../../common/ipc/shell-schemas';
import type { SyncStatus } from '../../../common/ipc/sync-schemas';
import { parseInput } from '../../../common/validate';
import type { Accounts } from '../auth/index';
import type { Db } from '../db/database';
import type { AppEvents } from '../events';
import type { Redactor } from '../log/redact';
import { buildDiagnostics } from './diagnostics';
import { isAllowedExternalUrl } from './externalUrls';
import { ShellSettingsStore } from './settings';
import { systemClock } from '../../../common/clock';

/** What the desktop provides. Every member is optional: a headless core has none. */
export interface ShellHost {
  /** Registers the global shortcut and the login item for these settings. */
  applySettings?(settings: ShellSettings): ShellApplied;
  copyText?(text: string): void;
  /** Opens an already-checked URL in the system browser. */
  openUrl?(url: string): Promise<void>;
  /** Versions of the runtime (Electron, Chrome…), beside Node's. */
  versions?(): Record<string, string | undefined>;
}

export interface ShellServiceOptions {
  db: Db;
  events: AppEvents;
  accounts: Pick<Accounts, 'list' | 'keychainStatus'>;
  syncStatus: () => SyncStatus;
  dataDir: string;
  logFile: string;
  redactor: Redactor;
  /** Where Hubstaff requests run, for Diagnostics. */
  requests?: () => string;
  appVersion: string;
  host?: ShellHost;
  now?: () => Date;
}

const NOT_APPLIED: ShellApplied = { shortcut: null, startAtLogin: null };

export class ShellService {
  readonly settingsStore: ShellSettingsStore;
  private applied: ShellApplied = NOT_APPLIED;
  private pending: Navigation | null = null;
  private host: ShellHost;

  constructor(private readonly opts: ShellServiceOptions) {
    this.settingsStore = new ShellSettingsStore(opts.db);
    this.host = opts.host ?? {};
  }

  /** The desktop shell attaches itself once Electron is ready. */
  attachHost(host: ShellHost): void {
    this.host = host;
  }

  settings(): ShellSettingsView {
    return { settings: this.settingsStore.get(), applied: this.applied };
  }

  /** Applies the stored settings to the OS (at start, and after each change). */
  apply(): ShellSettingsView {
    this.applied = this.host.applySettings ? this.host.applySettings(this.settingsStore.get()) : NOT_APPLIED;
    return this.settings();
  }

  updateSettings(patch: z.input<typeof ShellSettingsPatch>): ShellSettingsView {
    this.settingsStore.update(patch);
    const view = this.apply();
    this.opts.events.emit('shell.settingsChanged', view);
    return view;
  }

  diagnostics(): string {
    const node = process.versions;
    return buildDiagnostics({
      now: (this.opts.now ?? systemClock.now)(),
      versions: { stint: this.opts.appVersion, node: node.node, ...this.host.versions?.() },
      platform: process.platform,
      arch: process.arch,
      dataDir: this.opts.dataDir,
      keychain: this.opts.accounts.keychainStatus(),
      accounts: this.opts.accounts.list(),
      sync: this.opts.syncStatus(),
      logFile: this.opts.logFile,
      redactor: this.opts.redactor,
      ...(this.opts.requests ? { requests: this.opts.requests() } : {}),
    });
  }

  copyDiagnostics(): { text: string; copied: boolean } {
    const text = this.diagnostics();
    if (!this.host.copyText) return { text, copied: false };
    this.host.copyText(text);
    return { text, copied: true };
  }

  /** Opens a Hubstaff/HubSpot page; anything else is refused with a typed error. */
  async openExternal(input: z.input<typeof OpenExternalInput>): Promise<null> {
    const { url } = parseInput(OpenExternalInput, input, 'link');
    if (!isAllowedExternalUrl(url)) throw new StintError('invalid_argument', 'Stint only opens https links to Hubstaff or HubSpot.');
    if (!this.host.openUrl) throw new StintError('unavailable', 'This Stint cannot open a browser.');
    await this.host.openUrl(url);
    return null;
  }

  /** Asks the window to show a view; kept until the page takes it, in case it is not listening yet. */
  navigate(to: Navigation): void {
    this.pending = to;
    this.opts.events.emit('app.navigate', to);
  }

  takeNavigation(): Navigation | null {
    const nav = this.pending;
    this.pending = null;
    return nav;
  }
}
