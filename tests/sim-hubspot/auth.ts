// Tokens (reference §4.1): private app tokens (`pat-na1-…`, static, no expiry), OAuth clients
// with authorization codes and refresh tokens, 30-minute access tokens, and the introspection
// endpoints that tie a token to a user.
//
// Which user a token belongs to: an OAuth access token answers `GET /oauth/v1/access-tokens/
// {token}` with `user` (email) and `user_id` [C, HubSpot's token-metadata doc]. A private app
// token belongs to the portal; `POST /oauth/v2/private-apps/get/access-token-info` names the
// super admin who created it (`userId`) [C3], which is not necessarily the person using Stint,
// so Stint asks for the user's email and looks the owner up with `GET /crm/v3/owners?email=`.
//
// Unknown [?] and easy to change: whether a refresh rotates the refresh token (option
// `rotateRefreshTokens`, default false: HubSpot's docs say to keep using the one you have).

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { HsResponse } from './envelopes';
import { HsError, expiredAuthentication, invalidAuthentication, notFound, tokenError } from './envelopes';
import type { HubspotWorld } from './seed';

export const ACCESS_TOKEN_LIFETIME_SEC = 1800;
/** Scopes a new private app or OAuth grant gets unless told otherwise. */
export const DEFAULT_SCOPES = ['crm.objects.contacts.read', 'crm.objects.owners.read', 'oauth'];

export interface ClientRegistration {
  clientId: string;
  clientSecret: string;
  redirectUris?: string[];
  /** Scopes granted on install (default DEFAULT_SCOPES). */
  scopes?: string[];
}

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export type Principal =
  | { kind: 'private_app'; token: string; appId: number; userId: number; scopes: string[] }
  | { kind: 'oauth'; token: string; appId: number; userId: number; scopes: string[]; grant: Grant };

interface PrivateApp {
  token: string;
  appId: number;
  userId: number;
  scopes: string[];
  revoked: boolean;
}

/** One install of an OAuth app by one user: its refresh token and the access tokens it issued. */
export interface Grant {
  id: number;
  clientId: string;
  appId: number;
  userId: number;
  scopes: string[];
  refreshToken: string;
  revoked: boolean;
}

interface AccessToken {
  token: string;
  grant: Grant;
  expiresAtMs: number;
  revoked: boolean;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  userId: number;
  scopes: string[];
  codeChallenge: string | null;
}

export interface AuthDeps {
  world: HubspotWorld;
  now: () => number;
  accessTokenLifetimeSec: number;
  rotateRefreshTokens: boolean;
}

export class TokenStore {
  private readonly privateApps = new Map<string, PrivateApp>();
  private readonly clients = new Map<string, ClientRegistration & { appId: number }>();
  private readonly grants: Grant[] = [];
  private readonly grantsByRefresh = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly codes = new Map<string, AuthCode>();
  private nextAppId = 2_000_001;
  rotateRefreshTokens: boolean;
  /** Calls to POST /oauth/v1/token by grant_type (bad requests included). */
  tokenCalls: Record<string, number> = {};

  constructor(private readonly d: AuthDeps) {
    this.rotateRefreshTokens = d.rotateRefreshTokens;
  }

  createPrivateApp(opts: { scopes?: string[]; userId?: number } = {}): { token: string; appId: number } {
    const userId = this.checkUser(opts.userId);
    const app: PrivateApp = { token: `pat-na1-${randomUUID()}`, appId: this.nextAppId++, userId, scopes: [...(opts.scopes ?? DEFAULT_SCOPES)], revoked: false };
    this.privateApps.set(app.token, app);
    return { token: app.token, appId: app.appId };
  }

  registerClient(c: ClientRegistration): { appId: number } {
    if (!c.clientId || !c.clientSecret) throw new Error('clientId and clientSecret are required');
    const existing = this.clients.get(c.clientId);
    const appId = existing?.appId ?? this.nextAppId++;
    this.clients.set(c.clientId, { ...c, appId });
    return { appId };
  }

