// The last error a command answered, with its correlation id. It shows where the person is
// looking: inside the modal dialog that was open when it was raised (<Dialog> renders it at its
// top), else in the page's <ErrorToast>, which a modal would cover, so it waits while one is open.
import { create } from 'zustand';
import type { ErrorInfo } from '../../common/errors';
import { ApiError } from '../lib/api';

interface ErrorState {
  error: ErrorInfo | null;
  /** The modal dialog the error belongs to (open when it was raised), or null for the page. */
  dialogId: string | null;
  /** The open modal dialogs, innermost last. */
  modals: string[];
  show(error: unknown): void;
  clear(): void;
  modalOpened(dialogId: string): void;
  /** A dialog closed: its error goes with it (the person closed what it was about). */
  modalClosed(dialogId: string): void;
}

/** An ErrorInfo for anything a command threw. */
export function errorInfo(error: unknown): ErrorInfo {
  return error instanceof ApiError ? error.info : { code: 'internal', message: String(error) };
}

export const useErrors = create<ErrorState>((set) => ({
  error: null,
  dialogId: null,
  modals: [],
  show(error) {
    set((s) => ({ error: errorInfo(error), dialogId: s.modals.at(-1) ?? null }));
  },
  clear() {
    set({ error: null, dialogId: null });
  },
  modalOpened(dialogId) {
    set((s) => ({ modals: [...s.modals.filter((m) => m !== dialogId), dialogId] }));
  },
  modalClosed(dialogId) {
    set((s) => ({
      modals: s.modals.filter((m) => m !== dialogId),
      ...(s.dialogId === dialogId ? { error: null, dialogId: null } : {}),
    }));
  },
}));

/** Runs a command; a failure goes to the error display (the open dialog, or the toast) and answers undefined. */
export async function attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    const value = await fn();
    return value;
  } catch (e) {
    useErrors.getState().show(e);
    return undefined;
  }
}

/**
 * Runs a command for a form that shows its own failure beside its fields: the error is handed
 * back, not shown elsewhere.
 */
export async function attemptHere<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: ErrorInfo }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, error: errorInfo(e) };
  }
}
