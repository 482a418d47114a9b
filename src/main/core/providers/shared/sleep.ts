import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`; rejects with the signal's reason if it aborts first. Injectable so tests need not wait. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(Math.max(0, ms), undefined, signal ? { signal } : undefined);
};
