// Fault injection: rules that make chosen requests fail the ways real networks and servers do,
// picked by path regex and method, on the Nth matching request(s) or at a seeded random rate.
// Every matching rule counts every matching request; the first rule that decides to fire wins.

import { createPrng } from './prng';
import type { Prng } from './prng';

export type FaultKind =
  /** 429 with Retry-After (seconds). */
  | 'rate_limit'
  /** 500 with the error body. */
  | 'server_error'
  /** 503 with the error body. */
  | 'unavailable'
  /** The normal response, sent after `delayMs` (for client timeouts). */
  | 'slow'
  /** The socket is destroyed without any response (the request is not handled). */
  | 'reset'
  /** The request is handled (a write is applied) and then the socket is destroyed without the answer: a lost response. */
  | 'lost_response'
  /** 200 with the normal JSON body cut in half. */
  | 'malformed_json'
  /** The normal page with some records given a wrong type or a missing field. */
  | 'bad_records'
  /** The normal page whose `pagination.next_page_start_id` repeats the request's own `page_start_id` (a cursor that does not advance). */
  | 'stuck_cursor';

export const FAULT_KINDS: readonly FaultKind[] = ['rate_limit', 'server_error', 'unavailable', 'slow', 'reset', 'lost_response', 'malformed_json', 'bad_records', 'stuck_cursor'];

export interface FaultRule {
  kind: FaultKind;
  /** Regex (RegExp or its source) tested against the request path, e.g. "/activities$". Default: every path. */
  path?: string | RegExp;
  /** HTTP method to match (default: any). */
  method?: string;
  /** Fire on these 1-based occurrences of matching requests, counted from injection. */
  nth?: number | number[];
  /** Fire on each matching request with this probability, 0..1 (seeded PRNG). */
  rate?: number;
  /** Fire at most this many times (default: no limit). Without nth and rate, every match fires. */
  times?: number;
  /** rate_limit: the Retry-After value in seconds (default 1). */
  retryAfterSec?: number;
  /** slow: delay before the response, ms (default 2000). */
  delayMs?: number;
  /** bad_records: how many records of the page to spoil (default 1, from the first). */
  count?: number;
  /** bad_records: 'wrong_type' (default) or 'missing_field'. */
  mode?: 'wrong_type' | 'missing_field';
  /** bad_records: the field to spoil (default 'id'). */
  field?: string;
}

export interface FiredFault {
  kind: FaultKind;
  ruleId: number;
  /** bad_records: ids of the spoiled records (as they were before spoiling). */
  recordIds?: unknown[];
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  re: RegExp | null;
  nth: Set<number> | null;
  seen: number;
  fired: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private prng: Prng;

  constructor(seed: number) {
    this.prng = createPrng(seed ^ 0x5eed_fa17);
  }

  add(rule: FaultRule): number {
    if (!FAULT_KINDS.includes(rule.kind)) throw new Error(`unknown fault kind: ${String(rule.kind)}`);
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) throw new Error('fault rate must be within 0..1');
    const nth = rule.nth === undefined ? null : new Set(Array.isArray(rule.nth) ? rule.nth : [rule.nth]);
    const re = rule.path === undefined ? null : rule.path instanceof RegExp ? rule.path : new RegExp(rule.path);
    const id = this.nextId++;
    this.rules.push({ id, rule, re, nth, seen: 0, fired: 0 });
    return id;
  }

  clear(): void {
    this.rules = [];
  }

  /** Active rules with their counters (for tests and the control endpoint). */
  list(): { id: number; rule: FaultRule; seen: number; fired: number }[] {
    return this.rules.map(({ id, rule, seen, fired }) => ({ id, rule: { ...rule, path: rule.path instanceof RegExp ? rule.path.source : rule.path }, seen, fired }));
  }

  /** Decides whether this request gets a fault. */
  pick(method: string, path: string): { id: number; rule: FaultRule } | null {
    let chosen: ActiveRule | null = null;
    for (const r of this.rules) {
      if (r.rule.method && r.rule.method.toUpperCase() !== method) continue;
      if (r.re && !r.re.test(path)) continue;
      r.seen++;
      if (chosen) continue;
      if (r.rule.times !== undefined && r.fired >= r.rule.times) continue;
      let fire = true;
      if (r.nth) fire = r.nth.has(r.seen);
      if (r.rule.rate !== undefined) fire = (r.nth ? fire : true) && this.prng.next() < r.rule.rate;
      if (fire) {
        r.fired++;
        chosen = r;
      }
    }
    return chosen ? { id: chosen.id, rule: chosen.rule } : null;
  }
}

/** Spoils records of a list body in place; returns the spoiled records' original ids. */
export function spoilRecords(body: Record<string, unknown>, listKey: string, rule: FaultRule): unknown[] {
  const rows = body[listKey];
  if (!Array.isArray(rows)) return [];
  const field = rule.field ?? 'id';
  const ids: unknown[] = [];
  for (const row of rows.slice(0, rule.count ?? 1) as Record<string, unknown>[]) {
    ids.push(row.id);
    if (rule.mode === 'missing_field') {
      delete row[field];
    } else {
      const v = row[field];
      row[field] = typeof v === 'string' ? 12345 : typeof v === 'number' ? 'not-a-number' : typeof v === 'boolean' ? 'yes' : { unexpected: true };
    }
  }
  return ids;
}
