import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { ExchangeRequest, ExchangeResult, ListKind } from './exchange';
import { decodeResponse, packPage } from './exchange';
import type { FromThread, ToThread, WireResult } from './exchangeThread';
import { httpGet } from './transport';

// The exchange thread's entry (see exchangeThread.ts): runs each exchange it is sent and posts
// the result back, a decoded page packed for the crossing.
//
// Reading ahead: a list is read page after page, each request waiting for the previous page's
// cursor. When the client marks an exchange `follow`, the thread requests the next page itself
// as soon as it has read this page's cursor (right after the JSON parse, before validation), with
// the same headers and its own request id, and hands that response over when the client asks
// for exactly that URL. So the server prepares page K+1 while page K is validated, handed over
// and written, instead of after. One page ahead per list at most: the page requested ahead does
// not read ahead until the client asks for it. A page requested ahead and never asked for (the
// read stopped) is dropped after a minute; that request is the only one the client did not make.

const port = parentPort;
if (!port) throw new Error('exchangeWorker runs as a worker thread');

const AHEAD_TTL_MS = 60_000;

/** One request the thread made, for a client's exchange or ahead of it. */
interface Flight {
  req: ExchangeRequest;
  controller: AbortController;
  result: Promise<ExchangeResult>;
  /** The page's next cursor once its JSON is read; null when there is none (or no list page). */
  next: number | null | undefined;
  /** The client reads on from this page: request the next one once the cursor is known. */
  follow: boolean;
  /** Set for a page requested ahead: its own X-Request-Id. */
  requestId?: string;
  /** For a page requested ahead: drops it if nobody asks for it. */
  expiry?: NodeJS.Timeout;
}

/** Client exchanges in progress, by id. */
const running = new Map<number, Flight>();
/** Pages requested ahead, by their list (the URL without `page_start_id`). */
const ahead = new Map<string, Flight>();

port.on('message', (msg: ToThread) => {
  if (msg.type === 'cancel') running.get(msg.id)?.controller.abort();
  else void serve(msg.id, msg.req);
});

async function serve(id: number, req: ExchangeRequest): Promise<void> {
  const flight = claimAhead(req) ?? fly(req);
  running.set(id, flight);
  if (req.follow) {
    flight.follow = true;
    if (flight.next !== undefined) readAhead(flight);
  }
  let reply: FromThread;
  try {
    const result = await flight.result;
    reply = { type: 'done', id, result: toWire(req.list?.kind, flight.requestId ? { ...result, requestId: flight.requestId } : result) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { type: 'failed', id, error: { name: err.name, message: err.message, code: (err as { code?: unknown }).code, requestId: flight.requestId } };
  }
  running.delete(id);
  port!.postMessage(reply);
}

function fly(req: ExchangeRequest, requestId?: string): Flight {
  const controller = new AbortController();
  const state: Omit<Flight, 'result'> = { req, controller, next: undefined, follow: false, requestId };
  const result = httpGet(req.url, req.headers, controller.signal).then((res) =>
    decodeResponse(req, res, (next) => {
      state.next = next;
      if (state.follow) readAhead(flight);
    }),
  );
  const flight: Flight = Object.assign(state, { result });
  const settled = () => void (state.next ??= null); // no cursor (not a list page, or it failed)
  result.then(settled, settled);
  return flight;
}

/** The page requested ahead for exactly this request, if there is one (any other for its list is stale). */
function claimAhead(req: ExchangeRequest): Flight | undefined {
  const list = listOf(req.url);
  const flight = ahead.get(list);
  if (!flight) return undefined;
  if (flight.req.url !== req.url || flight.req.headers.Authorization !== req.headers.Authorization) {
    drop(list, flight);
    return undefined;
  }
  ahead.delete(list);
  clearTimeout(flight.expiry);
  return flight;
}

function readAhead(flight: Flight): void {
  const next = flight.next;
  if (next === null || next === undefined || next <= pageStartOf(flight.req.url)) return;
  const url = withPageStart(flight.req.url, next);
  const list = listOf(url);
  const stale = ahead.get(list);
  if (stale?.req.url === url) return; // already under way
  if (stale) drop(list, stale);
  const requestId = randomUUID();
  const early = fly({ ...flight.req, url, headers: { ...flight.req.headers, 'X-Request-Id': requestId }, follow: false }, requestId);
  early.result.catch(() => {}); // reported to the client that claims it
  early.expiry = setTimeout(() => drop(list, early), AHEAD_TTL_MS).unref();
  ahead.set(list, early);
}

function drop(list: string, flight: Flight): void {
  if (ahead.get(list) === flight) ahead.delete(list);
  clearTimeout(flight.expiry);
  flight.controller.abort();
}

function listOf(url: string): string {
  const u = new URL(url);
  u.searchParams.delete('page_start_id');
  return u.href;
}

function pageStartOf(url: string): number {
  return Number(new URL(url).searchParams.get('page_start_id') ?? 0);
}

function withPageStart(url: string, id: number): string {
  const u = new URL(url);
  u.searchParams.set('page_start_id', String(id));
  return u.href;
}

function toWire(kind: ListKind | undefined, result: ExchangeResult): WireResult {
  if (!('page' in result)) return result;
  const { page, ...rest } = result;
  return { ...rest, packed: packPage(kind!, page) };
}

port.postMessage({ type: 'ready' } satisfies FromThread);
