import * as oauth from 'oauth4webapi';

/**
 * What a failed token-endpoint call means for the account:
 * - `rejected`: the server refused the grant (invalid_grant, 400/401/403): reconnect needed.
 * - `transient`: 5xx, 408, 429, a timeout or a reset: try again later, the grant is fine.
 * - `offline`: the host could not be reached at all.
 * - `invalid_response`: the server answered 200 with something that is not a token response.
 */
export type TokenFailureKind = 'rejected' | 'transient' | 'offline' | 'invalid_response';

export interface TokenFailure {
  kind: TokenFailureKind;
  status?: number;
  /** The OAuth `error` code when the server sent one (e.g. `invalid_grant`). Never a token. */
  error?: string;
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN']);

export function classifyTokenError(e: unknown): TokenFailure {
  if (e instanceof oauth.ResponseBodyError) return byStatus(e.status, e.error);
  if (e instanceof oauth.WWWAuthenticateChallengeError) return byStatus(e.status, e.cause[0]?.parameters.error);
  if (e instanceof oauth.OperationProcessingError) {
    const res = e.cause instanceof Response ? e.cause : undefined;
    if (res && res.status !== 200) return byStatus(res.status);
    return { kind: 'invalid_response' };
  }
  const code = networkCode(e);
  if (code && OFFLINE_CODES.has(code)) return { kind: 'offline' };
  return { kind: 'transient' };
}

function byStatus(status: number, error?: string): TokenFailure {
  const f: TokenFailure = { kind: 'transient', status };
  if (error) f.error = error;
  if (error === 'invalid_grant' || status === 400 || status === 401 || status === 403) f.kind = 'rejected';
  return f;
}

function networkCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A short, secret-free reason for a failed request, for user-facing messages. */
export function describeNetworkError(e: unknown): string {
  if (e instanceof oauth.ResponseBodyError) return `HTTP ${e.status} ${e.error}`;
  if (e instanceof oauth.WWWAuthenticateChallengeError) return `HTTP ${e.status}`;
  if (e instanceof oauth.OperationProcessingError) {
    if (e.cause instanceof Response) return `unexpected HTTP ${e.cause.status}`;
    return 'unexpected response';
  }
  if (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError')) return 'the request timed out';
  const code = networkCode(e);
  if (code && OFFLINE_CODES.has(code)) return `the server could not be reached (${code})`;
  if (code) return `network error (${code})`;
  return 'network error';
}
