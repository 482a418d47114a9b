// Runs in the page before the app (an init script): builds `window.stint` with the same
// `createBridge` the preload uses, but over Playwright bindings to the real core in the test
// process instead of Electron's IPC.
import { createBridge } from '../../../src/common/ipc/bridge';
import type { CommandName, EventName, Result } from '../../../src/common/ipc/contract';

type Listener = (payload: unknown) => void;

declare global {
  interface Window {
    /** The core's answer as JSON text: Playwright's own serializer is slow for big answers (5,000 sidebar items take a second); JSON costs what Electron's structured clone would. */
    __stintInvoke(command: CommandName, input: unknown): Promise<string>;
    __stintEmit(event: EventName, payload: unknown): void;
  }
}

const listeners = new Map<EventName, Set<Listener>>();

window.__stintEmit = (event, payload) => {
  for (const l of listeners.get(event) ?? []) l(payload);
};

Object.defineProperty(window, 'stint', {
  value: createBridge(
    async (command, input) => JSON.parse(await window.__stintInvoke(command, input)) as Result<unknown>,
    (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  ),
  writable: false,
});
