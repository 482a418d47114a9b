import { dirname } from 'node:path';
import { StintError } from '../../../common/errors';
import type { Db } from '../db/database';
import type { SecretStore, SessionAwareSecretStore } from '../secrets/secretStore';
import { AccountLifecycle, checkedToken, emitEach } from './accountLifecycle';
import { AccountsRepo, type AccountRow } from './accountsRepo';
import { resolveHubstaffAuthConfig, type Env, type HubstaffAuthConfig } from './config';
import { credentialFromTokenResponse, hubstaffCredentials, organizationCredential, type StoredCredential } from './credential';
import { discoverIssuer } from './discovery';
import { RequestBudget } from '../providers/hubstaff/budget';
import { defaultClientFactory, fetchIdentity, fetchOrganizations, type ClientFactory, type OrganizationChoice } from './hubstaffIdentity';
import {
  exchangePersonalAccessToken,
  oauthClient,
  personalTokenClient,
  refreshGrant,
  runBrowserSignIn,
  tokenEndpointError,
  type OpenExternal,
} from './hubstaffOAuth';
import { organizationSelection } from './organizationIds';
import type { ScopedLogger } from '../log/logger';
import type { RefreshLockOptions } from './refreshLock';
import { mergeSyncSettings } from './syncSettings';
import { classifyTokenError, describeNetworkError } from './tokenErrors';
import { GrantRejectedError, type AccessTokenProvider } from './tokenProvider';
import type { AccountEvent, AccountStatus, AccountView, SyncSettings } from './types';
import { systemClock } from '../../../common/clock';

export interface AccountsOptions {
  db: Db;
  /** Usually a SessionFallbackSecretStore (keychain, else memory for the session). */
  secrets: SecretStore | SessionAwareSecretStore;
  /** Opens the authorization page in the system browser. */
  openExternal: OpenExternal;
  /** Environment for STINT_HUBSTAFF_* (default process.env). */
  env?: Env;
  /** Configuration that wins over environment and settings (tests, CLI flags). */
  config?: Partial<HubstaffAuthConfig>;
  /** Where the cross-process refresh lock files live (default: the database's folder). */
  lockDir?: string;
  lockOptions?: RefreshLockOptions;
  now?: () => number;
  /** fetch for the account server (discovery, token endpoint). */
  fetch?: typeof fetch;
  /** Makes API clients (default: a new HubstaffClient). */
  client?: ClientFactory;
  refreshSkewMs?: number;
  /** Where a failing change listener is reported. */
  log?: ScopedLogger;
}

/** How to reconnect: the browser again, or a new token of the given kind. */
export type ReconnectMethod = { kind: 'oauth' } | { kind: 'personal'; token: string } | { kind: 'organization'; token: string };

const PROVIDER = 'hubstaff';

/**
 * Hubstaff accounts: the three ways in (browser OAuth, personal access token, organization
 * token), the organizations picked for sync, per-account sync settings, reconnect and sign-out,
 * and the token provider the API client uses. Tokens go to the SecretStore only; SQLite, events
 * and return values never carry one.
 */
export class Accounts {
  private readonly repo: AccountsRepo;
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch | undefined;
  private readonly lifecycle: AccountLifecycle<StoredCredential>;
  private readonly listeners = new Set<(e: AccountEvent) => void>();
  private readonly pickerNames = new Map<string, Map<number, string>>();
  private pendingSignIn: { abort: AbortController; done: Promise<unknown> } | null = null;
  private readonly unsubscribeSecrets: (() => void) | undefined;
  private readonly makeClient: ClientFactory;

  constructor(private readonly opts: AccountsOptions) {
    this.repo = new AccountsRepo(opts.db);
    this.now = opts.now ?? systemClock.nowMs;
    this.fetchImpl = opts.fetch;
    this.lifecycle = new AccountLifecycle({
      db: opts.db,
      repo: this.repo,
      secrets: opts.secrets,
      lockDir: opts.lockDir ?? dirname(opts.db.name),
      lockOptions: opts.lockOptions,
      now: this.now,
      credentials: hubstaffCredentials((cred) => this.refreshCredential(cred), opts.refreshSkewMs),
      signedOutMessage: 'Signed out. Reconnect to sync this account again.',
      changed: (accountId) => this.changed(accountId),
      removed: (accountId) => this.emit({ type: 'account-removed', accountId }),
    });
    this.makeClient = opts.client ?? defaultClientFactory;
    const secrets = opts.secrets as Partial<SessionAwareSecretStore>;
    this.unsubscribeSecrets = secrets.onStatusChange?.((status) => this.emit({ type: 'keychain-status', status }));
  }

