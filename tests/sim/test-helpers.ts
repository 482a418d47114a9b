// Small HTTP helpers for the simulator's own tests (plain fetch, as any client would do).

import type { Simulator } from './index';

export interface JsonReply {
  status: number;
  headers: Headers;
  body: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function call(url: string | URL, init: RequestInit & { token?: string } = {}): Promise<JsonReply> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // keep the raw text (malformed-body tests look at it)
  }
  return { status: res.status, headers: res.headers, body, json: body };
}

/** GET `${apiUrl}${path}` with query params (arrays become repeated `key[]=`). */
export function apiGet(sim: Simulator, token: string, path: string, params: Record<string, string | number | (string | number)[]> = {}): Promise<JsonReply> {
  const url = new URL(`${sim.apiUrl}${path}`);
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) for (const x of v) url.searchParams.append(`${k}[]`, String(x));
    else url.searchParams.set(k, String(v));
  }
  return call(url, { token });
}

/** PUT/POST/DELETE `${apiUrl}${path}` with a JSON body. */
export function apiSend(sim: Simulator, token: string, method: string, path: string, body?: unknown): Promise<JsonReply> {
  const init: RequestInit & { token?: string } = { method, token };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  return call(`${sim.apiUrl}${path}`, init);
}

/** Follows `pagination.next_page_start_id` to the end; returns every row and the page count. */
export async function allPages(sim: Simulator, token: string, path: string, key: string, params: Record<string, string | number | (string | number)[]> = {}): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const rows: Record<string, unknown>[] = [];
  let start: number | undefined;
  let pages = 0;
  for (;;) {
    const r = await apiGet(sim, token, path, start === undefined ? params : { ...params, page_start_id: start });
    if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    pages++;
    rows.push(...(r.json[key] as Record<string, unknown>[]));
    if (!r.json.pagination) return { rows, pages };
    start = r.json.pagination.next_page_start_id as number;
  }
}

export function form(values: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(values).toString() };
}
