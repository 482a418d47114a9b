// Loads what the window shows and keeps it fresh: main announces changes, views refetch.
import { useEffect } from 'react';
import { on } from '../lib/api';
import { useHistory } from '../stores/history';
import { useSettings } from '../stores/settings';
import { useSources } from '../stores/sources';
import { useTasks } from '../stores/tasks';
import { useWeek } from '../stores/week';

export function useLiveData() {
  useEffect(() => {
    const refreshPlan = () => {
      void useWeek.getState().load();
      void useTasks.getState().load();
      void useHistory.getState().refresh();
    };
    // Settings first: the week depends on the week start.
    void useSettings
      .getState()
      .load()
      .then(() => {
        refreshPlan();
        void useSources.getState().load();
      });
    const offPlan = on('planner.changed', ({ reason }) => {
      refreshPlan();
      if (reason === 'sync') void useSources.getState().load();
    });
    const offSettings = on('settings.changed', (settings) => useSettings.getState().receive(settings));
    // However the new settings arrive (the event, or the answer to the dialog's update), a new
    // week start means another week range.
    const offWeekStart = useSettings.subscribe((s, prev) => {
      if (prev.loaded && s.settings.weekStartsOn !== prev.settings.weekStartsOn) void useWeek.getState().load();
    });
    return () => {
      offPlan();
      offSettings();
      offWeekStart();
    };
  }, []);
}
