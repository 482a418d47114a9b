// HubSpot's error bodies (reference §4.6): `{status:"error", message, correlationId, category,
// …}`, the OAuth token endpoint's `{status:"BAD_…", message}`, and the three 429 forms.

export interface HsResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body (serialized by the writer). */
  json?: unknown;
  /** Raw body with its content type (gateway errors are HTML). */
  text?: { body: string; contentType: string };
  /** For list and search bodies: the array where bad-record faults are planted. */
  listKey?: string;
}

export type ErrorCategory =
  | 'INVALID_AUTHENTICATION'
  | 'EXPIRED_AUTHENTICATION'
  | 'MISSING_SCOPES'
  | 'VALIDATION_ERROR'
  | 'OBJECT_NOT_FOUND'
  | 'RATE_LIMITS'
  | 'INTERNAL_ERROR';

/** A handler failure that becomes an error body. */
export class HsError extends Error {
  constructor(
    readonly status: number,
    readonly category: ErrorCategory,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const validation = (message: string, extra: Record<string, unknown> = {}): HsError => new HsError(400, 'VALIDATION_ERROR', message, extra);

export function errorResponse(e: HsError, correlationId: string, headers: Record<string, string> = {}): HsResponse {
  return { status: e.status, headers, json: { status: 'error', message: e.message, correlationId, category: e.category, ...e.extra } };
}

/** Captured wording for a missing or unknown bearer token [C3]. */
export const INVALID_AUTH_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

export function invalidAuthentication(): HsError {
  return new HsError(401, 'INVALID_AUTHENTICATION', INVALID_AUTH_MESSAGE);
}

/** The expired-token body, with its "expired N second(s) ago" message and `context` [C3]. */
export function expiredAuthentication(expiredAtMs: number, now: number): HsError {
  const ago = Math.max(0, Math.floor((now - expiredAtMs) / 1000));
  return new HsError(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${ago} second(s) ago.`, {
    context: { 'expire time': [new Date(expiredAtMs).toISOString()] },
  });
}

/** The 403 body naming the scopes the call needs [C3; `requiredGranularScopes` is the newer key]. */
export function missingScopes(required: readonly string[]): HsError {
  return new HsError(403, 'MISSING_SCOPES', "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.", {
    errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: [...required] } }],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });
}

export function notFound(message = 'resource not found'): HsError {
  return new HsError(404, 'OBJECT_NOT_FOUND', message);
}

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY' | 'SECONDLY';
export const RATE_LIMIT_POLICIES: readonly RateLimitPolicy[] = ['TEN_SECONDLY_ROLLING', 'DAILY', 'SECONDLY'];

/**
 * 429 bodies. TEN_SECONDLY_ROLLING and DAILY carry `policyName` (the SDK retries on it); the
 * search "secondly" limit has none, only its message [C3 P4/P7; the composite is I].
 */
export function rateLimitResponse(policy: RateLimitPolicy, correlationId: string, requestId: string, headers: Record<string, string> = {}): HsResponse {
  const json: Record<string, unknown> =
    policy === 'SECONDLY'
      ? { status: 'error', message: 'You have reached your secondly limit.', errorType: 'RATE_LIMIT', correlationId, category: 'RATE_LIMITS' }
      : {
          status: 'error',
          message: `You have reached your ${policy === 'DAILY' ? 'daily' : 'ten_secondly_rolling'} limit.`,
          errorType: 'RATE_LIMIT',
          correlationId,
          policyName: policy,
          requestId,
          category: 'RATE_LIMITS',
        };
  return { status: 429, headers, json };
}

/** OAuth token endpoint failures: `{status: "BAD_REFRESH_TOKEN", message}` and friends [C3]. */
export function tokenError(status: string, message: string, correlationId: string): HsResponse {
  return { status: 400, json: { status, message, correlationId, requestId: correlationId } };
}

export function serverError(status: number, correlationId: string): HsResponse {
  if (status === 502 || status === 504) {
    // Gateways answer with HTML, not JSON: a client must not choke on it.
    const title = status === 502 ? '502 Bad Gateway' : '504 Gateway Timeout';
    return { status, text: { body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, contentType: 'text/html' } };
  }
  const message = status === 503 ? 'Service Unavailable' : 'internal error';
  return { status, json: { status: 'error', message, correlationId, category: 'INTERNAL_ERROR' } };
}
