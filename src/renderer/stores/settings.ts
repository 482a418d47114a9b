// Settings as main holds them; refreshed by `settings.changed`.
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../common/ipc/settings-schemas';
import type { CommandInput } from '../../common/ipc/contract';
import { call } from '../lib/api';
import { useTimeFormat } from '../lib/clockFormat';
import { attempt } from './errors';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  load(): Promise<void>;
  /** Saves a patch; answers false (and shows the error) when main refuses it. */
  update(patch: CommandInput<'settings.update'>): Promise<boolean>;
  receive(settings: Settings): void;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: DEFAULT_SETTINGS,
  loaded: false,
  async load() {
    const settings = await attempt(() => call('settings.get'));
    if (settings) set({ settings, loaded: true });
  },
  async update(patch) {
    const settings = await attempt(() => call('settings.update', patch));
    if (settings) set({ settings });
    return settings !== undefined;
  },
  receive(settings) {
    set({ settings, loaded: true });
  },
}));

// Every time shown follows the format setting (lib/clockFormat's useHour12 reads this copy).
useSettings.subscribe((s) => {
  if (useTimeFormat.getState().format !== s.settings.timeFormat) useTimeFormat.setState({ format: s.settings.timeFormat });
});
