// Typed access to `window.stint`: unwraps each Result, so views deal in values and
// `ApiError`s that keep the error's code and correlation id.
import type { StintBridge } from '../../common/ipc/bridge';
import type { CommandInput, CommandName, CommandOutput, EventName, EventPayload } from '../../common/ipc/contract';
import type { ErrorInfo } from '../../common/errors';

declare global {
  interface Window {
    stint: StintBridge;
  }
}

export class ApiError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.info = info;
  }
}

export async function call<N extends CommandName>(
  command: N,
  ...input: CommandInput<N> extends undefined ? [] : [CommandInput<N>]
): Promise<CommandOutput<N>> {
  const result = await window.stint.invoke(command, ...input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export function on<N extends EventName>(event: N, listener: (payload: EventPayload<N>) => void): () => void {
  return window.stint.on(event, listener);
}
