// Registers one ipcMain handler per contract command, in one loop, and forwards core events.
import { COMMAND_NAMES, commandChannel, eventChannel } from '../../common/ipc/contract';
import type { Dispatch } from '../core/ipc/dispatcher';
import type { AppEvents } from '../core/events';

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, arg: unknown) => unknown): void;
}

export interface Sender {
  send(channel: string, payload: unknown): void;
}

/** `isTrustedSender` rejects calls from any frame that is not the app's own page. */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, isTrustedSender: (url: string) => boolean): void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event, arg) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) {
        return { ok: false, error: { code: 'invalid_argument', message: 'Refused: not the app window.' } };
      }
      return dispatch(name, arg);
    });
  }
}

export function forwardEvents(events: AppEvents, targets: () => Sender[]): () => void {
  return events.onAny((name, payload) => {
    for (const t of targets()) t.send(eventChannel(name), payload);
  });
}
