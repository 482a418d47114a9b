// The only bridge between the page and main: `window.stint`, built from the IPC contract.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from '../common/ipc/bridge';
import { commandChannel, eventChannel } from '../common/ipc/contract';

const bridge = createBridge(
  (command, input) => ipcRenderer.invoke(commandChannel(command), input),
  (event, listener) => {
    const handler = (_e: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(event), handler);
    return () => {
      ipcRenderer.off(eventChannel(event), handler);
    };
  },
);

contextBridge.exposeInMainWorld('stint', bridge);
