// POST /crm/v3/objects/tasks/search (reference §4.4): filterGroups (filters AND-ed inside a
// group, groups OR-ed), one sort (object or string form), `query` over subject and body,
// `properties`, `limit` ≤ 200, `after` offsets with `paging.next.after` only while more remain,
// `total`, and the 10,000-result cap: asking for an offset at or past it is a 400.
//
// Best guesses, easy to change [I]: a string sort `"-prop"` sorts descending; a null sorts
// after every value (last ascending, first descending); ties go by id ascending; NEQ and
// NOT_IN match a task without the property; BETWEEN is inclusive; datetime filter values may be
// epoch-ms strings (documented) or ISO strings; only the first sort rule applies; a request
// body over 3,000 characters is a 400.

import type { PropertyType, TaskRec, TaskVersion } from './model';
import { TASK_PROPERTIES, TEXT_SEARCH_PROPERTIES, searchVersion, taskJson } from './model';
import { validation } from './envelopes';

export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 200;
export const SEARCH_RESULT_CAP = 10_000;
export const MAX_FILTER_GROUPS = 5;
export const MAX_FILTERS_PER_GROUP = 6;
export const MAX_FILTERS_TOTAL = 18;
export const MAX_SEARCH_REQUEST_CHARS = 3000;

export const OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;
export type Operator = (typeof OPERATORS)[number];

type Norm = number | string;

interface Filter {
  prop: string;
  type: PropertyType;
  op: Operator;
  value?: Norm;
  high?: Norm;
  /** IN / NOT_IN: normalized values (string properties keep them as sent: they must be lowercase). */
  values?: Norm[];
  token?: RegExp;
}

export interface Sort {
  prop: string;
  type: PropertyType;
  descending: boolean;
}

