// An error nothing else caught, through the real shell on the fake `electron`: a start that
// fails (a data folder Stint cannot create), an unhandled rejection, an uncaught exception.
// Each is logged, redacted, and shown in a native dialog naming the log, with Quit and Open log
// folder; a second launch meanwhile brings the same dialog up instead of nothing.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, expect, it, vi } from 'vitest';
import { redactor } from '../../../src/main/core/log/redact';
import { app, registry, resetFake } from './fakeElectron';
import { waitFor } from '../../helpers/waitFor';

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron);
const { runShell } = await import('../../../src/main/electron/main');

const root = resolve(import.meta.dirname, '../../..');
const savedEnv = { ...process.env };
const base = tmpdir(); // read before a test points TMPDIR elsewhere
let dir: string;
let proc: EventEmitter;
let shell: ReturnType<typeof runShell> | undefined;

beforeEach(() => {
  resetFake();
  dir = mkdtempSync(join(base, 'stint-fatal-'));
  process.env.TMPDIR = join(dir, 'tmp'); // where the fallback crash log goes
  process.env.STINT_SECRETS = 'memory';
  process.env.XDG_CONFIG_HOME = join(dir, 'xdg');
  delete process.env.STINT_DEMO;
  app.appPath = root;
  app.userData = dir;
  proc = new EventEmitter();
});
afterEach(() => {
  if (shell?.core()) app.quit();
  shell = undefined;
  delete process.env.TMPDIR; // the real environment, which os.tmpdir() reads
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  process.env = savedEnv;
});

it('a start that fails (the data folder cannot be created): logged to the fallback file, a dialog naming it; Open log folder opens it', async () => {
  writeFileSync(join(dir, 'not-a-folder'), '');
  process.env.STINT_DATA_DIR = join(dir, 'not-a-folder', 'data');
  registry.dialogResponse = 1; // Open log folder
  shell = runShell({ process: proc });
  await waitFor(() => registry.exitCodes.length > 0, 'the app to exit after the dialog');
  const crashLog = join(dir, 'tmp', 'stint-crash.log');
  expect(registry.dialogs).toEqual([
    expect.objectContaining({ type: 'error', message: 'Stint could not start.', detail: expect.stringContaining(`The details are in ${crashLog}.`), buttons: ['Quit', 'Open log folder'] }),
  ]);
  expect(registry.dialogs[0]!.detail).toMatch(/ENOTDIR/);
  expect(registry.openedPaths).toEqual([join(dir, 'tmp')]);
  expect(registry.exitCodes).toEqual([1]);
  expect(registry.windows).toHaveLength(0);
  const line = JSON.parse(readFileSync(crashLog, 'utf8').trim().split('\n').at(-1)!) as { level: string; msg: string };
  expect(line).toMatchObject({ level: 'error', msg: 'fatal: start' });

  // A second launch while this one is stuck: the same message again, not nothing.
  registry.dialogResponse = 0; // Quit
  app.emit('second-instance');
  await waitFor(() => registry.dialogs.length === 2, 'the dialog on the second launch');
  expect(registry.dialogs[1]).toEqual(registry.dialogs[0]);
  expect(registry.openedPaths).toHaveLength(1);
});

it('a second launch while the dialog is still open brings up the same message; a burst of errors shows one dialog', async () => {
  writeFileSync(join(dir, 'not-a-folder'), '');
  process.env.STINT_DATA_DIR = join(dir, 'not-a-folder', 'data');
  let close!: () => void;
  registry.dialogHeld = new Promise<void>((r) => (close = r));
  shell = runShell({ process: proc });
  await waitFor(() => registry.dialogs.length === 1, 'the error dialog');
  proc.emit('unhandledRejection', new Error('another one'), Promise.resolve());
  app.emit('second-instance');
  await waitFor(() => registry.dialogs.length === 2, 'the dialog on the second launch');
  expect(registry.dialogs[1]).toEqual(registry.dialogs[0]); // the first error's message, not the burst's
  expect(registry.exitCodes).toEqual([]); // still open
  close();
  await waitFor(() => registry.exitCodes.length === 2, 'both dialogs closed');
});

it('an unhandled rejection in a running app: written to the app’s own log, redacted, and shown', async () => {
  process.env.STINT_DATA_DIR = join(dir, 'data');
  shell = runShell({ process: proc });
  await waitFor(() => registry.windows.length === 1, 'the window');
  const token = 'eyJsecret-access-token-1234567890';
  redactor.add(token);
  proc.emit('unhandledRejection', new Error(`refresh failed for ${token}`), Promise.resolve());
  await waitFor(() => registry.dialogs.length === 1, 'the error dialog');
  const log = join(dir, 'data', 'logs', 'stint.log');
  expect(registry.dialogs[0]).toMatchObject({ message: 'Stint ran into an error it cannot recover from.', detail: expect.stringContaining(`The details are in ${log}.`) });
  expect(registry.dialogs[0]!.detail).not.toContain(token);
  const text = readFileSync(log, 'utf8');
  expect(text).toContain('fatal: unhandledRejection');
  expect(text).not.toContain(token);
  expect(existsSync(join(dir, 'tmp', 'stint-crash.log'))).toBe(false);
  await waitFor(() => registry.exitCodes.length === 1, 'the exit after Quit');
});

it('an uncaught exception is handled the same way', async () => {
  process.env.STINT_DATA_DIR = join(dir, 'data');
  shell = runShell({ process: proc });
  await waitFor(() => registry.windows.length === 1, 'the window');
  proc.emit('uncaughtException', new TypeError('boom'));
  await waitFor(() => registry.dialogs.length === 1, 'the error dialog');
  expect(registry.dialogs[0]!.detail).toMatch(/^boom\n/);
  expect(readFileSync(join(dir, 'data', 'logs', 'stint.log'), 'utf8')).toContain('fatal: uncaughtException');
});
