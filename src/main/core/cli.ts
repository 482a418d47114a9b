// `npm run cli -- …` and the `stint` bin (bin/stint.mjs): Stint's headless CLI on the same core
// as the app. The commands live in ./cli/; this file wires them to the process.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliDeps, CliIo } from './cli/io';
import { main } from './cli/main';

export { main } from './cli/main';
export type { CliDeps, CliIo } from './cli/io';
export { EXIT } from './cli/exitCodes';

function readAll(stream: NodeJS.ReadStream): Promise<string> {
  if (stream.isTTY) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    readStdin: () => readAll(process.stdin),
    env: process.env,
    onInterrupt(listener) {
      process.once('SIGINT', listener);
      process.once('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
  };
}

/** Runs the CLI for this process and exits with its code once stdout and stderr are flushed. */
export async function runCli(argv: readonly string[] = process.argv.slice(2), deps: CliDeps = {}): Promise<never> {
  const code = await main(argv, processIo(), deps);
  // Exit explicitly: idle keep-alive sockets must not hold a finished command open.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) await runCli();
