// Undo/redo through the core's history; the buttons follow `planner.history`.
import { create } from 'zustand';
import { call } from '../lib/api';
import { attempt } from './errors';
import { useUi } from './ui';

interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  refresh(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export const useHistory = create<HistoryState>((set) => ({
  canUndo: false,
  canRedo: false,
  async refresh() {
    const h = await attempt(() => call('planner.history'));
    if (h) set({ canUndo: h.canUndo, canRedo: h.canRedo });
  },
  async undo() {
    // What the message offered is being undone (or something newer): it no longer applies.
    useUi.getState().dismissNotice();
    const h = await attempt(() => call('planner.undo'));
    if (h) set({ canUndo: h.canUndo, canRedo: h.canRedo });
  },
  async redo() {
    useUi.getState().dismissNotice();
    const h = await attempt(() => call('planner.redo'));
    if (h) set({ canUndo: h.canUndo, canRedo: h.canRedo });
  },
}));
