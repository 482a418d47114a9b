import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../../src/main/core/cli';
import type { CliDeps } from '../../../../src/main/core/cli';
import type { SecretStore } from '../../../../src/main/core/secrets/secretStore';
import { MemorySecretStore } from '../../../../src/main/core/secrets/memorySecretStore';
import type { SimOptions, Simulator } from '../../../sim/index';
import { startSimulator } from '../../../sim/index';
import { flowingTestClock } from '../../../helpers/clock';
import { type FlowingClock } from '../../../../src/common/clock';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** A MemorySecretStore that remembers every value it was given (for the token-leak scan). */
export class RecordingSecretStore extends MemorySecretStore implements SecretStore {
  readonly written: string[] = [];
  override async set(key: string, value: string): Promise<void> {
    this.written.push(value);
    await super.set(key, value);
  }
}

export interface CliHarness {
  dir: string;
  sim: Simulator;
  secrets: RecordingSecretStore;
  /** The clock of the simulator and the CLI's core: it flows on from the test instant. */
  clock: FlowingClock;
  env: Record<string, string>;
  /** Runs `stint …` in this process against the data dir and the simulator. */
  run(argv: string[], opts?: { stdin?: string; env?: Record<string, string>; onInterrupt?: (fire: () => void) => void }): Promise<CliResult>;
  close(): Promise<void>;
}

export async function setupCli(sim: SimOptions = {}, sync: NonNullable<NonNullable<CliDeps['app']>['sync']> = {}): Promise<CliHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'stint-cli-'));
  const clock = flowingTestClock();
  const simulator = await startSimulator({ seed: 5, clock: clock.nowMs, ...sim });
  const secrets = new RecordingSecretStore();
  const env = { STINT_DATA_DIR: dir, STINT_HUBSTAFF_API_URL: simulator.apiUrl, STINT_HUBSTAFF_ACCOUNT_URL: simulator.baseUrl };
  const deps: CliDeps = {
    secrets,
    app: { clock, sync: { client: { sleep: async () => {}, random: () => 0.5, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }, ...sync } },
  };
  return {
    dir,
    sim: simulator,
    secrets,
    clock,
    env,
    async run(argv, opts = {}) {
      let out = '';
      let err = '';
      const code = await main(
        argv,
        {
          stdout: (t) => {
            out += t;
          },
          stderr: (t) => {
            err += t;
          },
          readStdin: async () => opts.stdin ?? '',
          env: { ...env, ...opts.env },
          onInterrupt: (listener) => {
            opts.onInterrupt?.(listener);
            return () => {};
          },
        },
        deps,
      );
      return { code, out, err };
    },
    async close() {
      await simulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}
