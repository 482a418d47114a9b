import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { SimOptions } from '../tests/sim/index';

/** The simulator in a child process, driven through its HTTP control API. */
export interface SimChild {
  baseUrl: string;
  apiUrl: string;
  control<T>(name: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

export async function startSimChild(opts: SimOptions): Promise<SimChild> {
  const script = fileURLToPath(new URL('./sim-process.ts', import.meta.url));
  const child = fork(script, [JSON.stringify(opts)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let buffered = '';
  const ready = new Promise<{ baseUrl: string; apiUrl: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`simulator process exited early (code ${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const nl = buffered.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buffered.slice(0, nl)) as { baseUrl: string; apiUrl: string });
    });
  });
  const { baseUrl, apiUrl } = await ready;
  return {
    baseUrl,
    apiUrl,
    async control<T>(name: string, ...args: unknown[]): Promise<T> {
      const res = await fetch(`${baseUrl}/__control/${name}`, { method: 'POST', body: JSON.stringify(args), headers: { 'content-type': 'application/json' } });
      const body = (await res.json()) as { result?: T; error?: string };
      if (!res.ok) throw new Error(`simulator control ${name}: ${body.error ?? res.status}`);
      return body.result as T;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
