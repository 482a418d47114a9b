import type { ErrorCode } from '../../../common/errors';
import { isStintError } from '../../../common/errors';

/** Exit codes of `stint` (issue 5): scripts branch on these, not on text. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  reconnect: 3,
  offline: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A command line the CLI cannot run: exit 2 with the reason. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Nothing to act on: no Hubstaff account yet, or it needs signing in again (exit 3). */
export class NeedsSignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NeedsSignInError';
  }
}

export function exitCodeForCode(code: ErrorCode): ExitCode {
  switch (code) {
    case 'invalid_argument':
      return EXIT.usage;
    case 'auth_revoked':
      return EXIT.reconnect;
    case 'offline':
      return EXIT.offline;
    default:
      return EXIT.error;
  }
}

export function exitCodeFor(e: unknown): ExitCode {
  if (e instanceof UsageError) return EXIT.usage;
  if (e instanceof NeedsSignInError) return EXIT.reconnect;
  if (isStintError(e)) return exitCodeForCode(e.code);
  return EXIT.error;
}

/** One line for stderr: the message, and the correlation id when there is one. */
export function failureLine(message: string, correlationId?: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  return `stint: ${text}${correlationId ? ` (correlation id ${correlationId})` : ''}`;
}

export function describeFailure(e: unknown): string {
  if (e instanceof UsageError || e instanceof NeedsSignInError) return failureLine(e.message);
  if (isStintError(e)) return failureLine(e.message, e.correlationId);
  return failureLine(`Unexpected error: ${e instanceof Error ? e.message : String(e)}`);
}
