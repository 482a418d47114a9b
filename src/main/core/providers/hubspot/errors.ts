import { z } from 'zod';
import type { ErrorCode } from '../../../../common/errors';
import { StintError } from '../../../../common/errors';

// HubSpot's error bodies (reference §4.6) and the typed error the client throws. The StintError
// code says how the caller reacts; `reason` says exactly what happened, for messages and tests.

export type HubspotErrorReason =
  /** A private app token was refused: the user must paste a new one (never retried). */
  | 'token_rejected'
  /** OAuth: the access token was refused and a refresh did not help, or the refresh was refused. */
  | 'reconnect_needed'
  | 'missing_scopes'
  | 'daily_limit'
  /** The burst or secondly limit was still hit after the allowed waits. */
  | 'rate_limit'
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'server'
  | 'network'
  | 'malformed'
  /** More results share one modification time than search can page through. */
  | 'search_cap';

export interface HubspotErrorOptions {
  reason: HubspotErrorReason;
  correlationId: string;
  status: number | null;
  /** HTTP requests made, the first included. */
  attempts: number;
  /** HubSpot's `category`, e.g. `MISSING_SCOPES`. */
  category?: string | null;
  /** `missing_scopes`: the scopes HubSpot says the call needs. */
  missingScopes?: string[];
  /** `daily_limit`: when the account's daily allowance comes back (ISO). */
  resetAt?: string | null;
  retryAfterMs?: number | null;
  details?: string[];
  cause?: unknown;
}

/** A failed HubSpot request, with what the caller needs to react (never a token). */
export class HubspotApiError extends StintError {
  readonly reason: HubspotErrorReason;
  readonly status: number | null;
  readonly attempts: number;
  readonly category: string | null;
  readonly missingScopes: string[];
  readonly resetAt: string | null;
  readonly retryAfterMs: number | null;

  constructor(code: ErrorCode, message: string, opts: HubspotErrorOptions) {
    super(code, message, { correlationId: opts.correlationId, details: opts.details, cause: opts.cause });
    this.name = 'HubspotApiError';
    this.reason = opts.reason;
    this.status = opts.status;
    this.attempts = opts.attempts;
    this.category = opts.category ?? null;
    this.missingScopes = opts.missingScopes ?? [];
    this.resetAt = opts.resetAt ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

const scopeList = z.array(z.string()).catch([]);
const EnvelopeSchema = z.looseObject({
  status: z.string().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  correlationId: z.string().optional().catch(undefined),
  category: z.string().optional().catch(undefined),
  subCategory: z.string().optional().catch(undefined),
  policyName: z.string().optional().catch(undefined),
  errorType: z.string().optional().catch(undefined),
  context: z.record(z.string(), z.unknown()).optional().catch(undefined),
  errors: z
    .array(z.looseObject({ message: z.string().optional().catch(undefined), context: z.record(z.string(), z.unknown()).optional().catch(undefined) }))
    .optional()
    .catch(undefined),
});

export type HubspotErrorEnvelope = z.output<typeof EnvelopeSchema>;

/** The error body, or null when it is not a JSON object (gateway HTML, empty bodies). */
export function parseErrorEnvelope(text: string): HubspotErrorEnvelope | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = EnvelopeSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Scopes a MISSING_SCOPES body names (`requiredGranularScopes`, or the older `requiredScopes`). */
export function missingScopesOf(env: HubspotErrorEnvelope | null): string[] {
  if (!env) return [];
  const found = new Set<string>();
  const contexts = [env.context, ...(env.errors ?? []).map((e) => e.context)];
  for (const ctx of contexts) {
    if (!ctx) continue;
    for (const key of ['requiredGranularScopes', 'requiredScopes']) for (const s of scopeList.parse(ctx[key])) found.add(s);
  }
  return [...found];
}

/** The search API's per-second 429, which has no policyName, only its message [C3 P4/P7]. */
export function isSecondlyLimit(env: HubspotErrorEnvelope | null): boolean {
  return env?.policyName === undefined && /secondly limit/i.test(env?.message ?? '');
}

/** HubSpot's message, trimmed for showing to a user; null when there is none. */
export function serverMessage(env: HubspotErrorEnvelope | null): string | null {
  const m = env?.message?.trim();
  return m ? m.slice(0, 300) : null;
}
