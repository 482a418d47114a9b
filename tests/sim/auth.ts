// The account server (reference §1): OIDC discovery, the authorization-code flow with PKCE
// (S256), state and nonce, the token endpoint with rotating refresh tokens, personal access
// tokens (a PAT is a 90-day refresh token), organization tokens (`hsoat_…`, used as is), and
// bearer checks for the API. Tokens are real RS256 JWTs signed with a key generated once per
// process, so /jwks.json verifies them.
//
// Choices where the sources are silent [I]: a reused or unknown refresh token answers 401
// invalid_grant (as the official CLI's mock does) while a bad authorization code answers 400
// invalid_grant (RFC 6749); refreshing an app grant needs client authentication, a PAT needs
// none; a refresh revokes the access token issued with the old refresh token (Doorkeeper's
// default), unless `revokeAccessTokenOnRefresh` is off.

import { createHash, createPrivateKey, generateKeyPair, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SimResponse } from './http-util';
import { apiErrorResponse, invalidTokenResponse } from './http-util';
import type { World } from './seed';

const DAY_S = 86_400;
export const PAT_LIFETIME_S = 90 * DAY_S;
const CODE_LIFETIME_S = 600;
const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'tasks:read', 'tasks:write', 'hubstaff:read', 'hubstaff:write'];
const PAT_SCOPE = 'openid hubstaff:read hubstaff:write';

export interface ClientRegistration {
  clientId: string;
  /** Omit for a public client (then only client_id is checked at the token endpoint). */
  clientSecret?: string;
  redirectUris: string[];
}

export interface Grant {
  id: number;
  userId: number;
  /** null for a personal access token. */
  clientId: string | null;
  scope: string;
  revoked: boolean;
}

export interface RefreshTokenInfo {
  token: string;
  grantId: number;
  userId: number;
  clientId: string | null;
  kind: 'pat' | 'oauth';
  used: boolean;
  revoked: boolean;
  expiresAt: number;
  issuedAt: number;
}

interface AccessRec {
  grantId: number;
  userId: number;
  expiresAt: number;
  revoked: boolean;
}

interface RefreshRec {
  grantId: number;
  expiresAt: number;
  issuedAt: number;
  used: boolean;
  /** The access token issued together with this refresh token. */
  accessToken: string | null;
}

interface OrgTokenRec {
  /** 1, 2, … in issue order (names the token in rate-limit usage without printing it). */
  serial: number;
  orgId: number;
  userId: number;
  expiresAt: number | null;
  revoked: boolean;
}

interface CodeRec {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  nonce: string;
  userId: number;
  expiresAt: number;
  used: boolean;
  grantId: number | null;
}

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  scope: string;
  id_token?: string;
}

/** Who a request acts as. Organization tokens are confined to their organization [I]. */
export interface Principal {
  userId: number;
  kind: 'oauth' | 'pat' | 'org';
  orgId: number | null;
  /**
   * What the hourly rate limit counts against: the OAuth application (`app:<client_id>`), or for
   * a personal access token its grant (`pat:<grant id>`, every token refreshed from it), or the
   * organization token itself (`org-token:<n>`).
   */
  rateKey: string;
  /** The grant's scopes; null for organization tokens (they act as their member, unscoped [I]). */
  scopes: string[] | null;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; response: SimResponse };

export interface AccountOptions {
  world: World;
  issuer: () => string;
  now: () => number;
  accessTokenLifetimeSec: number;
  refreshTokenLifetimeSec: number;
  autoApprove: boolean;
  revokeAccessTokenOnRefresh: boolean;
}

let keyPromise: Promise<{ privateKey: KeyObject; jwk: Record<string, unknown> }> | null = null;

/** One RSA key per process: generating it costs ~100 ms, so simulators share it. */
export function signingKey(): Promise<{ privateKey: KeyObject; jwk: Record<string, unknown> }> {
  keyPromise ??= promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then(({ privateKey, publicKey }) => ({
    privateKey: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })),
    jwk: { ...publicKey.export({ format: 'jwk' }), kid: 'default', alg: 'RS256', use: 'sig' },
  }));
  return keyPromise;
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');
const randomId = (bytes: number): string => randomBytes(bytes).toString('base64url');

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** Decodes a JWT payload without verifying it (tests and callers use this to read `exp`). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'Cache-Control': 'no-store', ...headers }, json: { error, error_description: description } };
}

