// Typed errors shared by every process. Main answers failures with `{ code, message }`
// so the renderer and the CLI can react to the kind of failure, not to message text.

export const ERROR_CODES = [
  'invalid_argument', // bad input: validation failed (IPC payload, CLI args, title, duration)
  'not_found', // an id that does not exist
  'conflict', // the operation does not fit the current state
  'database_newer', // the database was written by a newer Stint: refused, left untouched
  'database_invalid', // the file is not a Stint SQLite database: refused, left untouched
  'auth_revoked', // the grant is gone: the account needs reconnecting
  'auth_failed', // sign-in failed (wrong state, access denied, rejected token…)
  'forbidden_org', // 403: no access to this organization
  'missing_scopes', // 403: the token lacks a scope one stream needs; other streams go on
  'org_not_found', // 404: organization ID not found
  'bad_request', // 400 from an upstream API
  'rate_limited', // 429 after retries
  'unavailable', // 5xx, timeouts, resets after retries
  'offline', // the network is unreachable
  'keychain_unavailable', // the OS keychain is missing or locked
  'internal', // a bug: anything else
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  correlationId?: string;
  /** Field-level details, e.g. which argument failed validation. Never secrets. */
  details?: string[];
}

export class StintError extends Error {
  readonly code: ErrorCode;
  readonly correlationId: string | undefined;
  readonly details: string[] | undefined;

  constructor(code: ErrorCode, message: string, opts: { correlationId?: string; details?: string[]; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'StintError';
    this.code = code;
    this.correlationId = opts.correlationId;
    this.details = opts.details;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.correlationId) info.correlationId = this.correlationId;
    if (this.details?.length) info.details = this.details;
    return info;
  }
}

export function isStintError(e: unknown): e is StintError {
  return e instanceof StintError;
}

/** Turns anything thrown into an ErrorInfo safe to send across IPC (no stack, no secrets). */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isStintError(e)) return e.toInfo();
  return { code: 'internal', message: 'Unexpected error' };
}
