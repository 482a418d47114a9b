// Plain-fetch helpers for the HubSpot simulator's own tests (as any client would call it).

import type { HubspotSimulator } from './index';

export interface Reply {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
  text: string;
}

export async function hs(
  sim: HubspotSimulator,
  token: string | null,
  path: string,
  init: { method?: string; body?: unknown; query?: Record<string, string | string[]>; rawBody?: string; contentType?: string } = {},
): Promise<Reply> {
  const url = new URL(`${sim.baseUrl}${path}`);
  for (const [k, v] of Object.entries(init.query ?? {})) for (const x of Array.isArray(v) ? v : [v]) url.searchParams.append(k, x);
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.rawBody !== undefined) body = init.rawBody;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers['Content-Type'] = init.contentType ?? 'application/json';
  const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    // keep null; `text` has the raw body
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** POST /crm/v3/objects/tasks/search. */
export function search(sim: HubspotSimulator, token: string, body: unknown): Promise<Reply> {
  return hs(sim, token, '/crm/v3/objects/tasks/search', { method: 'POST', body });
}

/** POST /oauth/v1/token with a form body. */
export function tokenCall(sim: HubspotSimulator, form: Record<string, string>): Promise<Reply> {
  return hs(sim, null, '/oauth/v1/token', { method: 'POST', rawBody: new URLSearchParams(form).toString(), contentType: 'application/x-www-form-urlencoded' });
}

export const eq = (propertyName: string, value: string, operator = 'EQ') => ({ propertyName, operator, value });
