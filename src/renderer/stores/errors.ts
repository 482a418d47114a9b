// The last error a command answered, shown by <ErrorToast> with its correlation id.
import { create } from 'zustand';
import type { ErrorInfo } from '../../common/errors';
import { ApiError } from '../lib/api';

interface ErrorState {
  error: ErrorInfo | null;
  show(error: unknown): void;
  clear(): void;
}

export const useErrors = create<ErrorState>((set) => ({
  error: null,
  show(error) {
    set({ error: error instanceof ApiError ? error.info : { code: 'internal', message: String(error) } });
  },
  clear() {
    set({ error: null });
  },
}));

/** Runs a command; a failure goes to the error toast and answers undefined. */
export async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await fn();
    return value;
  } catch (e) {
    useErrors.getState().show(e);
    return undefined;
  }
}
