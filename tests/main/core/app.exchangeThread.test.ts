import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { createApp, LOG_FILE } from '../../../src/main/core/app';
import { ExchangeThread } from '../../../src/main/core/providers/hubstaff/exchangeThread';
import { MemorySecretStore } from '../../../src/main/core/secrets/memorySecretStore';
import { testClock } from '../../helpers/clock';
import { tempDir } from '../../helpers/temp';

// Hubstaff's exchanges fall back to the main thread when the exchange thread cannot start or
// dies: only slower, but never silently (issue 20, item 2).

it('a failed exchange thread is logged once and named in Diagnostics; a working one is named too', async () => {
  const dataDir = tempDir();
  const broken = new ExchangeThread(() => new Worker('throw new Error("hubstaffExchangeWorker.js is missing")', { eval: true }));
  const app = createApp({ dataDir, clock: testClock(), secrets: new MemorySecretStore(), sync: { client: { exchangeThread: broken } } });
  try {
    expect(app.shell.diagnostics()).toContain('Requests: not started yet');
    expect(await broken.ready()).toBe(false);
    expect(app.shell.diagnostics()).toContain('Requests: on the main thread: the exchange thread failed (hubstaffExchangeWorker.js is missing)');
    const lines = readFileSync(join(dataDir, LOG_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.filter((l) => l.msg.startsWith('the exchange thread failed'))).toEqual([
      expect.objectContaining({ level: 'error', msg: 'the exchange thread failed: Hubstaff requests run on the main thread' }),
    ]);
    // The same line under "Recent warnings and errors".
    expect(app.shell.diagnostics()).toMatch(/error sync: the exchange thread failed: Hubstaff requests run on the main thread/);
  } finally {
    app.close();
    await broken.close();
  }

  const working = new ExchangeThread();
  const other = createApp({ dataDir: tempDir(), clock: testClock(), secrets: new MemorySecretStore(), sync: { client: { exchangeThread: working } } });
  try {
    expect(await working.ready()).toBe(true);
    expect(other.shell.diagnostics()).toContain('Requests: on the exchange thread');
  } finally {
    other.close();
    await working.close();
  }
});