  // ---- sign-in ---------------------------------------------------------------------------

  /** The browser flow. Resolves once the user approved in the browser and the account is saved. */
  async signInWithOAuth(opts: { signal?: AbortSignal } = {}): Promise<AccountView> {
    const cred = await this.oauthCredential(opts.signal);
    return this.completeSignIn(cred, null);
  }

  /** A personal access token (a refresh token), exchanged without client credentials. */
  async signInWithPersonalToken(token: string): Promise<AccountView> {
    return this.completeSignIn(await this.personalCredential(token), null);
  }

  /** An organization token (`hsoat_…`): used as the bearer as is, never refreshed. */
  async signInWithOrganizationToken(token: string): Promise<AccountView> {
    return this.completeSignIn(this.organizationTokenCredential(token), null);
  }

  /** Signs the account in again (same Hubstaff user), keeping its organizations, settings and cached data. */
  async reconnect(accountId: string, method?: ReconnectMethod): Promise<AccountView> {
    const row = this.requireRow(accountId);
    const how = method ?? (row.authKind === 'oauth' ? { kind: 'oauth' as const } : undefined);
    if (!how) {
      throw new StintError('invalid_argument', `This account signed in with ${row.authKind === 'personal' ? 'a personal access token' : 'an organization token'}; paste a new one to reconnect.`);
    }
    let cred: StoredCredential;
    if (how.kind === 'oauth') cred = await this.oauthCredential();
    else if (how.kind === 'personal') cred = await this.personalCredential(how.token);
    else if (how.kind === 'organization') cred = this.organizationTokenCredential(how.token);
    else throw new StintError('invalid_argument', 'Unknown reconnect method.');
    return this.completeSignIn(cred, row);
  }

  /** Stops a browser sign-in that is waiting for its callback. */
  cancelSignIn(): void {
    this.pendingSignIn?.abort.abort();
  }

  // ---- organizations and settings --------------------------------------------------------

  /** The organizations the user can pick from (GET /v2/organizations). */
  async listOrganizations(accountId: string): Promise<OrganizationChoice[]> {
    this.requireRow(accountId);
    // Charged to the account's request budget, which the sync engines of every process share.
    const budget = new RequestBudget({ now: this.now, shared: { db: this.opts.db, accountId } });
    const orgs = await fetchOrganizations(this.makeClient(this.tokenProvider(accountId), this.config().apiUrl, budget));
    this.pickerNames.set(accountId, new Map(orgs.map((o) => [o.id, o.name])));
    return orgs;
  }

  /**
   * Saves the organizations to sync: IDs from the picker, or the manual text ("12345, 67890").
   * Invalid input is an `invalid_argument` and leaves the previous selection untouched.
   */
  selectOrganizations(accountId: string, selection: readonly number[] | string): AccountView {
    const ids = organizationSelection(selection);
    this.requireRow(accountId);
    const known = new Map(this.repo.organizations(accountId).map((o) => [o.id, o.name]));
    for (const [id, name] of this.pickerNames.get(accountId) ?? []) known.set(id, name);
    this.repo.setOrganizations(
      accountId,
      ids.map((id) => ({ id, name: known.get(id) ?? null })),
      this.isoNow(),
    );
    return this.changed(accountId);
  }

  updateSyncSettings(accountId: string, patch: Partial<SyncSettings>): AccountView {
    const row = this.requireRow(accountId);
    this.repo.setSyncSettings(accountId, mergeSyncSettings(row.sync, patch), this.isoNow());
    return this.changed(accountId);
  }

  // ---- status ----------------------------------------------------------------------------

  list(): AccountView[] {
    // The table also holds other providers' accounts (HubSpot), which have their own service.
    return this.repo.list().filter((r) => r.provider === PROVIDER).map((r) => this.view(r));
  }

