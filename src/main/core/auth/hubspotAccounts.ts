import { dirname } from 'node:path';
import { isIsoDate } from '../../../common/dates';
import { StintError } from '../../../common/errors';
import type { Db } from '../db/database';
import { HubspotConnection } from '../providers/hubspot/adapter';
import type { HubspotClientOptions } from '../providers/hubspot/client';
import type { HubspotAccountDetails, HubspotOwner } from '../providers/hubspot/schemas';
import { HubspotClient } from '../providers/hubspot/client';
import { HubspotApiError } from '../providers/hubspot/errors';
import { HUBSPOT_API_URL, refreshAccessToken } from '../providers/hubspot/oauth';
import { privateAppAuth, type HubspotAuth } from '../providers/hubspot/tokens';
import { staticTokenProvider } from '../providers/shared/accessTokens';
import type { SecretStore } from '../secrets/secretStore';
import { AccountLifecycle, checkedToken, emitEach } from './accountLifecycle';
import { AccountsRepo } from './accountsRepo';
import { hubspotCredentials, type StoredHubspotCredential } from './hubspotCredentials';
import type { ScopedLogger } from '../log/logger';
import type { RefreshLockOptions } from './refreshLock';
import type { Env } from './config';
import type { AccountStatus } from './types';
import { systemClock } from '../../../common/clock';

// HubSpot accounts: a private app token or an OAuth refresh token (with the app's client id and
// secret), verified against HubSpot at sign-in, where the portal becomes the account's one
// organization and the signed-in person's owner record its user. Tokens go to the keychain
// only (one JSON entry per account id; hubspotCredentials.ts); the accounts table keeps who and
// which portal. A reconnect swaps the credential in place after the same check, for the same
// portal and owner. Storing, refreshing, rotating, status and sign-out are the shared
// lifecycle's (accountLifecycle.ts), as for Hubstaff.

const PROVIDER = 'hubspot';

export type HubspotAuthKindName = HubspotAuth['kind'];

