import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { SkippedRecord } from './schemas';
import {
  ActivitySchema,
  DailyActivitySchema,
  OrganizationSchema,
  ProjectSchema,
  TaskSchema,
  TimeOffPolicySchema,
  TimeOffRequestSchema,
  compiled,
  parseRecords,
} from './schemas';
import { httpGet } from './transport';

// An exchange is the part of a request that is pure work on bytes: one GET and, for a 2xx page
// of a known list kind, decoding it (JSON, then each record of the list through its schema).
// It runs either on this thread or on the exchange thread (exchangeThread.ts), with the same
// result; the request policy around it (budget, token, retries, typed errors) stays in http.ts.

/** Record kinds whose list pages can be decoded off the main thread, by name (a schema cannot cross threads). */
export const LIST_KINDS = {
  organization: OrganizationSchema,
  project: ProjectSchema,
  task: TaskSchema,
  activity: ActivitySchema,
  dailyActivity: DailyActivitySchema,
  timeOffRequest: TimeOffRequestSchema,
  timeOffPolicy: TimeOffPolicySchema,
} as const;
export type ListKind = keyof typeof LIST_KINDS;
export type ListRecord<K extends ListKind> = z.output<(typeof LIST_KINDS)[K]>;

const parsers = new Map<ListKind, z.ZodType>(Object.entries(LIST_KINDS).map(([kind, schema]) => [kind as ListKind, compiled(schema)]));

/** The compiled parser of a list kind. */
export function listParser<K extends ListKind>(kind: K): z.ZodType<ListRecord<K>> {
  return parsers.get(kind) as z.ZodType<ListRecord<K>>;
}

export interface ExchangeRequest {
  url: string;
  headers: Record<string, string>;
  /** Decode a 2xx body as a page whose list of `kind` records is under `key`; else the body comes back as bytes. */
  list?: { key: string; kind: ListKind };
}

/** A decoded list page: its records (the valid ones), the skipped ones, and the body without the list. */
export interface ListPage<T = unknown> {
  rest: Record<string, unknown>;
  records: T[];
  skipped: SkippedRecord[];
}

export type ExchangeResult =
  | { status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { status: number; headers: IncomingHttpHeaders; page: ListPage }
  /** A 2xx list page that is not JSON (`json`) or has no list where expected (`list`). */
  | { status: number; headers: IncomingHttpHeaders; malformed: 'json' | 'list' };

export type Exchange = (req: ExchangeRequest, signal: AbortSignal) => Promise<ExchangeResult>;

/** The exchange on the calling thread. */
export const exchangeHere: Exchange = async (req, signal) => decodeResponse(req, await httpGet(req.url, req.headers, signal));

/** Turns a response into an exchange result (decoding a 2xx list page). */
export function decodeResponse(req: ExchangeRequest, res: { status: number; headers: IncomingHttpHeaders; body: Buffer }): ExchangeResult {
  const { status, headers } = res;
  if (!req.list || status < 200 || status >= 300) return res;
  let json: unknown;
  try {
    json = parseJsonBody(res.body);
  } catch (e) {
    if (e instanceof SyntaxError) return { status, headers, malformed: 'json' };
    throw e;
  }
  const page = readListBody(json, req.list.key, (list) => parseRecords(listParser(req.list!.kind), list));
  return page ? { status, headers, page } : { status, headers, malformed: 'list' };
}

/** JSON from a body; a leading byte order mark is dropped (as fetch's `json()` does). Throws SyntaxError. */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
}

/** Turns a page's main list (and any side-loads in the body) into records. */
export type PageParser<T> = (list: unknown[], body: Record<string, unknown>) => { records: T[]; skipped: SkippedRecord[] };

/**
 * Reads a list page's body: the list under `key` through `parse` (absent or null reads as
 * empty), the rest of the body kept. Null when the body is not an object or the list is not an array.
 */
export function readListBody<T>(json: unknown, key: string, parse: PageParser<T>): ListPage<T> | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const { [key]: listValue, ...rest } = json as Record<string, unknown>;
  if (listValue !== undefined && listValue !== null && !Array.isArray(listValue)) return null;
  const { records, skipped } = parse((listValue ?? []) as unknown[], json as Record<string, unknown>);
  return { rest, records, skipped };
}

// ---- crossing threads ---------------------------------------------------------------------
// Structured clone rebuilds objects slowly (slower than JSON.parse of the whole page), so a
// decoded page crosses as one JSON array of the records' values in their schema's key order,
// and the records are rebuilt on arrival: this keeps the receiving thread's share small.

export interface PackedPage {
  rest: Record<string, unknown>;
  /** JSON of every record's values, record after record, in the kind's schema key order. */
  values: string;
  count: number;
  skipped: SkippedRecord[];
}

interface Codec {
  width: number;
  /** Appends each record's values to `out`. */
  flatten(records: readonly unknown[], out: unknown[]): void;
  /** Rebuilds `count` records from `values`. */
  rebuild(values: readonly unknown[], count: number): unknown[];
}

const codecs = new Map<ListKind, Codec>();

/**
 * A kind's record codec. z.object outputs exactly its shape's keys in shape order (unknown keys
 * stripped, optional ones null), so one fixed key list describes every record. The two loops are
 * generated for that list: a loop over the keys (`record[key]`) makes V8's property access
 * megamorphic, and cost about as much as parsing the page; fixed property names keep it cheap
 * and give every rebuilt record the same shape. The keys are our schemas' field names.
 */
function codecOf(kind: ListKind): Codec {
  let codec = codecs.get(kind);
  if (!codec) {
    const keys = Object.keys(LIST_KINDS[kind].shape).map((k) => JSON.stringify(k));
    const flatten = new Function('records', 'out', `for (const r of records) out.push(${keys.map((k) => `r[${k}]`).join(', ')});`);
    const rebuild = new Function(
      'values',
      'count',
      `const records = new Array(count);
       for (let i = 0, at = 0; i < count; i++, at += ${keys.length}) records[i] = { ${keys.map((k, j) => `${k}: values[at + ${j}]`).join(', ')} };
       return records;`,
    );
    codec = { width: keys.length, flatten: flatten as Codec['flatten'], rebuild: rebuild as Codec['rebuild'] };
    codecs.set(kind, codec);
  }
  return codec;
}

export function packPage(kind: ListKind, page: ListPage): PackedPage {
  const values: unknown[] = [];
  codecOf(kind).flatten(page.records, values);
  return { rest: page.rest, values: JSON.stringify(values), count: page.records.length, skipped: page.skipped };
}

export function unpackPage(kind: ListKind, packed: PackedPage): ListPage {
  const codec = codecOf(kind);
  const values = JSON.parse(packed.values) as unknown[];
  if (values.length !== packed.count * codec.width) throw new Error(`a packed ${kind} page does not match its record count`);
  return { rest: packed.rest, records: codec.rebuild(values, packed.count), skipped: packed.skipped };
}
