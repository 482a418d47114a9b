// Request parsing and response shapes shared by the account server and the API: array query
// parameters in all three spellings Hubstaff clients use, typed parameter readers that answer
// 400 like Grape does, and the error bodies of reference §2.

import type { IncomingMessage } from 'node:http';
import { parseDate, parseInstant } from './time';

/** What a handler returns; index.ts writes it (after any fault injection). */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body (serialized by the writer). */
  json?: unknown;
  /** Raw text body (used when json is absent). */
  text?: string;
  /** For list responses: the key of the main array (where bad-record faults are planted). */
  listKey?: string;
}

/** Hubstaff's `{code, error_code, error}` errors, with the legacy string codes the sim uses [?]. */
export const API_ERRORS = {
  invalid_params: { status: 400, code: 'invalid_params', error_code: 11001 },
  not_authorized: { status: 401, code: 'not_authorized', error_code: 10001 },
  forbidden: { status: 403, code: 'forbidden', error_code: 10003 },
  not_found: { status: 404, code: 'not_found', error_code: 12001 },
  rate_limited: { status: 429, code: 'rate_limit_exceeded', error_code: 13001 },
  // Write refusals. Hubstaff documents the refusals but not their status or codes [?]; these are
  // the simulator's choices [I], each within the Swagger's error_code ranges (see writes.ts):
  /** PUT /v2/tasks/{id} with a lock_version that is not the task's current one. */
  stale_lock_version: { status: 409, code: 'conflict', error_code: 12002 },
  /** A to-do (or project) that belongs to a third-party tool. */
  third_party: { status: 403, code: 'forbidden', error_code: 12003 },
  /** Manual time without a note in an organization with "Require reason" on. */
  note_required: { status: 400, code: 'invalid_params', error_code: 14001 },
  /** Manual time in an organization where it needs approval. */
  approval_required: { status: 403, code: 'forbidden', error_code: 14002 },
  /** A write with a token whose grant lacks hubstaff:write (only with requireWriteScope). */
  insufficient_scope: { status: 403, code: 'forbidden', error_code: 10004 },
  server_error: { status: 500, code: 'internal_server_error', error_code: 15001 },
  unavailable: { status: 503, code: 'service_unavailable', error_code: 15003 },
} as const;
export type ApiErrorKind = keyof typeof API_ERRORS;

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function apiErrorResponse(kind: ApiErrorKind, message: string, headers: Record<string, string> = {}): SimResponse {
  const e = API_ERRORS[kind];
  return { status: e.status, headers, json: { code: e.code, error_code: e.error_code, error: message } };
}

/** The OAuth-layer 401 for a bad, expired or revoked bearer token (no `code` field). */
export function invalidTokenResponse(description: string): SimResponse {
  return {
    status: 401,
    headers: { 'WWW-Authenticate': `Bearer realm="Hubstaff", error="invalid_token", error_description="${description}"` },
    json: { error: 'invalid_token', error_description: description },
  };
}

/** Query parameters with Grape-like readers. */
export class Query {
  constructor(readonly params: URLSearchParams) {}

  has(name: string): boolean {
    return this.params.has(name) || this.params.has(`${name}[]`);
  }

  string(name: string): string | undefined {
    const v = this.params.get(name);
    return v === null || v === '' ? undefined : v;
  }