/** A HubSpot account as the UI and CLI see it. Holds no token. */
export interface HubspotAccountView {
  id: string;
  provider: 'hubspot';
  /** The owner id whose tasks fill the sidebar. */
  ownerId: string;
  name: string;
  email: string | null;
  authKind: HubspotAuthKindName;
  status: AccountStatus;
  statusMessage: string | null;
  portalId: string;
  portalName: string | null;
  lookbackMinutes: number;
  /** First day read on a first sync (`YYYY-MM-DD`), or null for HubSpot's epoch. */
  startDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HubspotOAuthInput {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/** A new credential for an existing account: of either kind, with the sign-in's optional email. */
export type HubspotReconnectMethod =
  | { kind: 'private_app'; token: string; email?: string | null }
  | ({ kind: 'oauth'; email?: string | null } & HubspotOAuthInput);

/** The per-account settings the UI and CLI may change. */
export interface HubspotSettingsPatch {
  lookbackMinutes?: number;
  /** First day whose changes are read (`YYYY-MM-DD`), or null for HubSpot's epoch. A change re-reads from it. */
  startDate?: string | null;
}

/** HubSpot's own beginning: no record is older (the default start date). */
const EARLIEST_START_DATE = '2006-06-01';

export interface HubspotAccountsOptions {
  db: Db;
  secrets: SecretStore;
  /** STINT_HUBSPOT_API_URL points the client at another API root (the simulator). */
  env?: Env;
  /** Wins over the environment (tests). */
  apiUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  /** Extra client options (retry policy, sleep, clock) for tests. */
  client?: Partial<Omit<HubspotClientOptions, 'auth' | 'baseUrl'>>;
  /** Where the per-account refresh lock files live (default: the database's folder). */
  lockDir?: string;
  lockOptions?: RefreshLockOptions;
  /** Where a failing change listener is reported. */
  log?: ScopedLogger;
}

interface Row {
  id: string;
  user_id: string;
  name: string;
  email: string | null;
  auth_kind: HubspotAuthKindName;
  status: AccountStatus;
  status_message: string | null;
  sync_start_date: string | null;
  lookback_minutes: number;
  created_at: string;
  updated_at: string;
}

export class HubspotAccounts {
  private readonly repo: AccountsRepo;
  private readonly now: () => number;
  /** One client per account, so its rate-limit state and OAuth tokens outlive a run. */
  private readonly clients = new Map<string, HubspotClient>();
  private readonly listeners = new Set<(account: HubspotAccountView) => void>();
  private readonly lifecycle: AccountLifecycle<StoredHubspotCredential>;

  constructor(private readonly opts: HubspotAccountsOptions) {
    this.repo = new AccountsRepo(opts.db);
    this.now = opts.now ?? systemClock.nowMs;
    this.lifecycle = new AccountLifecycle({
      db: opts.db,
      repo: this.repo,
      secrets: opts.secrets,
      lockDir: opts.lockDir ?? dirname(opts.db.name),
      lockOptions: opts.lockOptions,
      now: this.now,
      credentials: hubspotCredentials({ baseUrl: () => this.apiUrl, now: this.now, ...(opts.fetch ? { fetch: opts.fetch } : {}) }),
      signedOutMessage: 'Signed out. Sign in to HubSpot again to sync this account.',
      changed: (accountId) => this.changed(accountId),
      removed: () => {},
    });
  }

  get apiUrl(): string {
    return this.opts.apiUrl ?? this.opts.env?.STINT_HUBSPOT_API_URL ?? HUBSPOT_API_URL;
  }

  // ---- sign-in ---------------------------------------------------------------------------

  /**
   * A private app access token. Its owner is the person with `email`, or else the user who
   * created the private app. Nothing is stored unless HubSpot accepts the token.
   */
  async signInWithPrivateAppToken(token: string, opts: { email?: string | null } = {}): Promise<HubspotAccountView> {
    return this.completeSignIn(await this.prepare({ kind: 'private_app', token }), opts.email ?? null, null);
  }

  /** An OAuth connection: the app's client id and secret and a refresh token. */
  async signInWithOAuth(input: HubspotOAuthInput, opts: { email?: string | null } = {}): Promise<HubspotAccountView> {
    return this.completeSignIn(await this.prepare({ kind: 'oauth', clientId: input.clientId, clientSecret: input.clientSecret, refreshToken: input.refreshToken }), opts.email ?? null, null);
  }

  /**
   * Replaces an account's credential in place (after a revoked token or grant). The credential
   * is verified exactly as at sign-in and must lead to the same portal and owner; otherwise,
   * or if HubSpot refuses it, nothing changes. Cached tasks and settings stay; the account is
   * connected again and its change is emitted, so the sync engine polls it again.
   */
  async reconnect(accountId: string, method: HubspotReconnectMethod): Promise<HubspotAccountView> {
    const row = this.requireRow(accountId);
    if (!method || typeof method !== 'object' || (method.kind !== 'private_app' && method.kind !== 'oauth')) {
      throw new StintError('invalid_argument', 'Reconnect HubSpot with a private app token or an OAuth app.', { details: ['method'] });
    }
    return this.completeSignIn(await this.prepare(method), method.email ?? null, row);
  }

  // ---- accounts --------------------------------------------------------------------------

  list(): HubspotAccountView[] {
    const rows = this.opts.db.prepare('SELECT * FROM accounts WHERE provider = ? ORDER BY created_at, id').all(PROVIDER) as Row[];
    return rows.map((r) => this.view(r));
  }

  get(accountId: string): HubspotAccountView {
    return this.view(this.requireRow(accountId));
  }

  /** Like the Hubstaff accounts: `needs_reconnect`, and its reason, are sticky until a new sign-in. */
  setStatus(accountId: string, status: AccountStatus, message: string | null = null): HubspotAccountView {
    this.requireRow(accountId);
    this.lifecycle.setStatus(accountId, status, message);
    return this.get(accountId);
  }

  /** Applies the fields of `patch` that are present; an invalid one changes nothing. */
  updateSettings(accountId: string, patch: HubspotSettingsPatch): HubspotAccountView {
    this.requireRow(accountId);
    if (patch.startDate !== undefined) checkedStartDate(patch.startDate, this.now());
    if (patch.lookbackMinutes !== undefined) this.setLookbackMinutes(accountId, patch.lookbackMinutes);
    if (patch.startDate !== undefined) this.setStartDate(accountId, patch.startDate);
    return this.get(accountId);
  }

  /** The first day read; the next sync reads again from it (the stored cursor names the old one). */
  setStartDate(accountId: string, startDate: string | null): HubspotAccountView {
    this.requireRow(accountId);
    const value = checkedStartDate(startDate, this.now());
    this.opts.db.prepare('UPDATE accounts SET sync_start_date = ?, updated_at = ? WHERE id = ?').run(value, this.isoNow(), accountId);
    return this.changed(accountId);
  }

  setLookbackMinutes(accountId: string, minutes: number): HubspotAccountView {
    this.requireRow(accountId);
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 1440) {
      throw new StintError('invalid_argument', 'The lookback window is a whole number of minutes from 0 to 1440.', { details: ['lookbackMinutes'] });
    }
    this.opts.db.prepare('UPDATE accounts SET lookback_minutes = ?, updated_at = ? WHERE id = ?').run(minutes, this.isoNow(), accountId);
    return this.changed(accountId);
  }

  onChange(listener: (account: HubspotAccountView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Removes the tokens; with `purgeCache` the account and its sidebar items too. As for Hubstaff
   * (the same lifecycle): a refresh in flight saves nothing and hands out nothing, and the
   * keychain entry is deleted under the account's refresh lock (after a rotated pair is written).
   */
  async signOut(accountId: string, opts: { purgeCache?: boolean } = {}): Promise<void> {
    this.requireRow(accountId);
    await this.lifecycle.signOut(accountId, opts, () => this.clients.delete(accountId));
  }

  // ---- connections -----------------------------------------------------------------------

  /**
   * The account's API client (reused across runs, for its rate-limit state). Its bearer comes
   * from the account's token provider, which reads the keychain, renews and rotates.
   */
  async client(accountId: string): Promise<HubspotClient> {
    const row = this.requireRow(accountId);
    if (row.status === 'needs_reconnect') throw new StintError('auth_revoked', row.status_message ?? 'HubSpot no longer accepts this account’s sign-in. Reconnect the account.');
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const client = this.newClient({ kind: row.auth_kind, tokens: this.lifecycle.tokens(accountId) });
    this.clients.set(accountId, client);
    return client;
  }

  /**
   * Whether a connection still runs on the account's current credential: a run that started
   * before a reconnect must not report its outcome over the new sign-in's.
   */
  isCurrent(connection: HubspotConnection): boolean {
    return this.clients.get(connection.accountId) === connection.client;
  }

  /** The provider connection the sync runs against. */
  async connection(accountId: string): Promise<HubspotConnection> {
    const a = this.get(accountId);
    const client = await this.client(accountId);
    return new HubspotConnection({
      accountId,
      client,
      portalId: a.portalId,
      ownerId: a.ownerId,
      lookbackMinutes: a.lookbackMinutes,
      startDate: a.startDate ? `${a.startDate}T00:00:00Z` : null,
    });
  }

  // ---- internals -------------------------------------------------------------------------

  private newClient(auth: HubspotAuth): HubspotClient {
    return new HubspotClient({ ...this.opts.client, auth, baseUrl: this.apiUrl, ...(this.opts.now && !this.opts.client?.now ? { now: this.opts.now } : {}) });
  }

  /**
   * A client to verify a new credential with, and what the keychain will hold once HubSpot
   * accepts it. An OAuth refresh token is renewed once here (a refusal saves nothing), and the
   * keychain keeps the token set that renewal got.
   */
  private async prepare(method: { kind: 'private_app'; token: string } | ({ kind: 'oauth' } & HubspotOAuthInput)): Promise<PreparedCredential> {
    if (method.kind === 'private_app') {
      const token = checkedToken(method.token, 'HubSpot private app token');
      return { client: this.newClient(privateAppAuth(token)), cred: { v: 1, kind: 'private_app', token } };
    }
    const clientId = checkedToken(method.clientId, 'HubSpot client id');
    const clientSecret = checkedToken(method.clientSecret, 'HubSpot client secret');
    const refreshToken = checkedToken(method.refreshToken, 'HubSpot refresh token');
    let tokens;
    try {
      tokens = await refreshAccessToken({ clientId, clientSecret, baseUrl: this.apiUrl }, refreshToken, { now: this.now, ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}) });
    } catch (e) {
      if (e instanceof HubspotApiError && e.reason === 'reconnect_needed') {
        throw new StintError('auth_failed', 'HubSpot rejected this refresh token; nothing was saved. Check it and try again.', { cause: e, correlationId: e.correlationId });
      }
      throw e;
    }
    return {
      client: this.newClient({ kind: 'oauth', tokens: staticTokenProvider(tokens.accessToken) }),
      cred: { v: 1, kind: 'oauth', clientId, clientSecret, ...tokens },
    };
  }

  /** Asks HubSpot which portal and owner the credential stands for; a refusal saves nothing. */
  private async identify(client: HubspotClient, kind: HubspotAuthKindName, email: string | null): Promise<{ portal: HubspotAccountDetails; owner: HubspotOwner }> {
    try {
      const portal = await client.accountDetails();
      if (email?.trim() || client.authKind === 'oauth') return { portal, owner: (await client.resolveOwner({ email })).owner };
      // A private app token belongs to the portal: its creator is the person it signs in.
      const info = await client.privateAppTokenInfo();
      const owner = await client.ownerByUserId(info.userId);
      if (!owner) throw new StintError('not_found', `The private app's creator (HubSpot user ${info.userId}) is not an owner in this account; give your HubSpot email instead.`, { details: ['email'] });
      return { portal, owner };
    } catch (e) {
      if (e instanceof HubspotApiError && (e.reason === 'token_rejected' || e.reason === 'reconnect_needed')) {
        const what = kind === 'private_app' ? 'private app token' : 'refresh token';
        throw new StintError('auth_failed', `HubSpot rejected this ${what}; nothing was saved. Check it and try again.`, { cause: e, correlationId: e.correlationId });
      }
      throw e;
    }
  }

  /**
   * Verifies the credential, then writes the keychain entry and the account row. With
   * `expected` (a reconnect) the credential must lead to that account's portal and owner, or
   * nothing is written.
   */
  private async completeSignIn(prepared: PreparedCredential, email: string | null, expected: Row | null): Promise<HubspotAccountView> {
    const { client, cred } = prepared;
    const { portal, owner } = await this.identify(client, cred.kind, email);
    const portalId = String(portal.portalId);
    const accountId = `${PROVIDER}:${portalId}:${owner.id}`;
    const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email || `HubSpot owner ${owner.id}`;
    if (expected && accountId !== expected.id) throw mismatch(this.view(expected), portalId, portal.uiDomain, name);
    await this.lifecycle.commitSignIn(accountId, cred, (now) =>
      this.opts.db.transaction(() => {
        this.repo.upsertConnected({ id: accountId, provider: PROVIDER, userId: owner.id, name, email: owner.email, authKind: cred.kind }, now);
        this.repo.setOrganizations(accountId, [{ id: portal.portalId, name: portal.uiDomain }], now);
      })(),
    );
    // A run still holding the client from before (a revoked token) reports nothing over this
    // sign-in (isCurrent); the next sync makes a new one.
    this.clients.delete(accountId);
    return this.get(accountId);
  }

  private requireRow(accountId: string): Row {
    if (typeof accountId !== 'string' || !accountId) throw new StintError('invalid_argument', 'An account id is required.');
    const row = this.opts.db.prepare('SELECT * FROM accounts WHERE id = ? AND provider = ?').get(accountId, PROVIDER) as Row | undefined;
    if (!row) throw new StintError('not_found', `No HubSpot account ${accountId}.`);
    return row;
  }

  private view(r: Row): HubspotAccountView {
    const portal = this.repo.organizations(r.id)[0];
    return {
      id: r.id,
      provider: PROVIDER,
      ownerId: r.user_id,
      name: r.name,
      email: r.email,
      authKind: r.auth_kind,
      status: r.status,
      statusMessage: r.status_message,
      portalId: portal ? String(portal.id) : '',
      portalName: portal?.name ?? null,
      lookbackMinutes: r.lookback_minutes,
      startDate: r.sync_start_date,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  private changed(accountId: string): HubspotAccountView {
    const account = this.get(accountId);
    emitEach(this.listeners, account, this.opts.log);
    return account;
  }

  private isoNow(): string {
    return new Date(this.now()).toISOString();
  }
}

function checkedStartDate(startDate: string | null, nowMs: number): string | null {
  if (startDate === null) return null;
  // "Today" anywhere on Earth: a day ahead of UTC at most.
  const today = new Date(nowMs + 86_400_000).toISOString().slice(0, 10);
  if (typeof startDate !== 'string' || !isIsoDate(startDate) || startDate < EARLIEST_START_DATE || startDate > today) {
    throw new StintError('invalid_argument', `The start date is a day (YYYY-MM-DD) from ${EARLIEST_START_DATE} to today.`, { details: ['startDate'] });
  }
  // HubSpot's epoch itself is the default: store it as such.
  return startDate === EARLIEST_START_DATE ? null : startDate;
}

interface PreparedCredential {
  client: HubspotClient;
  /** What the keychain keeps once HubSpot accepts it. */
  cred: StoredHubspotCredential;
}

/** A reconnect whose credential leads to another portal or owner: refused, naming both. */
function mismatch(current: HubspotAccountView, portalId: string, portalName: string | null, ownerName: string): StintError {
  const portalOf = (name: string | null, id: string): string => (name ? `${name} (${id})` : id);
  const ours = `${current.name || current.email || `owner ${current.ownerId}`} in HubSpot portal ${portalOf(current.portalName, current.portalId)}`;
  if (portalId !== current.portalId) {
    return new StintError('conflict', `That credential is for HubSpot portal ${portalOf(portalName, portalId)}, not for ${ours}. Use one from the same portal; nothing was changed.`, {
      details: ['portal'],
    });
  }
  return new StintError('conflict', `That credential signs in ${ownerName}, not ${ours}. Reconnect as the same HubSpot user (or give their email); nothing was changed.`, {
    details: ['owner'],
  });
}