  /** A code as if the user had approved the install page (redirect URI checked at exchange). */
  issueAuthorizationCode(opts: { clientId: string; redirectUri: string; userId?: number; scopes?: string[]; codeChallenge?: string }): string {
    const client = this.client(opts.clientId);
    const code = randomUUID();
    this.codes.set(code, {
      clientId: opts.clientId,
      redirectUri: opts.redirectUri,
      userId: this.checkUser(opts.userId),
      scopes: [...(opts.scopes ?? client.scopes ?? DEFAULT_SCOPES)],
      codeChallenge: opts.codeChallenge ?? null,
    });
    return code;
  }

  /** A grant and its first token pair, as after an install and code exchange. */
  issueTokens(opts: { clientId?: string; userId?: number; scopes?: string[] } = {}): TokenResponse {
    const clientId = opts.clientId ?? this.defaultClient();
    const client = this.client(clientId);
    const grant = this.newGrant(clientId, client.appId, this.checkUser(opts.userId), [...(opts.scopes ?? client.scopes ?? DEFAULT_SCOPES)]);
    return this.issueAccess(grant);
  }

  setScopes(token: string, scopes: string[]): void {
    const target = this.privateApps.get(token) ?? this.accessTokens.get(token)?.grant ?? this.grantsByRefresh.get(token);
    if (!target) throw new Error('unknown token');
    target.scopes = [...scopes];
  }

  /** Revokes a private app token, or a whole grant by its refresh or access token. */
  revoke(token: string): void {
    const app = this.privateApps.get(token);
    if (app) {
      app.revoked = true;
      return;
    }
    const grant = this.accessTokens.get(token)?.grant ?? this.grantsByRefresh.get(token);
    if (!grant) throw new Error('unknown token');
    grant.revoked = true;
  }

  /** Makes an OAuth access token expire now (a 401 EXPIRED_AUTHENTICATION from then on). */
  expire(accessToken: string): void {
    const at = this.accessTokens.get(accessToken);
    if (!at) throw new Error('unknown access token');
    at.expiresAtMs = Math.min(at.expiresAtMs, this.d.now());
  }

  listGrants(): Omit<Grant, 'refreshToken'>[] {
    return this.grants.map(({ refreshToken: _r, ...g }) => ({ ...g, scopes: [...g.scopes] }));
  }

