import { parentPort } from 'node:worker_threads';
import type { ExchangeRequest, ListKind } from './exchange';
import { exchangeHere, packPage } from './exchange';
import type { FromThread, ToThread, WireResult } from './exchangeThread';

// The exchange thread's entry (see exchangeThread.ts): runs each exchange it is sent and posts
// the result back, a decoded page packed for the crossing.

const port = parentPort;
if (!port) throw new Error('exchangeWorker runs as a worker thread');

const running = new Map<number, AbortController>();

port.on('message', (msg: ToThread) => {
  if (msg.type === 'cancel') running.get(msg.id)?.abort();
  else void run(msg.id, msg.req);
});

async function run(id: number, req: ExchangeRequest): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  let reply: FromThread;
  try {
    reply = { type: 'done', id, result: toWire(req.list?.kind, await exchangeHere(req, controller.signal)) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { type: 'failed', id, error: { name: err.name, message: err.message, code: (err as { code?: unknown }).code } };
  }
  running.delete(id);
  port!.postMessage(reply);
}

function toWire(kind: ListKind | undefined, result: Awaited<ReturnType<typeof exchangeHere>>): WireResult {
  return 'page' in result ? { status: result.status, headers: result.headers, packed: packPage(kind!, result.page) } : result;
}

port.postMessage({ type: 'ready' } satisfies FromThread);