export class AccountServer {
  clients = new Map<string, ClientRegistration>();
  grants = new Map<number, Grant>();
  /** Calls to POST /access_tokens by grant_type (failed ones included). */
  tokenCalls: Record<string, number> = {};
  autoApprove: boolean;
  /** The browser's signed-in user that /authorizations/new approves for (default: world.me). */
  authorizingUserId: number;

  private accessTokens = new Map<string, AccessRec>();
  private refreshTokens = new Map<string, RefreshRec>();
  private orgTokens = new Map<string, OrgTokenRec>();
  private codes = new Map<string, CodeRec>();
  private nextGrantId = 1;

  constructor(
    private readonly opts: AccountOptions,
    private readonly key: { privateKey: KeyObject; jwk: Record<string, unknown> },
  ) {
    this.autoApprove = opts.autoApprove;
    this.authorizingUserId = opts.world.me.id;
  }

  private nowS(): number {
    return Math.floor(this.opts.now() / 1000);
  }

  private jwt(payload: Record<string, unknown>): string {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: 'default' }));
    const body = b64url(JSON.stringify(payload));
    const sig = sign('sha256', Buffer.from(`${head}.${body}`), this.key.privateKey).toString('base64url');
    return `${head}.${body}.${sig}`;
  }

  private requireUser(userId: number): void {
    if (!this.opts.world.user(userId)) throw new Error(`unknown user ${userId}`);
  }

  registerClient(c: ClientRegistration): void {
    if (!c.clientId || !Array.isArray(c.redirectUris) || c.redirectUris.length === 0) throw new Error('registerClient needs clientId and redirectUris');
    this.clients.set(c.clientId, { ...c, redirectUris: [...c.redirectUris] });
  }

  private newGrant(userId: number, clientId: string | null, scope: string): Grant {
    const g: Grant = { id: this.nextGrantId++, userId, clientId, scope, revoked: false };
    this.grants.set(g.id, g);
    return g;
  }

  private newRefreshToken(grant: Grant, accessToken: string | null): string {
    const iat = this.nowS();
    const exp = iat + this.opts.refreshTokenLifetimeSec;
    const token = this.jwt({ jti: randomId(6), iss: this.opts.issuer(), exp, iat, scope: grant.scope, sub: String(grant.userId) });
    this.refreshTokens.set(token, { grantId: grant.id, expiresAt: exp * 1000, issuedAt: iat * 1000, used: false, accessToken });
    return token;
  }

  private newAccessToken(grant: Grant): { token: string; expiresIn: number } {
    const iat = this.nowS();
    const expiresIn = this.opts.accessTokenLifetimeSec;
    const token = this.jwt({ jti: randomId(6), iss: this.opts.issuer(), exp: iat + expiresIn, iat, scope: grant.scope, sub: String(grant.userId) });
    this.accessTokens.set(token, { grantId: grant.id, userId: grant.userId, expiresAt: (iat + expiresIn) * 1000, revoked: false });
    return { token, expiresIn };
  }

  private tokenPair(grant: Grant, nonce?: string): TokenResponse {
    const access = this.newAccessToken(grant);
    const out: TokenResponse = {
      access_token: access.token,
      refresh_token: this.newRefreshToken(grant, access.token),
      token_type: 'bearer',
      expires_in: access.expiresIn,
      scope: grant.scope,
    };
    if (grant.clientId !== null && grant.scope.split(' ').includes('openid')) {
      const user = this.opts.world.user(grant.userId);
      const iat = this.nowS();
      out.id_token = this.jwt({
        iss: this.opts.issuer(),
        sub: String(grant.userId),
        aud: grant.clientId,
        exp: iat + 3600,
        iat,
        auth_time: iat,
        ...(nonce === undefined ? {} : { nonce }),
        ...(user ? { name: user.name, email: user.email } : {}),
      });
    }
    return out;
  }

  /** A personal access token: the refresh token of a new 90-day grant with no client. */
  issuePersonalAccessToken(userId: number): string {
    this.requireUser(userId);
    const grant = this.newGrant(userId, null, PAT_SCOPE);
    const iat = this.nowS();
    const exp = iat + PAT_LIFETIME_S;
    const token = this.jwt({ jti: randomId(6), iss: this.opts.issuer(), exp, iat, scope: grant.scope, sub: String(userId) });
    this.refreshTokens.set(token, { grantId: grant.id, expiresAt: exp * 1000, issuedAt: iat * 1000, used: false, accessToken: null });
    return token;
  }

  /** An organization token, used as a bearer as is; never refreshed. */
  issueOrganizationToken(orgId: number, userId: number, expiresInDays: number | null = null): string {
    this.requireUser(userId);
    if (!this.opts.world.organization(orgId)) throw new Error(`unknown organization ${orgId}`);
    if (!this.opts.world.membership(orgId, userId)) throw new Error(`user ${userId} is not a member of organization ${orgId}`);
    const token = `hsoat_${randomBytes(24).toString('hex')}`;
    this.orgTokens.set(token, { serial: this.orgTokens.size + 1, orgId, userId, expiresAt: expiresInDays === null ? null : this.opts.now() + expiresInDays * DAY_S * 1000, revoked: false });
    return token;
  }

  /** A ready token pair, as if the user had gone through the browser flow (no HTTP). */
  issueTokenPair(userId: number, clientId: string | null = null): TokenResponse {
    this.requireUser(userId);
    if (clientId !== null && !this.clients.has(clientId)) throw new Error(`unknown client ${clientId}`);
    return this.tokenPair(this.newGrant(userId, clientId, clientId === null ? PAT_SCOPE : 'openid hubstaff:read'));
  }

  /** Revokes every grant of a user (number) or the grant behind a refresh/access token (string). */
  revokeGrant(target: number | string): number {
    let n = 0;
    const revoke = (g: Grant | undefined): void => {
      if (g && !g.revoked) {
        g.revoked = true;
        n++;
      }
    };
    if (typeof target === 'number') {
      for (const g of this.grants.values()) if (g.userId === target) revoke(g);
    } else {
      const grantId = this.refreshTokens.get(target)?.grantId ?? this.accessTokens.get(target)?.grantId;
      if (grantId !== undefined) revoke(this.grants.get(grantId));
      const org = this.orgTokens.get(target);
      if (org && !org.revoked) {
        org.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** Kills one access token (a server-side hiccup): its grant and refresh token stay good. */
  invalidateAccessToken(token: string): boolean {
    const rec = this.accessTokens.get(token);
    if (!rec || rec.revoked) return false;
    rec.revoked = true;
    return true;
  }

  listRefreshTokens(): RefreshTokenInfo[] {
    return [...this.refreshTokens].map(([token, r]) => {
      const g = this.grants.get(r.grantId) as Grant;
      return { token, grantId: g.id, userId: g.userId, clientId: g.clientId, kind: g.clientId === null ? 'pat' : 'oauth', used: r.used, revoked: g.revoked, expiresAt: r.expiresAt, issuedAt: r.issuedAt };
    });
  }

  /** Checks an API request's Authorization header. */
  authenticate(header: string | undefined): AuthResult {
    const m = header ? /^Bearer\s+(.*)$/i.exec(header.trim()) : null;
    if (!m) return { ok: false, response: apiErrorResponse('not_authorized', 'Unauthorized: missing access token') };
    const token = (m[1] ?? '').trim();
    if (token.startsWith('hsoat_')) {
      const rec = this.orgTokens.get(token);
      if (!rec) return { ok: false, response: invalidTokenResponse('The access token is invalid') };
      if (rec.revoked) return { ok: false, response: invalidTokenResponse('The access token was revoked') };
      if (rec.expiresAt !== null && rec.expiresAt <= this.opts.now()) return { ok: false, response: invalidTokenResponse('The access token expired') };
      return { ok: true, principal: { userId: rec.userId, kind: 'org', orgId: rec.orgId, rateKey: `org-token:${rec.serial}`, scopes: null } };
    }
    const rec = this.accessTokens.get(token);
    if (!rec) return { ok: false, response: invalidTokenResponse('The access token is invalid') };
    const grant = this.grants.get(rec.grantId);
    if (rec.revoked || !grant || grant.revoked) return { ok: false, response: invalidTokenResponse('The access token was revoked') };
    if (rec.expiresAt <= this.opts.now()) return { ok: false, response: invalidTokenResponse('The access token expired') };
    const rateKey = grant.clientId === null ? `pat:${grant.id}` : `app:${grant.clientId}`;
    return { ok: true, principal: { userId: rec.userId, kind: grant.clientId === null ? 'pat' : 'oauth', orgId: null, rateKey, scopes: grant.scope.split(' ').filter(Boolean) } };
  }

  discovery(): Record<string, unknown> {
    const iss = this.opts.issuer();
    return {
      issuer: iss,
      authorization_endpoint: `${iss}/authorizations/new`,
      jwks_uri: `${iss}/jwks.json`,
      response_types_supported: ['code'],
      subject_types_supported: ['public', 'pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint: `${iss}/access_tokens`,
      userinfo_endpoint: `${iss}/user_info`,
      scopes_supported: SUPPORTED_SCOPES,
      grant_types_supported: ['authorization_code', 'refresh_token'],
      request_object_signing_alg_values_supported: ['HS256', 'HS384', 'HS512'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      claims_supported: ['sub', 'iss', 'name', 'email'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  /** GET /authorizations/new: approves (or denies) at once, as a signed-in user would. */
  authorize(q: URLSearchParams): SimResponse {
    const clientId = q.get('client_id') ?? '';
    const client = this.clients.get(clientId);
    if (!client) return oauthError(400, 'invalid_client', 'Client authentication failed due to unknown client.');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!client.redirectUris.includes(redirectUri)) return oauthError(400, 'invalid_redirect_uri', 'The requested redirect uri is malformed or doesn\'t match client redirect URI.');
    const state = q.get('state');
    const back = (params: Record<string, string>): SimResponse => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      if (state) url.searchParams.set('state', state);
      return { status: 302, headers: { Location: url.toString(), 'Cache-Control': 'no-store' } };
    };
    const invalid = (description: string): SimResponse => back({ error: 'invalid_request', error_description: description });
    if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'The authorization server does not support this response type.' });
    if (!state) return invalid('Missing required parameter: state.');
    const nonce = q.get('nonce');
    if (!nonce) return invalid('Missing required parameter: nonce.');
    const challenge = q.get('code_challenge');
    if (!challenge) return invalid('Missing required parameter: code_challenge.');
    if (q.get('code_challenge_method') !== 'S256') return invalid('Invalid code_challenge_method: only S256 is supported.');
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return invalid('Invalid code_challenge.');
    const scope = (q.get('scope') ?? 'openid').split(/\s+/).filter(Boolean);
    if (scope.some((s) => !SUPPORTED_SCOPES.includes(s))) return back({ error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, or malformed.' });
    if (!this.autoApprove) return back({ error: 'access_denied', error_description: 'The resource owner or authorization server denied the request.' });
    const code = randomId(32);
    this.codes.set(code, {
      clientId,
      redirectUri,
      challenge,
      scope: scope.join(' '),
      nonce,
      userId: this.authorizingUserId,
      expiresAt: this.opts.now() + CODE_LIFETIME_S * 1000,
      used: false,
      grantId: null,
    });
    return back({ code });
  }

  /** POST /access_tokens. `form` merges the form body and the query string. */
  token(form: URLSearchParams, authorization: string | undefined): SimResponse {
    const grantType = form.get('grant_type') ?? '(none)';
    this.tokenCalls[grantType] = (this.tokenCalls[grantType] ?? 0) + 1;
    let basic: { id: string; secret: string } | null = null;
    if (authorization && /^Basic\s+/i.test(authorization)) {
      const decoded = Buffer.from(authorization.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
      const at = decoded.indexOf(':');
      if (at < 0) return oauthError(401, 'invalid_client', 'Client authentication failed.', { 'WWW-Authenticate': 'Basic realm="Hubstaff"' });
      basic = { id: decodeURIComponent(decoded.slice(0, at)), secret: decodeURIComponent(decoded.slice(at + 1)) };
    }
    const clientId = basic?.id ?? form.get('client_id');
    const clientSecret = basic?.secret ?? form.get('client_secret');
    const checkClient = (expected: string): SimResponse | null => {
      const c = this.clients.get(expected);
      if (!clientId || clientId !== expected || !c || (c.clientSecret !== undefined && c.clientSecret !== clientSecret)) {
        return oauthError(401, 'invalid_client', 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.', basic ? { 'WWW-Authenticate': 'Basic realm="Hubstaff"' } : {});
      }
      return null;
    };

    if (grantType === 'authorization_code') {
      const code = form.get('code');
      const redirectUri = form.get('redirect_uri');
      const verifier = form.get('code_verifier');
      if (!code || !redirectUri) return oauthError(400, 'invalid_request', 'Missing required parameter: code or redirect_uri.');
      const rec = this.codes.get(code);
      const bad = checkClient(clientId ?? '');
      if (bad) return bad;
      const invalidGrant = (d: string): SimResponse => oauthError(400, 'invalid_grant', d);
      if (!rec || rec.clientId !== clientId) return invalidGrant('The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.');
      if (rec.used) {
        // A replayed code: kill what it already produced (RFC 6749 §4.1.2).
        const issued = rec.grantId === null ? undefined : this.grants.get(rec.grantId);
        if (issued) issued.revoked = true;
        return invalidGrant('The authorization code has already been used.');
      }
      rec.used = true;
      if (rec.expiresAt <= this.opts.now()) return invalidGrant('The authorization code expired.');
      if (rec.redirectUri !== redirectUri) return invalidGrant('The redirect_uri does not match the authorization request.');
      if (!verifier) return oauthError(400, 'invalid_request', 'Missing required parameter: code_verifier.');
      if (s256(verifier) !== rec.challenge) return invalidGrant('The code_verifier does not match the code_challenge.');
      const grant = this.newGrant(rec.userId, clientId, rec.scope);
      rec.grantId = grant.id;
      return { status: 200, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' }, json: this.tokenPair(grant, rec.nonce) };
    }

    if (grantType === 'refresh_token') {
      const token = form.get('refresh_token');
      if (!token) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token.');
      const rec = this.refreshTokens.get(token);
      const grant = rec ? this.grants.get(rec.grantId) : undefined;
      const invalidGrant = (d: string): SimResponse => oauthError(401, 'invalid_grant', d);
      if (!rec || !grant) return invalidGrant('The refresh token is invalid.');
      if (grant.clientId !== null) {
        const bad = checkClient(grant.clientId);
        if (bad) return bad;
      }
      if (grant.revoked) return invalidGrant('The refresh token was revoked.');
      if (rec.used) return invalidGrant('The refresh token has already been used.');
      if (rec.expiresAt <= this.opts.now()) return invalidGrant('The refresh token expired.');
      rec.used = true;
      if (this.opts.revokeAccessTokenOnRefresh && rec.accessToken) {
        const old = this.accessTokens.get(rec.accessToken);
        if (old) old.revoked = true;
      }
      return { status: 200, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' }, json: this.tokenPair(grant) };
    }

    return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
  }

  /** GET /user_info. */
  userInfo(authorization: string | undefined): SimResponse {
    const auth = this.authenticate(authorization);
    if (!auth.ok) return auth.response.status === 401 && !authorization ? invalidTokenResponse('The access token is missing') : auth.response;
    const user = this.opts.world.user(auth.principal.userId);
    if (!user) return invalidTokenResponse('The access token is invalid');
    return { status: 200, json: { sub: String(user.id), name: user.name, email: user.email } };
  }

  jwks(): SimResponse {
    return { status: 200, json: { keys: [this.key.jwk] } };
  }
}
