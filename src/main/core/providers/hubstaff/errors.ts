import type { ErrorCode } from '../../../../common/errors';
import { StintError } from '../../../../common/errors';

/** A failed Hubstaff request, with what the caller needs to react (never the token). */
export class HubstaffApiError extends StintError {
  /** HTTP status of the last response, or null when none arrived (timeout, reset, offline). */
  readonly status: number | null;
  /** Attempts made, the first included. */
  readonly attempts: number;
  /** For `rate_limited`: how long Hubstaff asked to wait, when it said. */
  readonly retryAfterMs: number | null;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { correlationId: string; status: number | null; attempts: number; retryAfterMs?: number | null; details?: string[]; cause?: unknown },
  ) {
    super(code, message, { correlationId: opts.correlationId, details: opts.details, cause: opts.cause });
    this.name = 'HubstaffApiError';
    this.status = opts.status;
    this.attempts = opts.attempts;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** The error for a status that is never retried (401 after the one token retry, 400, 403, 404, other 4xx). */
export function errorForStatus(status: number, serverMessage: string | null): { code: ErrorCode; message: string } {
  switch (status) {
    case 401:
      return { code: 'auth_revoked', message: 'Hubstaff no longer accepts this account’s sign-in; reconnect the account' };
    case 403:
      return { code: 'forbidden_org', message: 'No access to this organization' };
    case 404:
      return { code: 'org_not_found', message: 'Organization ID not found' };
    default:
      return { code: 'bad_request', message: serverMessage ? `Hubstaff rejected the request: ${serverMessage}` : `Hubstaff rejected the request (HTTP ${status})` };
  }
}

/** `error` (or `error_description`) from a Hubstaff error body, trimmed; null if there is none. */
export function serverErrorMessage(bodyText: string): string | null {
  try {
    const body = JSON.parse(bodyText) as unknown;
    if (body && typeof body === 'object') {
      const { error, error_description } = body as { error?: unknown; error_description?: unknown };
      const text = typeof error_description === 'string' ? error_description : typeof error === 'string' ? error : null;
      return text ? text.slice(0, 300) : null;
    }
  } catch {
    // expected: not JSON: no message
  }
  return null;
}
