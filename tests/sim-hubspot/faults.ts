// Fault injection for the HubSpot simulator: the Hubstaff simulator's rule matching (path
// regex, method, nth, seeded rate, times; see ../sim/faults.ts) with HubSpot's own failures:
// 429 by policy, 5xx (502/504 as HTML from the gateway), slow answers, resets, cut JSON, and
// spoiled records (a dotted field such as `properties.hs_lastmodifieddate`).

import type { FaultRule } from '../sim/faults';
import { FAULT_KINDS, FaultInjector } from '../sim/faults';
import type { RateLimitPolicy } from './envelopes';
import { RATE_LIMIT_POLICIES } from './envelopes';

export type HubspotFaultKind = 'rate_limit' | 'server_error' | 'unavailable' | 'slow' | 'reset' | 'malformed_json' | 'bad_records';

export interface HubspotFaultRule {
  kind: HubspotFaultKind;
  /** Regex (RegExp or its source) tested against the request path. Default: every path. */
  path?: string | RegExp;
  method?: string;
  /** Fire on these 1-based occurrences of matching requests, counted from injection. */
  nth?: number | number[];
  /** Fire with this probability, 0..1 (seeded PRNG). */
  rate?: number;
  /** Fire at most this many times. Without nth and rate, every match fires. */
  times?: number;
  /** rate_limit: which 429 (default TEN_SECONDLY_ROLLING; SECONDLY is search's form). */
  policy?: RateLimitPolicy;
  /** server_error: the status (default 500; 502 and 504 answer HTML). */
  status?: 500 | 502 | 503 | 504;
  /** slow: delay before the normal response, ms (default 2000). */
  delayMs?: number;
  /** bad_records: how many records of the page to spoil (default 1, from the first). */
  count?: number;
  /** bad_records: 'wrong_type' (default) or 'missing_field'. */
  mode?: 'wrong_type' | 'missing_field';
  /** bad_records: the field to spoil, dotted (default 'id'). */
  field?: string;
}

export class HubspotFaults {
  private readonly inner: FaultInjector;

  constructor(seed: number) {
    this.inner = new FaultInjector(seed);
  }

  add(rule: HubspotFaultRule): number {
    if (!(FAULT_KINDS as readonly string[]).includes(rule.kind)) throw new Error(`unknown fault kind: ${String(rule.kind)}`);
    if (rule.policy !== undefined && !RATE_LIMIT_POLICIES.includes(rule.policy)) throw new Error(`unknown rate limit policy: ${String(rule.policy)}`);
    if (rule.status !== undefined && ![500, 502, 503, 504].includes(rule.status)) throw new Error('server_error status must be 500, 502, 503 or 504');
    // The rule object travels through the shared injector as is, our extra fields included.
    return this.inner.add(rule as unknown as FaultRule);
  }

  clear(): void {
    this.inner.clear();
  }

  list(): { id: number; rule: HubspotFaultRule; seen: number; fired: number }[] {
    return this.inner.list() as unknown as { id: number; rule: HubspotFaultRule; seen: number; fired: number }[];
  }

  pick(method: string, path: string): { id: number; rule: HubspotFaultRule } | null {
    return this.inner.pick(method, path) as { id: number; rule: HubspotFaultRule } | null;
  }
}

/** Spoils records of `body[listKey]` in place; returns the spoiled records' ids. */
export function spoilRecords(body: Record<string, unknown>, listKey: string, rule: HubspotFaultRule): unknown[] {
  const rows = body[listKey];
  if (!Array.isArray(rows)) return [];
  const path = (rule.field ?? 'id').split('.');
  const ids: unknown[] = [];
  for (const row of rows.slice(0, rule.count ?? 1) as Record<string, unknown>[]) {
    ids.push(row.id);
    let parent: Record<string, unknown> = row;
    for (const key of path.slice(0, -1)) {
      const next = parent[key];
      if (next === null || typeof next !== 'object') break;
      parent = next as Record<string, unknown>;
    }
    const leaf = path[path.length - 1]!;
    if (rule.mode === 'missing_field') {
      delete parent[leaf];
    } else {
      const v = parent[leaf];
      parent[leaf] = typeof v === 'string' ? (/^\d+$/.test(v) ? 12345 : 'not-a-valid-value') : typeof v === 'number' ? 'not-a-number' : { unexpected: true };
    }
  }
  return ids;
}