export interface ParsedSearch {
  groups: Filter[][];
  sort: Sort | null;
  terms: string[];
  properties: string[];
  limit: number;
  after: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function propertyType(name: unknown, where: string): { prop: string; type: PropertyType } {
  if (typeof name !== 'string' || name === '') throw validation(`${where}: propertyName is required`);
  const type = TASK_PROPERTIES[name];
  if (!type) throw validation(`${where}: Property "${name}" does not exist`, { subCategory: 'PROPERTY_DOESNT_EXIST' });
  return { prop: name, type };
}

/** A filter value, normalized for comparison; a value that does not fit the type is a 400. */
function filterValue(type: PropertyType, raw: unknown, where: string): Norm {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') throw validation(`${where}: a value is required`);
  const v = normalize(type, String(raw));
  if (v === null) throw validation(`${where}: "${String(raw)}" is not a valid ${type} value`);
  return v;
}

/** A property value (or filter value) for comparison; null when it is missing or unreadable. */
export function normalize(type: PropertyType, s: string | null | undefined): Norm | null {
  if (s === null || s === undefined || s === '') return null;
  switch (type) {
    case 'number': {
      const n = Number(s);
      return s.trim() !== '' && Number.isFinite(n) ? n : null;
    }
    case 'datetime': {
      const ms = /^-?\d+$/.test(s) ? Number(s) : Date.parse(s);
      return Number.isFinite(ms) ? ms : null;
    }
    case 'string':
      return s.toLowerCase();
    default:
      return s;
  }
}

// Versions never change once made (a change makes a new one), so their normalized values can
// be cached: parsing 10,000 dates per search made big searches slow.
const normCache = new WeakMap<TaskVersion, Map<string, Norm | null>>();

function propertyValue(v: TaskVersion, prop: string, type: PropertyType): Norm | null {
  // The two dates every sync filters and sorts on are kept as numbers on the version.
  if (prop === 'hs_lastmodifieddate') return v.modifiedMs;
  if (prop === 'hs_createdate') return v.createdMs;
  let cache = normCache.get(v);
  if (!cache) normCache.set(v, (cache = new Map()));
  let value = cache.get(prop);
  if (value === undefined) {
    value = normalize(type, v.props[prop]);
    cache.set(prop, value);
  }
  return value;
}

const compare = (a: Norm, b: Norm): number => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

function tokenPattern(raw: string): RegExp {
  const escaped = raw
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

const tokens = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');

function parseFilter(raw: unknown, where: string): Filter {
  if (!isObject(raw)) throw validation(`${where}: a filter must be an object`);
  const { prop, type } = propertyType(raw.propertyName, where);
  const op = raw.operator;
  if (typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) throw validation(`${where}: unknown operator ${JSON.stringify(op)}`);
  const f: Filter = { prop, type, op: op as Operator };
  switch (f.op) {
    case 'HAS_PROPERTY':
    case 'NOT_HAS_PROPERTY':
      break;
    case 'BETWEEN':
      f.value = filterValue(type, raw.value, where);
      if (raw.highValue === undefined) throw validation(`${where}: BETWEEN needs highValue`);
      f.high = filterValue(type, raw.highValue, where);
      break;
    case 'IN':
    case 'NOT_IN': {
      if (!Array.isArray(raw.values) || raw.values.length === 0) throw validation(`${where}: ${f.op} needs a non-empty values array`);
      f.values = raw.values.map((v, i) => (type === 'string' ? String(v) : filterValue(type, v, `${where}.values[${i}]`)));
      break;
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN':
      if (typeof raw.value !== 'string' || raw.value === '') throw validation(`${where}: ${f.op} needs a value`);
      f.token = tokenPattern(raw.value);
      break;
    default:
      f.value = filterValue(type, raw.value, where);
  }
  return f;
}

function parseSort(raw: unknown): Sort {
  if (typeof raw === 'string') {
    const descending = raw.startsWith('-');
    return { ...propertyType(descending ? raw.slice(1) : raw, 'sorts[0]'), descending };
  }
  if (!isObject(raw)) throw validation('sorts[0]: a sort must be a property name or {propertyName, direction}');
  const direction = raw.direction ?? 'ASCENDING';
  if (direction !== 'ASCENDING' && direction !== 'DESCENDING') throw validation(`sorts[0]: direction must be ASCENDING or DESCENDING`);
  return { ...propertyType(raw.propertyName, 'sorts[0]'), descending: direction === 'DESCENDING' };
}

function intField(raw: unknown, name: string, fallback: number): number {
  if (raw === undefined || raw === null) return fallback;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^\d+$/.test(text)) throw validation(`${name} must be a non-negative integer`);
  return Number(text);
}

/** Validates a search body like HubSpot does; every problem is a VALIDATION_ERROR. */
export function parseSearch(bodyText: string, cap = SEARCH_RESULT_CAP): ParsedSearch {
  if (bodyText.length > MAX_SEARCH_REQUEST_CHARS) throw validation(`The search request is ${bodyText.length} characters; the maximum is ${MAX_SEARCH_REQUEST_CHARS}`);
  let body: unknown;
  try {
    body = bodyText.trim() === '' ? {} : JSON.parse(bodyText);
  } catch {
    throw validation('Invalid input JSON on line 1');
  }
  if (!isObject(body)) throw validation('The request body must be a JSON object');

  const rawGroups = body.filterGroups ?? [];
  if (!Array.isArray(rawGroups)) throw validation('filterGroups must be an array');
  if (rawGroups.length > MAX_FILTER_GROUPS) throw validation(`Too many filter groups: ${rawGroups.length} (at most ${MAX_FILTER_GROUPS})`);
  let count = 0;
  const groups = rawGroups.map((g, gi) => {
    const filters = isObject(g) ? (g.filters ?? []) : null;
    if (!Array.isArray(filters)) throw validation(`filterGroups[${gi}].filters must be an array`);
    if (filters.length > MAX_FILTERS_PER_GROUP) throw validation(`Too many filters in filterGroups[${gi}]: ${filters.length} (at most ${MAX_FILTERS_PER_GROUP})`);
    count += filters.length;
    return filters.map((f, fi) => parseFilter(f, `filterGroups[${gi}].filters[${fi}]`));
  });
  if (count > MAX_FILTERS_TOTAL) throw validation(`Too many filters: ${count} (at most ${MAX_FILTERS_TOTAL})`);

  const rawSorts = body.sorts ?? [];
  if (!Array.isArray(rawSorts)) throw validation('sorts must be an array');
  // Only one sort rule applies; the rest are ignored [I].
  const sort = rawSorts.length > 0 ? parseSort(rawSorts[0]) : null;

  if (body.query !== undefined && body.query !== null && typeof body.query !== 'string') throw validation('query must be a string');
  const terms = typeof body.query === 'string' ? tokens(body.query) : [];

  const rawProps = body.properties ?? [];
  if (!Array.isArray(rawProps) || rawProps.some((p) => typeof p !== 'string')) throw validation('properties must be an array of strings');

  const limit = intField(body.limit, 'limit', DEFAULT_SEARCH_LIMIT);
  if (limit < 1 || limit > MAX_SEARCH_LIMIT) throw validation(`limit must be between 1 and ${MAX_SEARCH_LIMIT}`);
  const after = intField(body.after, 'after', 0);
  if (after >= cap) throw validation(`The search API cannot page past ${cap} results; narrow the query (for example by hs_lastmodifieddate) instead`);
  return { groups, sort, terms, properties: rawProps as string[], limit, after };
}

function matchFilter(f: Filter, v: TaskVersion): boolean {
  const raw = v.props[f.prop];
  const has = raw !== null && raw !== undefined && raw !== '';
  if (f.op === 'HAS_PROPERTY') return has;
  if (f.op === 'NOT_HAS_PROPERTY') return !has;
  if (f.op === 'CONTAINS_TOKEN' || f.op === 'NOT_CONTAINS_TOKEN') {
    const hit = has && tokens(raw).some((t) => f.token!.test(t));
    return f.op === 'CONTAINS_TOKEN' ? hit : !hit;
  }
  const pv = propertyValue(v, f.prop, f.type);
  if (f.op === 'IN' || f.op === 'NOT_IN') {
    const hit = pv !== null && f.values!.some((x) => compare(pv, x) === 0);
    return f.op === 'IN' ? hit : !hit;
  }
  if (pv === null) return f.op === 'NEQ';
  const c = compare(pv, f.value!);
  switch (f.op) {
    case 'EQ':
      return c === 0;
    case 'NEQ':
      return c !== 0;
    case 'LT':
      return c < 0;
    case 'LTE':
      return c <= 0;
    case 'GT':
      return c > 0;
    case 'GTE':
      return c >= 0;
    case 'BETWEEN':
      return c >= 0 && compare(pv, f.high!) <= 0;
    default:
      return false;
  }
}

function matchQuery(terms: string[], v: TaskVersion): boolean {
  if (terms.length === 0) return true;
  const words = TEXT_SEARCH_PROPERTIES.flatMap((p) => tokens(v.props[p] ?? ''));
  // Each term must start some word of the subject or body [I].
  return terms.every((t) => words.some((w) => w.startsWith(t)));
}

export function matches(q: ParsedSearch, v: TaskVersion): boolean {
  if (q.groups.length > 0 && !q.groups.some((g) => g.every((f) => matchFilter(f, v)))) return false;
  return matchQuery(q.terms, v);
}

/** Versions in the order a search with this sort returns them (ties by id ascending). */
export function sortVersions(versions: readonly TaskVersion[], sort: Sort | null): TaskVersion[] {
  // The default order is creation date, oldest first.
  const keyed = versions.map((v) => ({ v, key: sort ? propertyValue(v, sort.prop, sort.type) : v.createdMs, id: Number(v.id) }));
  const dir = sort?.descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? dir : -dir;
    } else {
      const c = compare(a.key, b.key);
      if (c !== 0) return c * dir;
    }
    return a.id - b.id;
  });
  return keyed.map((k) => k.v);
}

