// A listener that throws (a view, the IPC bridge) never breaks sign-in or sync, and is never
// silent either: it is logged (issue 20, item 3).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createApp, LOG_FILE, type App } from '../../../../src/main/core/app';
import { Logger } from '../../../../src/main/core/log/logger';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import { testClock } from '../../../helpers/clock';
import { tempDir } from '../../../helpers/temp';
import { setupHarness, type Harness } from '../auth/harness';

let app: App | undefined;
let h: Harness | undefined;
afterEach(async () => {
  app?.close();
  app = undefined;
  await h?.close();
  h = undefined;
});

const logLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { level: string; scope: string; msg: string; error?: { message?: string } });

it('a sync status listener that throws: sync goes on, and the log says which listener and why', () => {
  const dataDir = tempDir();
  app = createApp({ dataDir, clock: testClock(), secrets: new MemorySecretStore() });
  const heard: string[] = [];
  app.sync.onStatus(() => {
    throw new Error('the view broke');
  });
  app.sync.onStatus((s) => heard.push(s.state));
  app.sync.pause();
  expect(heard.length).toBe(1); // the listener after the failing one still heard it
  expect(logLines(join(dataDir, LOG_FILE))).toContainEqual(expect.objectContaining({ level: 'error', scope: 'sync', msg: 'a sync status listener failed', error: expect.objectContaining({ message: 'the view broke' }) }));
});

it('an account listener that throws: the change is saved, and the log says so', async () => {
  const file = join(tempDir(), 'accounts.log');
  h = await setupHarness({ accounts: { log: new Logger({ file }).scope('accounts') } });
  const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
  h.accounts.onChange(() => {
    throw new Error('the bridge is gone');
  });
  expect(h.accounts.updateSyncSettings(account.id, { refreshWindowDays: 5 }).sync.refreshWindowDays).toBe(5);
  expect(logLines(file)).toContainEqual(expect.objectContaining({ level: 'error', scope: 'accounts', msg: 'an account listener failed', error: expect.objectContaining({ message: 'the bridge is gone' }) }));
});
