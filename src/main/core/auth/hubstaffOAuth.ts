import * as oauth from 'oauth4webapi';
import { systemClock } from '../../../common/clock';
import { StintError } from '../../../common/errors';
import type { HubstaffAuthConfig } from './config';
import { oauthRequestOptions } from './httpOptions';
import { startLoopbackListener, type CallbackVerdict } from './loopbackListener';
import { classifyTokenError, describeNetworkError } from './tokenErrors';

// The protocol work is oauth4webapi's; this module only decides which calls to make and turns
// their failures into clear, typed errors.

/** Opens a URL in the user's browser (Electron's shell.openExternal; tests follow it with fetch). */
export type OpenExternal = (url: string) => void | Promise<void>;

/** Personal access tokens are exchanged with no client authentication at all. */
const NO_CLIENT_AUTH: oauth.ClientAuth = () => {};
const PAT_CLIENT: oauth.Client = { client_id: 'stint-personal-access-token' };

export function oauthClient(config: HubstaffAuthConfig): { client: oauth.Client; auth: oauth.ClientAuth } {
  if (!config.clientId) {
    throw new StintError(
      'auth_failed',
      'Signing in with Hubstaff in the browser needs an OAuth app: set its client ID in Settings or STINT_HUBSTAFF_CLIENT_ID. ' +
        'A personal access token works without one.',
    );
  }
  return {
    client: { client_id: config.clientId },
    auth: config.clientSecret ? oauth.ClientSecretBasic(config.clientSecret) : oauth.None(),
  };
}

export interface BrowserSignInArgs {
  as: oauth.AuthorizationServer;
  config: HubstaffAuthConfig;
  openExternal: OpenExternal;
  signal?: AbortSignal;
  fetch?: typeof fetch;
  /** Stint's clock: the ID token's times are checked against it, not the machine's. */
  now?: () => number;
}

/**
 * Authorization code flow with PKCE (S256), `state` and `nonce`: opens the authorization page in
 * the browser, waits for the one redirect on the loopback listener, and exchanges the code.
 */
export async function runBrowserSignIn(args: BrowserSignInArgs): Promise<oauth.TokenEndpointResponse> {
  const { as, config } = args;
  const { client, auth } = oauthClient(config);
  // oauth4webapi reads the machine's clock; its skew setting moves that onto Stint's.
  if (args.now) client[oauth.clockSkew] = Math.round((args.now() - systemClock.nowMs()) / 1000);
  if (!as.authorization_endpoint) throw new StintError('unavailable', 'Hubstaff’s sign-in configuration names no authorization endpoint.');

  const codeVerifier = oauth.generateRandomCodeVerifier();
  const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();

  const listener = await startLoopbackListener({
    port: config.redirectPort,
    path: config.redirectPath,
    timeoutMs: config.callbackTimeoutMs,
    ...(args.signal ? { signal: args.signal } : {}),
    judge: (url) => judgeCallback(as, client, url, state),
  });
  try {
    const authorizationUrl = new URL(as.authorization_endpoint);
    const params = authorizationUrl.searchParams;
    params.set('client_id', client.client_id);
    params.set('response_type', 'code');
    params.set('redirect_uri', listener.redirectUri);
    params.set('scope', config.scope);
    params.set('state', state);
    params.set('nonce', nonce);
    params.set('code_challenge', codeChallenge);
    params.set('code_challenge_method', 'S256');

    try {
      await args.openExternal(authorizationUrl.href);
    } catch (e) {
      throw new StintError('auth_failed', 'Stint could not open the browser for signing in.', { cause: e });
    }
    const callbackParams = await listener.result;

    try {
      const res = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        auth,
        callbackParams,
        listener.redirectUri,
        codeVerifier,
        oauthRequestOptions(as.token_endpoint!, args.fetch),
      );
      return await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: nonce });
    } catch (e) {
      throw tokenEndpointError(e, 'exchange the sign-in code');
    }
  } finally {
    await listener.close();
  }
}

