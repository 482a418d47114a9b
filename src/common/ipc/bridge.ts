// `window.stint`, built by one factory from the contract. The preload calls it with Electron's
// ipcRenderer; the e2e harness calls it with Playwright bindings to the real core. Only the
// contract's names pass: anything else is refused before it leaves the page.
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  isCommandName,
  isEventName,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type EventName,
  type EventPayload,
  type Result,
} from './contract';

export type Invoke = (command: CommandName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export interface StintBridge {
  invoke<N extends CommandName>(command: N, ...input: CommandInput<N> extends undefined ? [] : [CommandInput<N>]): Promise<Result<CommandOutput<N>>>;
  on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void): () => void;
  readonly commands: readonly CommandName[];
  readonly events: readonly EventName[];
}

export function createBridge(invoke: Invoke, subscribe: Subscribe): StintBridge {
  return Object.freeze({
    commands: Object.freeze([...COMMAND_NAMES]),
    events: Object.freeze([...EVENT_NAMES]),
    invoke(command: CommandName, input?: unknown) {
      if (!isCommandName(command)) {
        return Promise.resolve({ ok: false, error: { code: 'invalid_argument', message: `Unknown command: ${String(command)}` } });
      }
      return invoke(command, input);
    },
    on(event: EventName, listener: (payload: never) => void) {
      if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return subscribe(event, listener as (payload: unknown) => void);
    },
  }) as StintBridge;
}
