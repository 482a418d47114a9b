import type { IncomingHttpHeaders } from 'node:http';
import { Worker } from 'node:worker_threads';
import type { Exchange, ExchangeRequest, ExchangeResult, ListKind, PackedPage } from './exchange';
import { exchangeHere, unpackPage } from './exchange';

// The exchange thread: a worker thread that runs exchanges (the GET and the page's JSON parse
// and validation), so the main thread only rebuilds the page's records and writes them. While
// a sync writes one page to SQLite (synchronous), the page the client already asked for (its
// read-ahead, through the request budget) is received and decoded there. The thread never sends
// a request of its own: every request goes through the budget on the calling thread.
//
// One thread per process, started on first use. Until it is up, and for good if it cannot start
// or dies, exchanges run on the calling thread instead: same results, only slower. Requests in
// flight when it dies fail like a dropped connection, so the client's retry takes them over.
// It holds only the pages in flight, and an idle thread never keeps the process alive.

export type ToThread = { type: 'get'; id: number; req: ExchangeRequest } | { type: 'cancel'; id: number };

export type WireResult =
  | { status: number; headers: IncomingHttpHeaders; body: Uint8Array }
  | { status: number; headers: IncomingHttpHeaders; packed: PackedPage }
  | { status: number; headers: IncomingHttpHeaders; malformed: 'json' | 'list' };

export type FromThread =
  | { type: 'ready' }
  | { type: 'done'; id: number; result: WireResult }
  | { type: 'failed'; id: number; error: { name: string; message: string; code?: unknown } };

export type ExchangeThreadState = 'stopped' | 'starting' | 'ready' | 'failed';

interface Pending {
  kind: ListKind | undefined;
  resolve: (r: ExchangeResult) => void;
  reject: (e: unknown) => void;
  done: () => void;
}

export class ExchangeThread {
  private worker: Worker | null = null;
  private current: ExchangeThreadState = 'stopped';
  private failure: Error | null = null;
  private nextId = 1;
  private answered = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly waiting: ((up: boolean) => void)[] = [];
  private readonly failureListeners = new Set<(e: Error) => void>();

  /** `spawn` makes the worker (tests pass a broken one to see the fallback). */
  constructor(private readonly spawn: () => Worker = spawnExchangeWorker) {}

  /** Runs the exchange on the thread when it is up, else here. */
  readonly exchange: Exchange = (req, signal) => {
    if (this.current === 'stopped') this.start();
    return this.current === 'ready' ? this.send(req, signal) : exchangeHere(req, signal);
  };

  get state(): ExchangeThreadState {
    return this.current;
  }

  /** Exchanges the thread has answered so far (the others ran on the calling thread). */
  get served(): number {
    return this.answered;
  }

  /** Why the thread failed, if it did. */
  get error(): Error | null {
    return this.failure;
  }

  /** Where requests run, for Diagnostics. */
  describe(): string {
    if (this.current === 'failed') return `on the main thread: the exchange thread failed (${this.failure?.message ?? 'unknown error'})`;
    if (this.current === 'ready') return 'on the exchange thread';
    return this.current === 'starting' ? 'on the main thread while the exchange thread starts' : 'not started yet';
  }

  /** Called once each time the thread fails (it does not start, or dies). Returns the unsubscribe. */
  onFailure(listener: (e: Error) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Starts the thread if it is not running (exchanges start it anyway; this warms it up). */
  start(): void {
    if (this.current !== 'stopped') return;
    this.current = 'starting';
    let worker: Worker;
    try {
      worker = this.spawn();
    } catch (e) {
      this.fail(e);
      return;
    }
    this.worker = worker;
    worker.unref();
    worker.on('message', (msg: FromThread) => this.receive(msg));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(new Error(`the exchange thread exited (code ${code})`));
    });
  }

  /** Resolves once the thread is up (true) or has failed (false); starts it if needed. */
  ready(): Promise<boolean> {
    this.start();
    if (this.current === 'ready' || this.current === 'failed') return Promise.resolve(this.current === 'ready');
    this.worker?.ref(); // someone waits for it: stay alive until it is up
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Stops the thread; exchanges in flight on it fail. The next exchange starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.rejectAll(new Error('the exchange thread was closed'));
    this.current = 'stopped';
    this.failure = null;
    if (worker) await worker.terminate();
  }

  private send(req: ExchangeRequest, signal: AbortSignal): Promise<ExchangeResult> {
    if (signal.aborted) return Promise.reject(signal.reason as unknown);
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise<ExchangeResult>((resolve, reject) => {
      const onAbort = () => {
        this.settle(id)?.reject(signal.reason);
        worker.postMessage({ type: 'cancel', id } satisfies ToThread);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, { kind: req.list?.kind, resolve, reject, done: () => signal.removeEventListener('abort', onAbort) });
      if (this.pending.size === 1) worker.ref(); // a request in flight keeps the process alive, as a socket would
      worker.postMessage({ type: 'get', id, req } satisfies ToThread);
    });
  }

  private receive(msg: FromThread): void {
    if (msg.type === 'ready') {
      this.current = 'ready';
      this.wake(true);
      return;
    }
    const p = this.settle(msg.id);
    if (!p) return; // cancelled meanwhile
    this.answered++;
    if (msg.type === 'failed') {
      p.reject(Object.assign(new Error(msg.error.message), { name: msg.error.name, code: msg.error.code }));
      return;
    }
    try {
      p.resolve(fromWire(p.kind, msg.result));
    } catch (e) {
      p.reject(e);
    }
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    p.done();
    if (this.pending.size === 0) this.worker?.unref();
    return p;
  }

  private fail(e: unknown): void {
    if (this.current === 'failed') return;
    this.current = 'failed';
    this.failure = e instanceof Error ? e : new Error(String(e));
    const worker = this.worker;
    this.worker = null;
    // Like a dropped connection: the client's retry runs them again, here.
    this.rejectAll(Object.assign(new Error(`the exchange thread stopped: ${this.failure.message}`), { code: 'ECONNRESET' }));
    this.wake(false);
    void worker?.terminate();
    for (const l of this.failureListeners) l(this.failure);
  }

  private rejectAll(e: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(e);
  }

  private wake(up: boolean): void {
    if (this.pending.size === 0) this.worker?.unref();
    for (const resolve of this.waiting.splice(0)) resolve(up);
  }
}

function fromWire(kind: ListKind | undefined, r: WireResult): ExchangeResult {
  if ('packed' in r) return { status: r.status, headers: r.headers, page: unpackPage(kind!, r.packed) };
  if ('body' in r) return { status: r.status, headers: r.headers, body: Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength) };
  return r;
}

/**
 * The worker for this build: from the TypeScript sources (tests, CLI, benchmarks; tsx compiles
 * the worker's modules as it does the main thread's) or from the app bundle, where
 * electron.vite.config.ts emits the entry as `hubstaffExchangeWorker.js` next to the main chunk.
 */
export function spawnExchangeWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./exchangeWorker.ts', here).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
  }
  return new Worker(new URL('./hubstaffExchangeWorker.js', here));
}

/** The process's exchange thread, shared by every Hubstaff client. */
export const sharedExchangeThread = new ExchangeThread();
