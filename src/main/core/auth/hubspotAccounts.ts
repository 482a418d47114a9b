import { dirname } from 'node:path';
import { z } from 'zod';
import { isIsoDate } from '../../../common/dates';
import { StintError } from '../../../common/errors';
import type { Db } from '../db/database';
import { HubspotConnection } from '../providers/hubspot/adapter';
import type { HubspotClientOptions } from '../providers/hubspot/client';
import type { HubspotAccountDetails, HubspotOwner } from '../providers/hubspot/schemas';
import { HubspotClient } from '../providers/hubspot/client';
import { HubspotApiError } from '../providers/hubspot/errors';
import { HUBSPOT_API_URL, HubspotOAuthTokens } from '../providers/hubspot/oauth';
import type { HubspotAccessTokenProvider, HubspotAuth } from '../providers/hubspot/tokens';
import type { SecretStore } from '../secrets/secretStore';
import { checkedToken, emitEach, refreshLockFile, signOutAccount } from './accountLifecycle';
import { AccountsRepo } from './accountsRepo';
import { withRefreshLock, type RefreshLockOptions } from './refreshLock';
import type { Env } from './config';
import type { AccountStatus } from './types';
import { systemClock } from '../../../common/clock';

// HubSpot accounts: a private app token or an OAuth refresh token (with the app's client id and
// secret), verified against HubSpot at sign-in, where the portal becomes the account's one
// organization and the signed-in person's owner record its user. Tokens go to the keychain
// only (one JSON entry per account id); the accounts table keeps who and which portal. A
// reconnect swaps the credential in place after the same check, for the same portal and owner.

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

const StoredSchema = z.discriminatedUnion('kind', [
  z.object({ v: z.literal(1), kind: z.literal('private_app'), token: z.string().min(1) }),
  z.object({
    v: z.literal(1),
    kind: z.literal('oauth'),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    refreshToken: z.string().min(1),
    accessToken: z.string().min(1).optional(),
    expiresAt: z.number().optional(),
    obtainedAt: z.number().optional(),
  }),
]);
type StoredHubspotCredential = z.output<typeof StoredSchema>;

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
}

