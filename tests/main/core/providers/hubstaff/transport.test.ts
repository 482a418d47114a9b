import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpGet } from '../../../../../src/main/core/providers/hubstaff/transport';

// A real server on 127.0.0.1 per test; `handle` answers each request.
let server: Server | undefined;
const sockets = new Set<Socket>();

async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handle);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const BODY = JSON.stringify({ activities: [{ id: 1, note: 'ünïcode ✓' }], pagination: { next_page_start_id: 2 } });
const longSignal = () => AbortSignal.timeout(10_000);

describe('httpGet', () => {
  it('returns status, headers and body, and sends the given headers', async () => {
    let seen: IncomingMessage | undefined;
    const url = await serve((req, res) => {
      seen = req;
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'abc' });
      res.end(BODY);
    });
    const r = await httpGet(`${url}/v2/x?a=1`, { Authorization: 'Bearer t', 'X-Request-Id': 'r1' }, longSignal());
    expect(r.status).toBe(200);
    expect(r.headers['x-request-id']).toBe('abc');
    expect(r.body.toString('utf8')).toBe(BODY);
    expect(seen!.url).toBe('/v2/x?a=1');
    expect(seen!.headers.authorization).toBe('Bearer t');
    expect(seen!.headers['x-request-id']).toBe('r1');
    expect(seen!.headers['accept-encoding']).toMatch(/gzip/);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decompresses a %s body', async (encoding, compress) => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': encoding });
      res.end(compress(Buffer.from(BODY)));
    });
    const r = await httpGet(url, {}, longSignal());
    expect(r.body.toString('utf8')).toBe(BODY);
  });

  it('rejects an encoding it cannot read instead of returning compressed bytes', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'zstd' });
      res.end('xx');
    });
    await expect(httpGet(url, {}, longSignal())).rejects.toThrow(/zstd/);
  });

  it('reuses the connection for consecutive requests (keep-alive)', async () => {
    let connections = 0;
    const url = await serve((_req, res) => res.end(BODY));
    server!.on('connection', () => connections++);
    for (let i = 0; i < 3; i++) await httpGet(url, {}, longSignal());
    expect(connections).toBe(1);
  });

  it('rejects with ECONNRESET when the connection drops mid-body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(BODY.length * 2) });
      res.write(BODY);
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expect(httpGet(url, {}, longSignal())).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('an abort while the body is still arriving rejects at once instead of waiting for the body', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write('{"activities": [');
      // never finishes
    });
    const controller = new AbortController();
    const pending = httpGet(url, {}, controller.signal);
    setTimeout(() => controller.abort(new Error('stop')), 50);
    // The body never ends: only the abort can settle this.
    await expect(pending).rejects.toBeInstanceOf(Error);
  });

  it('refused connections reject with the system error code', async () => {
    const url = await serve((_req, res) => res.end());
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(httpGet(url, {}, longSignal())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
