import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StintError } from '../../../common/errors';

export const DEFAULT_CALLBACK_TIMEOUT_MS = 5 * 60 * 1000;

/** The listener's judgement of a callback, made before answering the browser. */
export type CallbackVerdict<T = URL> = { ok: true; value: T } | { ok: false; error: StintError };

export interface LoopbackOptions<T = URL> {
  /** Port registered with the provider; 0 picks a free one (then read `redirectUri`). */
  port: number;
  /** Callback path, e.g. `/oauth/callback`. */
  path: string;
  /** Host name written into the redirect URI (the listener itself binds loopback only). */
  redirectHost?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Decides whether the callback succeeded; runs synchronously before the page is sent. */
  judge(url: URL): CallbackVerdict<T>;
}

export interface LoopbackListener<T = URL> {
  redirectUri: string;
  /** The accepted callback's verdict value; rejects with the verdict's error otherwise. */
  result: Promise<T>;
  close(): Promise<void>;
}

const PAGE_STYLE = 'font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5';

function page(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="${PAGE_STYLE}"><h1>${title}</h1><p>${text}</p></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A one-shot HTTP listener on the loopback interface for the OAuth redirect. It accepts exactly
 * one callback on `path` (other paths get 404 and do not count), answers it with a short
 * "you can close this tab" page, then stops; a later callback gets 409. It gives up after
 * `timeoutMs` (5 minutes by default) or when `signal` aborts.
 */
export async function startLoopbackListener<T = URL>(opts: LoopbackOptions<T>): Promise<LoopbackListener<T>> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  let settled = false;
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const result = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // expected: the caller may be cancelled before awaiting; never leave an unhandled rejection behind
  result.catch(() => {});

  const servers: Server[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((done) => {
            s.close(() => done());
            s.closeIdleConnections();
          }),
      ),
    );
  };

  const timeout: { timer?: NodeJS.Timeout } = {};
  const finish = (outcome: { value: T } | { error: unknown }): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timeout.timer);
    opts.signal?.removeEventListener('abort', onAbort);
    if ('value' in outcome) resolve(outcome.value);
    else reject(outcome.error);
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, html: string): void => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        connection: 'close',
      });
      res.end(html);
    };
    if (url.pathname !== opts.path) return send(404, page('Not found', 'This address is only used to finish signing in to Stint.'));
    if (req.method !== 'GET') return send(405, page('Not allowed', 'Only the sign-in redirect is accepted here.'));
    if (settled) {
      return send(409, page('Already done', 'This sign-in has already finished. You can close this tab and return to Stint.'));
    }
    // Keep the full redirect URL (host and port as the browser sent them) for the token exchange.
    const callbackUrl = new URL(req.url ?? '/', redirectUri);
    let verdict: CallbackVerdict<T>;
    try {
      verdict = opts.judge(callbackUrl);
    } catch (e) {
      verdict = { ok: false, error: e instanceof StintError ? e : new StintError('auth_failed', 'The sign-in response could not be read.', { cause: e }) };
    }
    if (verdict.ok) {
      send(200, page('Signed in', 'Stint received your sign-in. You can close this tab and return to Stint.'));
      finish({ value: verdict.value });
    } else {
      send(400, page('Sign-in failed', `${escapeHtml(verdict.error.message)} You can close this tab and try again in Stint.`));
      finish({ error: verdict.error });
    }
    // Stop accepting connections; requests already queued on open sockets still get the 409 page.
    res.on('finish', () => void closeAll());
  };

  const listen = (host: string, port: number): Promise<Server> =>
    new Promise((res, rej) => {
      const s = createServer(handler);
      s.once('error', rej);
      s.listen({ host, port, exclusive: true }, () => {
        s.off('error', rej);
        res(s);
      });
    });

  let v4: Server;
  try {
    v4 = await listen('127.0.0.1', opts.port);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new StintError(
      'conflict',
      code === 'EADDRINUSE'
        ? `Port ${opts.port} on this computer is in use, so Stint cannot receive the sign-in. Close the program using it or configure another redirect port.`
        : `Stint could not listen for the sign-in on 127.0.0.1:${opts.port} (${code ?? 'error'}).`,
      { cause: e },
    );
  }
  servers.push(v4);
  const port = (v4.address() as AddressInfo).port;
  // Browsers may resolve "localhost" to ::1 first; listen there too when IPv6 is available.
  try {
    servers.push(await listen('::1', port));
  } catch {
    // expected: no IPv6 loopback (or the port is taken there): 127.0.0.1 still serves the callback.
  }

  const redirectUri = `http://${opts.redirectHost ?? 'localhost'}:${port}${opts.path}`;

  timeout.timer = setTimeout(() => {
    finish({ error: new StintError('auth_failed', `Sign-in timed out after ${formatDuration(timeoutMs)} without an answer from the browser. Try again.`) });
    void closeAll();
  }, timeoutMs);
  timeout.timer.unref();

  const onAbort = (): void => {
    finish({ error: new StintError('auth_failed', 'Sign-in was cancelled.') });
    void closeAll();
  };
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    redirectUri,
    result,
    close: async () => {
      finish({ error: new StintError('auth_failed', 'Sign-in was cancelled.') });
      await closeAll();
    },
  };
}

function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  return `${Math.round(ms / 1000)} seconds`;
}