/** Checks the redirect (state, error, code) with oauth4webapi; its validated parameters go on to the code exchange. */
function judgeCallback(as: oauth.AuthorizationServer, client: oauth.Client, url: URL, state: string): CallbackVerdict<URLSearchParams> {
  try {
    const params = oauth.validateAuthResponse(as, client, url, state);
    if (!params.get('code')) {
      return { ok: false, error: new StintError('auth_failed', 'Hubstaff’s answer to the sign-in was incomplete (no authorization code), so nothing was saved. Try signing in again.') };
    }
    return { ok: true, value: params };
  } catch (e) {
    if (e instanceof oauth.AuthorizationResponseError) {
      const message =
        e.error === 'access_denied'
          ? 'Stint was not allowed on Hubstaff (access_denied), so nothing was saved. To connect, sign in again and choose Allow.'
          : `Hubstaff refused the sign-in (${e.error}); nothing was saved.`;
      return { ok: false, error: new StintError('auth_failed', message) };
    }
    return {
      ok: false,
      // No cause: it would carry the callback parameters, authorization code included.
      error: new StintError('auth_failed', 'That answer from the browser belongs to another sign-in attempt (state mismatch), so nothing was saved. Start signing in again and finish in the browser tab it opens.'),
    };
  }
}

/** Exchanges a personal access token (a refresh token) for a token pair, without client credentials. */
export async function exchangePersonalAccessToken(as: oauth.AuthorizationServer, pat: string, fetchImpl?: typeof fetch): Promise<oauth.TokenEndpointResponse> {
  return refreshGrant(as, PAT_CLIENT, NO_CLIENT_AUTH, pat, fetchImpl);
}

/** One `grant_type=refresh_token` call; throws the raw oauth4webapi/fetch error on failure. */
export async function refreshGrant(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  auth: oauth.ClientAuth,
  refreshToken: string,
  fetchImpl?: typeof fetch,
): Promise<oauth.TokenEndpointResponse> {
  const res = await oauth.refreshTokenGrantRequest(as, client, auth, refreshToken, oauthRequestOptions(as.token_endpoint!, fetchImpl));
  // Identity comes from the API, not from ID tokens minted on refresh; those are dropped unread
  // (a PAT has no client of ours to be their audience).
  return oauth.processRefreshTokenResponse(as, client, await withoutIdToken(res));
}

export function personalTokenClient(): { client: oauth.Client; auth: oauth.ClientAuth } {
  return { client: PAT_CLIENT, auth: NO_CLIENT_AUTH };
}

async function withoutIdToken(res: Response): Promise<Response> {
  if (res.status !== 200) return res;
  const text = await res.text();
  const headers = { 'content-type': res.headers.get('content-type') ?? 'application/octet-stream' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, { status: res.status, headers });
  }
  if (body && typeof body === 'object' && 'id_token' in body) delete (body as { id_token?: unknown }).id_token;
  return new Response(JSON.stringify(body), { status: res.status, headers });
}

/**
 * A token-endpoint failure during sign-in, as a clear auth error (nothing was stored). The raw
 * error is deliberately not kept as `cause`: oauth4webapi attaches response bodies to its errors,
 * and a malformed token response would carry tokens into whatever logs the error.
 */
export function tokenEndpointError(e: unknown, action: string): StintError {
  if (e instanceof StintError) return e;
  const f = classifyTokenError(e);
  switch (f.kind) {
    case 'rejected':
      return new StintError('auth_failed', `Hubstaff refused to ${action} (${f.error ?? `HTTP ${f.status}`}); nothing was saved.`);
    case 'offline':
      return new StintError('offline', `Could not reach Hubstaff to ${action}: ${describeNetworkError(e)}.`);
    case 'invalid_response':
      return new StintError('auth_failed', `Hubstaff’s answer could not be verified while trying to ${action}; nothing was saved.`);
    default:
      return new StintError('unavailable', `Hubstaff did not answer properly while trying to ${action}: ${describeNetworkError(e)}. Try again.`);
  }
}