/**
 * The searchable versions in each sort order, kept between searches (sorting 10,000 tasks for
 * every page made big syncs slow). Rebuilt when the data changes (`revision`) or when a change
 * waiting in the indexing lag becomes visible.
 */
export class SearchIndex {
  private revision = Number.NaN;
  private validUntil = 0;
  private visible: TaskVersion[] = [];
  private readonly orders = new Map<string, TaskVersion[]>();

  constructor(
    private readonly tasks: () => readonly TaskRec[],
    private readonly currentRevision: () => number,
    private readonly now: () => number,
  ) {}

  ordered(sort: Sort | null): TaskVersion[] {
    const now = this.now();
    if (this.currentRevision() !== this.revision || now >= this.validUntil) {
      this.revision = this.currentRevision();
      this.validUntil = Number.POSITIVE_INFINITY;
      this.visible = [];
      for (const t of this.tasks()) {
        const v = searchVersion(t, now);
        if (v) this.visible.push(v);
        if (t.indexedAtMs > now) this.validUntil = Math.min(this.validUntil, t.indexedAtMs);
      }
      this.orders.clear();
    }
    const key = sort ? `${sort.prop}:${sort.descending ? 'd' : 'a'}` : '';
    let list = this.orders.get(key);
    if (!list) this.orders.set(key, (list = sortVersions(this.visible, sort)));
    return list;
  }
}

/** Runs a parsed search over versions already in its sort order; returns the response body. */
export function runSearch(q: ParsedSearch, ordered: readonly TaskVersion[], cap = SEARCH_RESULT_CAP): Record<string, unknown> {
  const end = Math.min(q.after + q.limit, cap);
  const page: TaskVersion[] = [];
  let total = 0;
  for (const v of ordered) {
    if (!matches(q, v)) continue;
    if (total >= q.after && total < end) page.push(v);
    total++;
  }
  const results = page.map((v) => taskJson(v, q.properties));
  const body: Record<string, unknown> = { total, results };
  // `paging` only while more results exist; at the cap its `after` is the offset that then 400s.
  const last = Math.min(end, total);
  if (last < total) body.paging = { next: { after: String(last) } };
  return body;
}
