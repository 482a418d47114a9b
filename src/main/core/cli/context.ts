import { homedir } from 'node:os';
import { join } from 'node:path';
import { StintError } from '../../../common/errors';
import { clockFromEnv } from '../../../common/clock';
import { createApp, type App } from '../app';
import type { HubspotAccountView } from '../auth/hubspotAccounts';
import type { AccountView } from '../auth/types';
import { KeytarSecretStore } from '../secrets/keytarSecretStore';
import { SECRET_SERVICE, type SecretStore } from '../secrets/secretStore';
import { SessionFallbackSecretStore } from '../secrets/sessionFallbackSecretStore';
import { NeedsSignInError, UsageError } from './exitCodes';
import type { CliDeps, CliIo } from './io';

/**
 * The app's data directory when STINT_DATA_DIR is not set: where the desktop app keeps it
 * (Electron's userData for "stint", plus `data`), so the CLI and the app share one database.
 */
export function defaultDataDir(env: CliIo['env'], platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'stint', 'data');
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'stint', 'data');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'stint', 'data');
}

/** The core for one CLI command, opened lazily and closed once. */
export class CliContext {
  private app: App | null = null;
  private store: SecretStore | null = null;

  constructor(
    private readonly io: CliIo,
    private readonly deps: CliDeps,
  ) {}

  get dataDir(): string {
    return this.io.env.STINT_DATA_DIR || defaultDataDir(this.io.env);
  }

  private secrets(): SecretStore {
    // STINT_KEYCHAIN_SERVICE keeps a second profile (or a test) apart from the app's "Stint" entries.
    this.store ??= this.deps.secrets ?? new SessionFallbackSecretStore(new KeytarSecretStore(this.io.env.STINT_KEYCHAIN_SERVICE || SECRET_SERVICE));
    return this.store;
  }

  open(): App {
    this.app ??= createApp({
      ...this.deps.app,
      dataDir: this.dataDir,
      secrets: this.secrets(),
      env: this.io.env,
      clock: this.deps.app?.clock ?? clockFromEnv(this.io.env),
    });
    return this.app;
  }

  /**
   * Commands that use tokens need the keychain: without it a CLI process would hold a sign-in
   * only until it exits, and a missing entry would wrongly mark the account as revoked.
   */
  async requireKeychain(): Promise<void> {
    const store = this.secrets();
    if (!(store instanceof SessionFallbackSecretStore)) return;
    const status = await store.probe();
    if (!status.available) {
      throw new StintError(
        'keychain_unavailable',
        'The system keychain is unavailable, so the CLI cannot read or keep a Hubstaff sign-in (run it in a desktop session with a keyring).',
      );
    }
  }

  /** The Hubstaff account a command acts on: the only one, or the one `--account` names. */
  account(selector: string | undefined): AccountView {
    const accounts = this.open().accounts.list().filter((a) => a.provider === 'hubstaff');
    if (selector) {
      const found = accounts.find((a) => a.userId === selector || a.id === selector);
      if (!found) throw new UsageError(`No Hubstaff account ${selector}; signed in: ${accounts.map((a) => a.userId).join(', ') || 'none'}.`);
      return found;
    }
    if (accounts.length === 0) throw new NeedsSignInError('Not signed in to Hubstaff: run `stint auth pat` with a personal access token on stdin.');
    if (accounts.length > 1) throw new UsageError(`Several Hubstaff accounts are signed in (${accounts.map((a) => a.userId).join(', ')}): choose one with --account.`);
    return accounts[0]!;
  }

  /** Every account, Hubstaff then HubSpot, each in its service's order. */
  allAccounts(): (AccountView | HubspotAccountView)[] {
    const app = this.open();
    return [...app.accounts.list(), ...app.hubspot.list()];
  }

  /**
   * The account of any provider a command acts on: the one `--account` names (its id, or its
   * Hubstaff user id / HubSpot owner id when that is unambiguous), else the only one.
   */
  anyAccount(selector: string | undefined): AccountView | HubspotAccountView {
    const accounts = this.allAccounts();
    const ids = accounts.map((a) => a.id).join(', ') || 'none';
    if (selector) {
      const byId = accounts.find((a) => a.id === selector);
      if (byId) return byId;
      const byUser = accounts.filter((a) => (a.provider === 'hubstaff' ? a.userId : a.ownerId) === selector);
      if (byUser.length === 1) return byUser[0]!;
      if (byUser.length > 1) throw new UsageError(`Several accounts have the user id ${selector} (${byUser.map((a) => a.id).join(', ')}): choose one by its id with --account.`);
      throw new UsageError(`No account ${selector}; accounts: ${ids}.`);
    }
    if (accounts.length === 0) throw new NeedsSignInError('No account is signed in: run `stint auth pat` (Hubstaff) or `stint auth hubspot-token` (HubSpot).');
    if (accounts.length > 1) throw new UsageError(`Several accounts are signed in (${ids}): choose one with --account.`);
    return accounts[0]!;
  }

  async close(): Promise<void> {
    const app = this.app;
    this.app = null;
    if (!app) return;
    await app.sync.close();
    app.close();
  }
}
