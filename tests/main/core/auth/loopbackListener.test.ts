import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StintError } from '../../../../src/common/errors';
import { startLoopbackListener, type LoopbackListener, type LoopbackOptions } from '../../../../src/main/core/auth/loopbackListener';

const opened: LoopbackListener[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.close()));
});

async function listen(opts: Partial<LoopbackOptions<URL>> = {}): Promise<LoopbackListener> {
  const l = await startLoopbackListener<URL>({
    port: 0,
    path: '/oauth/callback',
    judge: (url) => (url.searchParams.get('state') === 'good' ? { ok: true, value: url } : { ok: false, error: new StintError('auth_failed', 'State mismatch.') }),
    ...opts,
  });
  opened.push(l);
  return l;
}

const onLoopback = (redirectUri: string): string => redirectUri.replace('//localhost:', '//127.0.0.1:');

describe('loopback listener', () => {
  it('answers the one callback with a close-this-tab page and resolves with its URL', async () => {
    const l = await listen();
    expect(l.redirectUri).toMatch(/^http:\/\/localhost:\d+\/oauth\/callback$/);
    const res = await fetch(`${onLoopback(l.redirectUri)}?code=abc&state=good`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You can close this tab');
    const url = await l.result;
    expect(url.searchParams.get('code')).toBe('abc');
    expect(url.origin).toBe(new URL(l.redirectUri).origin);
  });

  it('rejects with the verdict error and tells the browser', async () => {
    const l = await listen();
    const res = await fetch(`${onLoopback(l.redirectUri)}?code=abc&state=evil`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('State mismatch.');
    await expect(l.result).rejects.toMatchObject({ code: 'auth_failed', message: 'State mismatch.' });
  });

  it('ignores other paths and methods; they do not count as the callback', async () => {
    const l = await listen();
    const base = onLoopback(l.redirectUri);
    expect((await fetch(base.replace('/oauth/callback', '/favicon.ico'))).status).toBe(404);
    expect((await fetch(`${base}?state=good&code=x`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}?code=real&state=good`)).status).toBe(200);
    expect((await l.result).searchParams.get('code')).toBe('real');
  });

  it('accepts exactly one callback: a second one never succeeds', async () => {
    const l = await listen();
    const base = onLoopback(l.redirectUri);
    const [first, second] = await Promise.allSettled([fetch(`${base}?code=one&state=good`), fetch(`${base}?code=two&state=good`)]);
    expect(first.status === 'fulfilled' && first.value.status).toBe(200);
    // Either refused outright (listener closed) or answered 409 — never a second success.
    if (second.status === 'fulfilled') expect(second.value.status).toBe(409);
    expect((await l.result).searchParams.get('code')).toBe('one');
    await expect(fetch(`${base}?code=three&state=good`)).rejects.toThrow();
  });

  it('times out with a clear error and stops listening', async () => {
    const l = await listen({ timeoutMs: 150 });
    await expect(l.result).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('timed out') });
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${onLoopback(l.redirectUri)}?code=late&state=good`)).rejects.toThrow();
  });

  it('stops when the sign-in is cancelled', async () => {
    const abort = new AbortController();
    const l = await listen({ signal: abort.signal });
    abort.abort();
    await expect(l.result).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('cancelled') });
  });

  it('uses the configured port and reports a clear error when it is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(listen({ port })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`Port ${port}`) });
    } finally {
      await new Promise((r) => blocker.close(r));
    }
    const l = await listen({ port });
    expect(l.redirectUri).toBe(`http://localhost:${port}/oauth/callback`);
  });
});
