// Turns the IPC contract into one dispatch function: validate the input, run the handler,
// parse the output through its schema (so nothing undeclared — a token, say — can leave main),
// and answer a Result. Used by the Electron shell and the e2e harness alike.
import { commands, isCommandName, type CommandName, type CommandOutput, type Result } from '../../../common/ipc/contract';
import { StintError, toErrorInfo } from '../../../common/errors';
import { parseInput } from '../../../common/validate';
import type { z } from 'zod';

export type Handlers = {
  [N in CommandName]: (input: z.output<(typeof commands)[N]['input']>) => CommandOutput<N> | Promise<CommandOutput<N>>;
};

export type Dispatch = (command: unknown, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** Reports unexpected (non-Stint) errors; the renderer only ever sees `internal`. */
  onInternalError?: (command: string, error: unknown) => void;
}

export function createDispatcher(handlers: Handlers, opts: DispatcherOptions = {}): Dispatch {
  return async (command, input) => {
    try {
      if (!isCommandName(command)) throw new StintError('invalid_argument', `Unknown command: ${String(command)}`);
      const spec = commands[command];
      const args = parseInput(spec.input, input, `${command} input`);
      const handler = handlers[command] as (i: unknown) => unknown;
      const value = await handler(args);
      const out = spec.output.safeParse(value ?? null);
      if (!out.success) throw new Error(`Handler for ${command} answered outside the contract: ${out.error.message}`);
      return { ok: true, value: out.data };
    } catch (e) {
      if (!(e instanceof StintError)) opts.onInternalError?.(String(command), e);
      return { ok: false, error: toErrorInfo(e) };
    }
  };
}