  get(accountId: string): AccountView {
    return this.view(this.requireRow(accountId));
  }

  keychainStatus(): { available: boolean; message?: string } {
    return (this.opts.secrets as Partial<SessionAwareSecretStore>).status?.() ?? { available: true };
  }

  /**
   * Sync reports `connected`, `offline` or `error` here. `needs_reconnect` is sticky: only a
   * sign-in or reconnect clears it, so a stray success can never resume a revoked account.
   */
  setStatus(accountId: string, status: AccountStatus, message: string | null = null): AccountView {
    this.requireRow(accountId);
    this.lifecycle.setStatus(accountId, status, message);
    return this.get(accountId);
  }

  /** Subscribes to account and keychain changes. Returns the unsubscribe function. */
  onChange(listener: (e: AccountEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- sign-out --------------------------------------------------------------------------

  /**
   * Removes the account's tokens from the keychain (and memory). With `purgeCache` the account,
   * its selection and its cached provider data are deleted too; without it the account stays,
   * marked `needs_reconnect`, so its cached data and settings remain for a later reconnect.
   */
  async signOut(accountId: string, opts: { purgeCache?: boolean } = {}): Promise<void> {
    this.requireRow(accountId);
    await this.lifecycle.signOut(accountId, opts, () => this.pickerNames.delete(accountId));
  }

  /** Releases listeners; aborts a pending browser sign-in. */
  close(): void {
    this.cancelSignIn();
    this.unsubscribeSecrets?.();
    this.listeners.clear();
  }

  // ---- tokens ----------------------------------------------------------------------------

  /** The token provider for the Hubstaff client: one per account, shared by all its callers. */
  tokenProvider(accountId: string): AccessTokenProvider {
    return this.lifecycle.tokens(accountId);
  }

  // ---- internals -------------------------------------------------------------------------

  private config(): HubstaffAuthConfig {
    return resolveHubstaffAuthConfig(this.opts.db, this.opts.env ?? process.env, this.opts.config ?? {});
  }

  private discover(config: HubstaffAuthConfig) {
    return discoverIssuer(this.opts.db, config.accountUrl, { now: this.now, ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}) });
  }

