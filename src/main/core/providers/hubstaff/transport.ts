import http from 'node:http';
import https from 'node:https';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';
import { promisify } from 'node:util';

// One HTTP GET over node:http(s) with keep-alive: status, headers and the whole body as bytes.
// Used instead of fetch on the ingest hot path: fetch's per-request machinery (WHATWG streams,
// Request/Response/Headers objects) cost about 1 ms of main-thread time per 500-record page,
// as much as validating the page. What fetch did for us and still matters here is kept:
// gzip/deflate/br bodies are decompressed, and the abort signal covers the body too.

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

// Idle keep-alive sockets are unref'd by the agent, so they never hold the process open.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

const decoders: Record<string, (b: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
};

/**
 * GETs `url`. Rejects with the socket's error (e.g. ECONNREFUSED, ECONNRESET) or, once `signal`
 * aborts, with an AbortError whose `cause` is the signal's reason.
 */
export function httpGet(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<RawResponse> {
  const target = new URL(url);
  const mod = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
  if (!mod) return Promise.reject(new TypeError(`Unsupported URL protocol: ${target.protocol}`));
  return new Promise<RawResponse>((resolve, reject) => {
    const req = mod.get(
      target,
      { agent: agents[target.protocol as 'http:' | 'https:'], headers: { 'Accept-Encoding': 'gzip, deflate, br', ...headers }, signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        // Closed without a complete body (reset, abort): the first error seen wins.
        res.on('close', () => {
          if (!res.complete) reject(Object.assign(new Error('The connection closed before the response ended'), { code: 'ECONNRESET' }));
        });
        res.on('end', () => {
          if (!res.complete) return; // 'close' reports it
          const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          const encoding = res.headers['content-encoding']?.trim().toLowerCase();
          const decode = encoding && encoding !== 'identity' ? decoders[encoding] : undefined;
          if (encoding && encoding !== 'identity' && !decode) {
            reject(new Error(`Unsupported content encoding: ${encoding}`));
            return;
          }
          const status = res.statusCode ?? 0;
          if (!decode) resolve({ status, headers: res.headers, body });
          else decode(body).then((plain) => resolve({ status, headers: res.headers, body: plain }), reject);
        });
      },
    );
    req.on('error', reject);
  });
}