const revokedError = (): StintError => new StintError('auth_revoked', 'HubSpot no longer accepts this connection’s sign-in. Reconnect HubSpot.');

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
  /** Per account: bumped by a sign-out (and when it ends), so a client from before hands nothing out. */
  private readonly epochs = new Map<string, number>();
  /** Per account: set while a sign-out swaps the credential; token callers wait for it. */
  private readonly switching = new Map<string, Promise<void>>();
  private readonly lockDir: string;

  constructor(private readonly opts: HubspotAccountsOptions) {
    this.repo = new AccountsRepo(opts.db);
    this.now = opts.now ?? systemClock.nowMs;
    this.lockDir = opts.lockDir ?? dirname(opts.db.name);
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
    return this.completeSignIn(this.prepare({ kind: 'private_app', token }), opts.email ?? null, null);
  }

  /** An OAuth connection: the app's client id and secret and a refresh token. */
  async signInWithOAuth(input: HubspotOAuthInput, opts: { email?: string | null } = {}): Promise<HubspotAccountView> {
    return this.completeSignIn(this.prepare({ kind: 'oauth', clientId: input.clientId, clientSecret: input.clientSecret, refreshToken: input.refreshToken }), opts.email ?? null, null);
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
    return this.completeSignIn(this.prepare(method), method.email ?? null, row);
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
    const row = this.requireRow(accountId);
    // The first reason given stays (e.g. the refused renewal, not the run's later echo of it),
    // so the notification, the banner and Settings say the same thing.
    if (row.status === 'needs_reconnect') return this.view(row);
    if (this.repo.setStatus(accountId, status, message, this.isoNow())) return this.changed(accountId);
    return this.view(row);
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
   * Removes the tokens; with `purgeCache` the account and its sidebar items too. Like Hubstaff's:
   * an OAuth refresh in flight saves nothing and hands out nothing, and the keychain entry is
   * deleted under the account's refresh lock (after a rotated pair is written, never before).
   */
  async signOut(accountId: string, opts: { purgeCache?: boolean } = {}): Promise<void> {
    this.requireRow(accountId);
    await signOutAccount(accountId, opts, {
      db: this.opts.db,
      repo: this.repo,
      secrets: this.opts.secrets,
      lockFile: refreshLockFile(this.lockDir, accountId),
      lockOptions: this.opts.lockOptions,
      isoNow: () => this.isoNow(),
      message: 'Signed out. Sign in to HubSpot again to sync this account.',
      suspend: () => this.suspend(accountId, true),
      forget: () => this.clients.delete(accountId),
      notify: (purged) => {
        if (!purged) this.changed(accountId);
      },
    });
  }

  /**
   * Until the returned function is called, the account's clients wait and write nothing; the
   * cached client is dropped. With `endSession` (sign-out) clients made before hand out nothing
   * ever again; without it (a reconnect) a run still holding one may finish, writing nothing.
   */
  private suspend(accountId: string, endSession: boolean): () => void {
    if (endSession) this.epochs.set(accountId, this.epoch(accountId) + 1);
    this.clients.delete(accountId);
    let done!: () => void;
    const p = new Promise<void>((r) => (done = r));
    this.switching.set(accountId, p);
    return () => {
      if (this.switching.get(accountId) === p) this.switching.delete(accountId);
      if (endSession) this.epochs.set(accountId, this.epoch(accountId) + 1);
      done();
    };
  }

  private epoch(accountId: string): number {
    return this.epochs.get(accountId) ?? 0;
  }

  // ---- connections -----------------------------------------------------------------------

  /** The account's API client, built from the keychain entry (reused across runs). */
  async client(accountId: string): Promise<HubspotClient> {
    this.requireRow(accountId);
    const cached = this.clients.get(accountId);
    if (cached) return cached;
    const stored = parseStored(await this.opts.secrets.get(accountId));
    if (!stored) {
      this.setStatus(accountId, 'needs_reconnect', 'Stint no longer has this HubSpot sign-in; sign in to HubSpot again.');
      throw new StintError('auth_revoked', 'Stint no longer has this HubSpot sign-in; sign in to HubSpot again.');
    }
    let client: HubspotClient;
    // A client replaced by a reconnect may still finish a run: it must not overwrite the new
    // credential in the keychain, nor park the account the new one just connected.
    const current = (): boolean => this.clients.get(accountId) === client;
    if (stored.kind === 'private_app') {
      client = this.newClient({ kind: 'private_app', token: stored.token });
    } else {
      const { clientId, clientSecret } = stored;
      const epoch = this.epoch(accountId);
      // Signed out since this client was made: it hands out nothing and writes nothing.
      const alive = (): boolean => this.epoch(accountId) === epoch && this.repo.status(accountId) !== 'needs_reconnect';
      const lockFile = refreshLockFile(this.lockDir, accountId);
      const tokens = new HubspotOAuthTokens({
        config: { clientId, clientSecret, baseUrl: this.apiUrl },
        credential: stored,
        ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
        now: this.now,
        // The new token set is in the keychain before it is used, so a crash loses nothing; it is
        // written under the refresh lock, so a sign-out's delete comes after it, never before.
        onRotate: async (c) => {
          await withRefreshLock(
            lockFile,
            async () => {
              if (!alive()) throw revokedError();
              if (!current()) return; // replaced by a reconnect: its credential stays
              await this.opts.secrets.set(accountId, JSON.stringify({ v: 1, kind: 'oauth', clientId, clientSecret, ...c } satisfies StoredHubspotCredential));
            },
            this.opts.lockOptions,
          );
        },
        onRevoked: () => {
          if (current()) this.setStatus(accountId, 'needs_reconnect', 'HubSpot refused to renew this sign-in. Reconnect HubSpot.');
        },
      });
      client = this.newClient({ kind: 'oauth', tokens: this.guarded(accountId, tokens, alive) });
    }
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

  /** The token provider a client uses: waits out a sign-out, and hands out nothing once `live()` is false. */
  private guarded(accountId: string, tokens: HubspotAccessTokenProvider, live: () => boolean): HubspotAccessTokenProvider {
    const settle = async (): Promise<void> => {
      for (let p = this.switching.get(accountId); p; p = this.switching.get(accountId)) await p;
    };
    return {
      getAccessToken: async () => {
        await settle();
        if (!live()) throw revokedError();
        const token = await tokens.getAccessToken();
        if (!live()) throw revokedError();
        return token;
      },
      onUnauthorized: async (rejected) => {
        await settle();
        if (!live()) return null;
        const next = await tokens.onUnauthorized(rejected);
        return live() ? next : null;
      },
    };
  }

  private newClient(auth: HubspotAuth): HubspotClient {
    return new HubspotClient({ ...this.opts.client, auth, baseUrl: this.apiUrl, ...(this.opts.now && !this.opts.client?.now ? { now: this.opts.now } : {}) });
  }

  /** A client to verify a new credential with, and what the keychain will hold once HubSpot accepts it. */
  private prepare(method: { kind: 'private_app'; token: string } | ({ kind: 'oauth' } & HubspotOAuthInput)): PreparedCredential {
    if (method.kind === 'private_app') {
      const token = checkedToken(method.token, 'HubSpot private app token');
      const initial: StoredHubspotCredential = { v: 1, kind: 'private_app', token };
      return { client: this.newClient({ kind: 'private_app', token }), initial, final: () => initial };
    }
    const clientId = checkedToken(method.clientId, 'HubSpot client id');
    const clientSecret = checkedToken(method.clientSecret, 'HubSpot client secret');
    const refreshToken = checkedToken(method.refreshToken, 'HubSpot refresh token');
    const tokens = new HubspotOAuthTokens({
      config: { clientId, clientSecret, baseUrl: this.apiUrl },
      credential: { refreshToken },
      ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
      now: this.now,
    });
    const initial: StoredHubspotCredential = { v: 1, kind: 'oauth', clientId, clientSecret, refreshToken };
    return {
      client: this.newClient({ kind: 'oauth', tokens }),
      initial,
      // The verification refreshed once: keep the token set it got, not just the refresh token.
      final: () => {
        const c = tokens.credential();
        return c ? { v: 1, kind: 'oauth', clientId, clientSecret, ...c } : initial;
      },
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
    const { client, initial } = prepared;
    const { portal, owner } = await this.identify(client, initial.kind, email);
    const portalId = String(portal.portalId);
    const accountId = `${PROVIDER}:${portalId}:${owner.id}`;
    const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email || `HubSpot owner ${owner.id}`;
    if (expected && accountId !== expected.id) throw mismatch(this.view(expected), portalId, portal.uiDomain, name);
    // A refresh of the old sign-in still in flight saves nothing and hands out nothing; the new
    // entry is written under the account's refresh lock, after any rotated pair is saved.
    const resume = this.suspend(accountId, false);
    try {
      await withRefreshLock(refreshLockFile(this.lockDir, accountId), () => this.writeSignIn(accountId, prepared, owner, name, portal), this.opts.lockOptions);
    } finally {
      resume();
    }
    // The next sync builds its client from the keychain entry just written, with the callbacks
    // that keep a rotated token set there; a client cached before (a revoked token) is dropped.
    this.clients.delete(accountId);
    return this.changed(accountId);
  }

  private async writeSignIn(accountId: string, prepared: PreparedCredential, owner: HubspotOwner, name: string, portal: HubspotAccountDetails): Promise<void> {
    const { initial } = prepared;
    // Signing in again to an account that exists replaces its entry: a failed row write puts it back.
    const previous = await this.opts.secrets.get(accountId);
    await this.opts.secrets.set(accountId, JSON.stringify(prepared.final()));
    try {
      const now = this.isoNow();
      this.opts.db.transaction(() => {
        this.opts.db
          .prepare(
            `INSERT INTO accounts (id, provider, user_id, name, email, auth_kind, status, status_message, created_at, updated_at)
             VALUES (@id, @provider, @userId, @name, @email, @authKind, 'connected', NULL, @now, @now)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, auth_kind = excluded.auth_kind,
               status = 'connected', status_message = NULL, updated_at = excluded.updated_at`,
          )
          .run({ id: accountId, provider: PROVIDER, userId: owner.id, name, email: owner.email, authKind: initial.kind, now });
        this.repo.setOrganizations(accountId, [{ id: portal.portalId, name: portal.uiDomain }], now);
      })();
    } catch (e) {
      if (previous !== null) await this.opts.secrets.set(accountId, previous).catch(() => undefined);
      else await this.opts.secrets.delete(accountId).catch(() => false);
      throw e;
    }
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
    emitEach(this.listeners, account);
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
  initial: StoredHubspotCredential;
  /** What the keychain keeps once verified (OAuth: the token set the verification obtained). */
  final: () => StoredHubspotCredential;
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

function parseStored(raw: string | null): StoredHubspotCredential | null {
  if (raw === null) return null;
  try {
    const parsed = StoredSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