  private async oauthCredential(signal?: AbortSignal): Promise<StoredCredential> {
    const config = this.config();
    oauthClient(config); // fails early, before a listener opens, when no client ID is configured
    // One browser sign-in at a time: a new one replaces one left waiting (its tab was closed).
    if (this.pendingSignIn) {
      this.pendingSignIn.abort.abort();
      // expected: the replaced sign-in's error (aborted) goes to its own caller
      await this.pendingSignIn.done.catch(() => {});
    }
    const abort = new AbortController();
    const onOuterAbort = (): void => abort.abort();
    if (signal?.aborted) abort.abort();
    signal?.addEventListener('abort', onOuterAbort, { once: true });
    const run = (async () => {
      const as = await this.discover(config);
      const res = await runBrowserSignIn({
        as,
        config,
        openExternal: this.opts.openExternal,
        signal: abort.signal,
        now: this.now,
        ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}),
      });
      return credentialFromTokenResponse('oauth', res, this.now());
    })();
    const pending = { abort, done: run };
    this.pendingSignIn = pending;
    try {
      return await run;
    } finally {
      signal?.removeEventListener('abort', onOuterAbort);
      if (this.pendingSignIn === pending) this.pendingSignIn = null;
    }
  }

  private async personalCredential(token: string): Promise<StoredCredential> {
    const pat = checkedToken(token, 'personal access token');
    if (pat.startsWith('hsoat_')) {
      throw new StintError('invalid_argument', 'This is an organization token (it starts with "hsoat_"); sign in with it as an organization token instead.');
    }
    const as = await this.discover(this.config());
    try {
      const res = await exchangePersonalAccessToken(as, pat, this.fetchImpl);
      return credentialFromTokenResponse('personal', res, this.now(), pat);
    } catch (e) {
      const err = tokenEndpointError(e, 'accept this personal access token');
      if (classifyTokenError(e).kind === 'rejected') {
        throw new StintError('auth_failed', 'Hubstaff rejected this personal access token: it may be expired, revoked or already used. Create a new one and try again; nothing was saved.');
      }
      throw err;
    }
  }

  private organizationTokenCredential(token: string): StoredCredential {
    const t = checkedToken(token, 'organization token');
    if (t.split('.').length === 3 && !t.startsWith('hsoat_')) {
      throw new StintError('invalid_argument', 'This looks like a personal access token, not an organization token ("hsoat_…"); sign in with it as a personal access token instead.');
    }
    return organizationCredential(t, this.now());
  }

  /**
   * Verifies the credential against the API (who is this?), then stores the token set in the
   * keychain and the account in SQLite. Nothing is stored when any step fails.
   */
  private async completeSignIn(cred: StoredCredential, expected: AccountRow | null): Promise<AccountView> {
    const config = this.config();
    let user;
    try {
      user = await fetchIdentity(config.apiUrl, cred.accessToken, this.makeClient);
    } catch (e) {
      if (e instanceof StintError && e.code === 'auth_failed') {
        // An organization token is the user's own; the others were issued moments ago.
        const message =
          cred.kind === 'organization'
            ? 'Hubstaff did not accept this organization token (it may be expired or revoked), so nothing was saved. Create a new one and try again.'
            : `Hubstaff signed you out right after signing in, so nothing was saved. ${expected ? 'Try Reconnect' : 'Try signing in again'}; if it keeps happening, copy the diagnostics (Settings › Accounts).`;
        throw new StintError('auth_failed', message, { cause: e });
      }
      throw e;
    }
    const accountId = `${PROVIDER}:${user.id}`;
    if (expected && expected.id !== accountId) {
      throw new StintError(
        'conflict',
        `That sign-in belongs to ${user.name || `Hubstaff user ${user.id}`}, not to ${expected.name || expected.id}. Reconnect with the same Hubstaff user; nothing was changed.`,
      );
    }
    await this.lifecycle.commitSignIn(accountId, cred, (now) =>
      this.repo.upsertConnected({ id: accountId, provider: PROVIDER, userId: String(user.id), name: user.name, email: user.email, authKind: cred.kind }, now),
    );
    return this.get(accountId);
  }

  private async refreshCredential(cred: StoredCredential): Promise<StoredCredential> {
    if (!cred.refreshToken || cred.kind === 'organization') throw new GrantRejectedError({ kind: 'rejected' });
    const config = this.config();
    const as = await this.discover(config);
    const { client, auth } = cred.kind === 'oauth' ? oauthClient(config) : personalTokenClient();
    try {
      const res = await refreshGrant(as, client, auth, cred.refreshToken, this.fetchImpl);
      return credentialFromTokenResponse(cred.kind, res, this.now(), cred.refreshToken);
    } catch (e) {
      const f = classifyTokenError(e);
      if (f.kind === 'rejected') throw new GrantRejectedError(f);
      // No cause: token-endpoint errors can carry response bodies (see tokenEndpointError).
      throw new StintError(f.kind === 'offline' ? 'offline' : 'unavailable', `Could not renew the Hubstaff sign-in: ${describeNetworkError(e)}.`);
    }
  }

  private requireRow(accountId: string): AccountRow {
    if (typeof accountId !== 'string' || !accountId) throw new StintError('invalid_argument', 'An account id is required.');
    const row = this.repo.get(accountId);
    if (!row || row.provider !== PROVIDER) throw new StintError('not_found', `No account ${accountId}.`);
    return row;
  }

  private view(row: AccountRow): AccountView {
    const secrets = this.opts.secrets as Partial<SessionAwareSecretStore>;
    return {
      id: row.id,
      provider: PROVIDER,
      userId: row.userId,
      name: row.name,
      email: row.email,
      authKind: row.authKind,
      status: row.status,
      statusMessage: row.statusMessage,
      sessionOnly: secrets.isSessionOnly?.(row.id) ?? false,
      organizations: this.repo.organizations(row.id),
      sync: row.sync,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  private changed(accountId: string): AccountView {
    const account = this.view(this.requireRow(accountId));
    this.emit({ type: 'account-changed', account });
    return account;
  }

  private emit(e: AccountEvent): void {
    emitEach(this.listeners, e, this.opts.log);
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}
