import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HubspotHttp } from '../../../../../src/main/core/providers/hubspot/http';
import { RateLimitGovernor, SearchLimiter } from '../../../../../src/main/core/providers/hubspot/rateLimits';
import { RequestBudget } from '../../../../../src/main/core/providers/hubstaff/budget';
import { exchangeHere } from '../../../../../src/main/core/providers/hubstaff/exchange';
import { HubstaffHttp } from '../../../../../src/main/core/providers/hubstaff/http';
import { staticTokenProvider } from '../../../../../src/main/core/providers/hubstaff/tokens';
import type { RetryPolicy } from '../../../../../src/main/core/providers/shared/retryPolicy';
import { TEST_NOW_MS } from '../../../../helpers/clock';
import { privateAppAuth } from '../../../../../src/main/core/providers/hubspot/tokens';

// Both clients against one scripted server: the same answers must get the same retry
// decisions (Retry-After honoured up to the one cap, the same jitter, the same give-up).

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(script: Scripted[]): Promise<{ baseUrl: string; hits: () => number }> {
  let hits = 0;
  server = createServer((_req, res) => {
    const answer = script[Math.min(hits, script.length - 1)]!;
    hits++;
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body ?? '{}');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 5 * 60_000 };

type Run = (baseUrl: string, sleeps: number[]) => Promise<unknown>;

const clients: [string, Run][] = [
  [
    'Hubstaff',
    (baseUrl, sleeps) => {
      const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
      const http = new HubstaffHttp({
        baseUrl,
        tokens: staticTokenProvider('t'),
        budget: new RequestBudget({ now: () => TEST_NOW_MS, sleep }),
        timeoutMs: 5000,
        retry: POLICY,
        sleep,
        random: () => 0.5,
        now: () => TEST_NOW_MS,
        exchange: exchangeHere,
      });
      return http.getJson('/v2/x');
    },
  ],
  [
    'HubSpot',
    (baseUrl, sleeps) => {
      const sleep = async (ms: number): Promise<void> => void sleeps.push(ms);
      const http = new HubspotHttp({
        baseUrl,
        auth: privateAppAuth('t'),
        timeoutMs: 5000,
        retry: POLICY,
        maxRateLimitWaits: 3,
        sleep,
        random: () => 0.5,
        governor: new RateLimitGovernor(() => TEST_NOW_MS),
        searchLimiter: new SearchLimiter(5, () => TEST_NOW_MS, sleep),
        now: () => TEST_NOW_MS,
      });
      return http.request({ method: 'GET', path: '/crm/x' });
    },
  ],
];

describe.each(clients)('%s follows the shared retry policy', (_name, run) => {
  it('a 503 Retry-After longer than the backoff cap but under maxRetryAfterMs is honoured exactly, plus jitter', async () => {
    const { baseUrl, hits } = await serve([{ status: 503, headers: { 'retry-after': '120' } }, { status: 200 }]);
    const sleeps: number[] = [];
    await expect(run(baseUrl, sleeps)).resolves.toMatchObject({ status: 200 });
    expect(sleeps).toEqual([120_000 + 125]);
    expect(hits()).toBe(2);
  });

  it('a 503 Retry-After beyond maxRetryAfterMs fails at once', async () => {
    const { baseUrl, hits } = await serve([{ status: 503, headers: { 'retry-after': '301' } }, { status: 200 }]);
    const sleeps: number[] = [];
    await expect(run(baseUrl, sleeps)).rejects.toMatchObject({ code: 'unavailable', status: 503, attempts: 1, retryAfterMs: 301_000 });
    expect(sleeps).toEqual([]);
    expect(hits()).toBe(1);
  });

  it('a 429 asking for more than maxRetryAfterMs fails at once with rate_limited', async () => {
    const { baseUrl, hits } = await serve([{ status: 429, headers: { 'retry-after': '600' } }, { status: 200 }]);
    const sleeps: number[] = [];
    await expect(run(baseUrl, sleeps)).rejects.toMatchObject({ code: 'rate_limited', attempts: 1, retryAfterMs: 600_000 });
    expect(sleeps).toEqual([]);
    expect(hits()).toBe(1);
  });

  it('5xx without Retry-After backs off with equal jitter and gives up after maxAttempts', async () => {
    const { baseUrl, hits } = await serve([{ status: 500 }]);
    const sleeps: number[] = [];
    await expect(run(baseUrl, sleeps)).rejects.toMatchObject({ code: 'unavailable', status: 500, attempts: 4 });
    expect(sleeps).toEqual([8, 15, 30]);
    expect(hits()).toBe(4);
  });

  it('a 404 is never retried', async () => {
    const { baseUrl, hits } = await serve([{ status: 404 }]);
    await expect(run(baseUrl, [])).rejects.toMatchObject({ status: 404, attempts: 1 });
    expect(hits()).toBe(1);
  });
});