  /** Who a bearer token is; a 401 body when there is none, it is unknown, revoked or expired. */
  authenticate(header: string | undefined): Principal {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m) throw invalidAuthentication();
    const token = m[1]!;
    const app = this.privateApps.get(token);
    if (app) {
      if (app.revoked) throw invalidAuthentication();
      return { kind: 'private_app', token, appId: app.appId, userId: app.userId, scopes: app.scopes };
    }
    const at = this.accessTokens.get(token);
    if (!at || at.revoked || at.grant.revoked) throw invalidAuthentication();
    const now = this.d.now();
    if (now >= at.expiresAtMs) throw expiredAuthentication(at.expiresAtMs, now);
    return { kind: 'oauth', token, appId: at.grant.appId, userId: at.grant.userId, scopes: at.grant.scopes, grant: at.grant };
  }

  /** POST /oauth/v1/token (form body). */
  token(form: URLSearchParams, correlationId: string): HsResponse {
    const grantType = form.get('grant_type') ?? '';
    this.tokenCalls[grantType] = (this.tokenCalls[grantType] ?? 0) + 1;
    const client = this.clients.get(form.get('client_id') ?? '');
    if (grantType !== 'refresh_token' && grantType !== 'authorization_code') {
      return tokenError('BAD_GRANT_TYPE', 'grant_type must be authorization_code or refresh_token', correlationId);
    }
    if (!client) return tokenError('BAD_CLIENT_ID', 'missing or unknown client_id', correlationId);
    if (form.get('client_secret') !== client.clientSecret) return tokenError('BAD_CLIENT_SECRET', 'missing or invalid client_secret', correlationId);

    if (grantType === 'refresh_token') {
      const grant = this.grantsByRefresh.get(form.get('refresh_token') ?? '');
      if (!grant || grant.revoked || grant.clientId !== client.clientId) return tokenError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token', correlationId);
      if (this.rotateRefreshTokens) {
        this.grantsByRefresh.delete(grant.refreshToken);
        grant.refreshToken = randomUUID();
        this.grantsByRefresh.set(grant.refreshToken, grant);
      }
      return { status: 200, json: this.issueAccess(grant) };
    }

    const code = this.codes.get(form.get('code') ?? '');
    if (!code || code.clientId !== client.clientId) return tokenError('BAD_AUTH_CODE', 'missing or unknown auth code', correlationId);
    if (form.get('redirect_uri') !== code.redirectUri) return tokenError('BAD_REDIRECT_URI', 'redirect_uri does not match the one the code was issued for', correlationId);
    if (code.codeChallenge !== null) {
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.codeChallenge) return tokenError('BAD_AUTH_CODE', 'code_verifier does not match', correlationId);
    }
    this.codes.delete(form.get('code') ?? ''); // single use
    const grant = this.newGrant(client.clientId, client.appId, code.userId, code.scopes);
    return { status: 200, json: this.issueAccess(grant) };
  }

  /** GET /oauth/v1/access-tokens/{token}: the token's metadata, its user included. */
  accessTokenInfo(token: string): HsResponse {
    const at = this.accessTokens.get(token);
    if (!at || at.revoked || at.grant.revoked) throw notFound('Token not found');
    const now = this.d.now();
    if (now >= at.expiresAtMs) throw expiredAuthentication(at.expiresAtMs, now);
    const user = this.d.world.owners.find((o) => o.userId === at.grant.userId);
    return {
      status: 200,
      json: {
        token,
        user: user?.email ?? null,
        hub_domain: this.d.world.portal.hubDomain,
        scopes: [...at.grant.scopes],
        hub_id: this.d.world.portal.hubId,
        app_id: at.grant.appId,
        expires_in: Math.floor((at.expiresAtMs - now) / 1000),
        user_id: at.grant.userId,
        token_type: 'access',
      },
    };
  }

  /** POST /oauth/v2/private-apps/get/access-token-info `{tokenKey}`. */
  privateAppTokenInfo(tokenKey: unknown): HsResponse {
    const app = typeof tokenKey === 'string' ? this.privateApps.get(tokenKey) : undefined;
    if (!app || app.revoked) throw new HsError(401, 'INVALID_AUTHENTICATION', 'The private app token is invalid');
    return { status: 200, json: { userId: app.userId, hubId: this.d.world.portal.hubId, appId: app.appId, scopes: [...app.scopes] } };
  }

  private newGrant(clientId: string, appId: number, userId: number, scopes: string[]): Grant {
    const grant: Grant = { id: this.grants.length + 1, clientId, appId, userId, scopes, refreshToken: randomUUID(), revoked: false };
    this.grants.push(grant);
    this.grantsByRefresh.set(grant.refreshToken, grant);
    return grant;
  }

  private issueAccess(grant: Grant): TokenResponse {
    // Opaque, about the length of real ones (clients must allow up to 300 characters).
    const token = `CK${randomBytes(72).toString('base64url')}`;
    const lifetime = this.d.accessTokenLifetimeSec;
    this.accessTokens.set(token, { token, grant, expiresAtMs: this.d.now() + lifetime * 1000, revoked: false });
    return { token_type: 'bearer', access_token: token, refresh_token: grant.refreshToken, expires_in: lifetime };
  }

  private client(clientId: string): ClientRegistration & { appId: number } {
    const c = this.clients.get(clientId);
    if (!c) throw new Error(`unknown client ${clientId}`);
    return c;
  }

  private defaultClient(): string {
    const first = this.clients.keys().next();
    if (first.done) throw new Error('no OAuth client registered');
    return first.value;
  }

  private checkUser(userId: number | undefined): number {
    const id = userId ?? this.d.world.me.userId;
    if (!this.d.world.owners.some((o) => o.userId === id)) throw new Error(`unknown user ${id}`);
    return id;
  }
}