  requiredString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw new ApiError('invalid_params', `${name} is missing`);
    return v;
  }

  int(name: string, opts: { min?: number; max?: number } = {}): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw new ApiError('invalid_params', `${name} is invalid`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min) throw new ApiError('invalid_params', `${name} must be at least ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw new ApiError('invalid_params', `${name} must be at most ${opts.max}`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new ApiError('invalid_params', `${name} is invalid`);
  }

  /** `x[]=1&x[]=2`, `x=1&x=2` and `x=1,2` all read as ['1', '2']; undefined when absent. */
  list(name: string): string[] | undefined {
    if (!this.has(name)) return undefined;
    const raw = [...this.params.getAll(`${name}[]`), ...this.params.getAll(name)];
    return raw
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }

  intList(name: string): Set<number> | null {
    const values = this.list(name);
    if (values === undefined) return null;
    const out = new Set<number>();
    for (const v of values) {
      if (!/^\d+$/.test(v)) throw new ApiError('invalid_params', `${name} is invalid`);
      out.add(Number(v));
    }
    return out;
  }

  enumList<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const values = this.list(name);
    if (values === undefined) return undefined;
    for (const v of values) if (!(allowed as readonly string[]).includes(v)) throw new ApiError('invalid_params', `${name} does not have a valid value`);
    return values as T[];
  }

  enumValue<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw new ApiError('invalid_params', `${name} does not have a valid value`);
    return v as T;
  }

  instant(name: string, required: true): number;
  instant(name: string, required?: false): number | undefined;
  instant(name: string, required = false): number | undefined {
    const v = required ? this.requiredString(name) : this.string(name);
    if (v === undefined) return undefined;
    const ms = parseInstant(v);
    if (Number.isNaN(ms)) throw new ApiError('invalid_params', `${name} is invalid`);
    return ms;
  }

  date(name: string): number {
    const v = this.requiredString(name);
    const ms = parseDate(v.slice(0, 10));
    if (Number.isNaN(ms) || (v.length > 10 && Number.isNaN(parseInstant(v)))) throw new ApiError('invalid_params', `${name} is invalid`);
    return ms;
  }

  /** A plain-object view for the request log: a repeated key maps to an array. */
  toRecord(): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of this.params) {
      const prev = out[k];
      if (prev === undefined) out[k] = v;
      else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return out;
  }
}

/** A JSON (or form) request body with Grape-like readers: "x is missing", "x is invalid". */
export class Body {
  constructor(readonly fields: Record<string, unknown>) {}

  /** Parses a request body; an empty body is `{}`. Malformed JSON throws SyntaxError (answered 400). */
  static parse(text: string, contentType: string): Body {
    if (text.trim() === '') return new Body({});
    if (/application\/x-www-form-urlencoded/i.test(contentType)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of new URLSearchParams(text)) {
        const key = k.endsWith('[]') ? k.slice(0, -2) : k;
        if (k.endsWith('[]')) out[key] = [...((out[key] as unknown[] | undefined) ?? []), v];
        else out[key] = v;
      }
      return new Body(out);
    }
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ApiError('invalid_params', 'The request body must be a JSON object');
    return new Body(parsed as Record<string, unknown>);
  }

  has(name: string): boolean {
    return this.fields[name] !== undefined;
  }

  private toInt(name: string, v: unknown): number {
    const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new ApiError('invalid_params', `${name} is invalid`);
    return n;
  }

  int(name: string, required: true): number;
  int(name: string, required?: false): number | undefined;
  int(name: string, required = false): number | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null || v === '') {
      if (required) throw new ApiError('invalid_params', `${name} is missing`);
      return undefined;
    }
    return this.toInt(name, v);
  }

  /** An integer, or null when sent as null; undefined when absent. */
  intOrNull(name: string): number | null | undefined {
    if (this.fields[name] === null) return null;
    return this.int(name);
  }

  intList(name: string): number[] | undefined {
    const v = this.fields[name];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new ApiError('invalid_params', `${name} is invalid`);
    return v.map((x) => this.toInt(name, x));
  }

  string(name: string): string | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new ApiError('invalid_params', `${name} is invalid`);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.fields[name];
    if (v === undefined || v === null) return undefined;
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    throw new ApiError('invalid_params', `${name} is invalid`);
  }

  /** A number, null ("Set to null to remove"), or undefined when absent. */
  numberOrNull(name: string): number | null | undefined {
    const v = this.fields[name];
    if (v === undefined) return undefined;
    if (v === null) return null;
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new ApiError('invalid_params', `${name} is invalid`);
    return n;
  }

  enumValue<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw new ApiError('invalid_params', `${name} does not have a valid value`);
    return v as T;
  }

  /** `[{"key": "…", "value": "…"}]` (the Swagger's task metadata) as a key → value map. */
  metadata(name: string): Record<string, string> | undefined {
    const v = this.fields[name];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new ApiError('invalid_params', `${name} is invalid`);
    const out: Record<string, string> = {};
    for (const item of v as unknown[]) {
      const o = item as { key?: unknown; value?: unknown } | null;
      if (!o || typeof o !== 'object' || typeof o.key !== 'string' || typeof o.value !== 'string') throw new ApiError('invalid_params', `${name} is invalid`);
      out[o.key] = o.value;
    }
    return out;
  }
}

const MAX_BODY = 1 << 20;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError('invalid_params', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
