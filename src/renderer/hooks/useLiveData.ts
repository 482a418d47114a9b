// Loads what the window shows and keeps it fresh: main announces changes, views refetch.
import { useEffect } from 'react';
import { tracksTime } from '../../common/providers';
import { on } from '../lib/api';
import { useAccounts } from '../stores/accounts';
import { useHistory } from '../stores/history';
import { useSettings } from '../stores/settings';
import { useSources } from '../stores/sources';
import { useSync } from '../stores/sync';
import { useTasks } from '../stores/tasks';
import { useTracked } from '../stores/tracked';
import { shownDates, useWeek } from '../stores/week';
import { weeksCovering } from '../lib/viewRange';

/** Tracked time for the shown week; shown once an account of a provider that tracks time is signed in. */
function refreshTracked() {
  const available = tracksTime(useAccounts.getState().accounts);
  const { weekStartsOn } = useSettings.getState().settings;
  void useTracked.getState().load(weeksCovering(shownDates(), weekStartsOn), weekStartsOn, available);
}

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
    void useSync.getState().load();
    void useAccounts.getState().load().then(refreshTracked);
    const offPlan = on('planner.changed', ({ reason }) => {
      refreshPlan();
      if (reason === 'sync') void useSources.getState().load();
    });
    const offSettings = on('settings.changed', (settings) => useSettings.getState().receive(settings));
    // However the new settings arrive (the event, or the answer to the dialog's update), a new
    // week start means another week range.
    const offWeekStart = useSettings.subscribe((s, prev) => {
      if (prev.loaded && (s.settings.weekStartsOn !== prev.settings.weekStartsOn || s.settings.hideWeekends !== prev.settings.hideWeekends)) {
        void useWeek.getState().load();
        refreshTracked();
      }
    });
    const offAnchor = useWeek.subscribe((s, prev) => {
      if (s.anchor !== prev.anchor || shownDates(s).join() !== shownDates(prev).join()) refreshTracked();
    });
    const offData = on('sync.dataChanged', ({ kind }) => {
      if (kind === 'tracked') refreshTracked();
      if (kind === 'sources') void useSources.getState().load();
      if (kind === 'tasks') refreshPlan();
    });
    const offStatus = on('sync.status', (status) => {
      const before = useSync.getState().status;
      useSync.getState().receive(status);
      // An account's state moved (e.g. needs reconnecting): the account list follows.
      const key = (x: typeof status) => x.accounts.map((a) => `${a.accountId}:${a.status}`).join(',');
      if (key(before) !== key(status)) void useAccounts.getState().load();
    });
    const offAccount = on('accounts.changed', (account) => {
      const had = useAccounts.getState().accounts.length;
      useAccounts.getState().receive(account);
      if (had === 0) refreshTracked();
    });
    const offRemoved = on('accounts.removed', ({ accountId }) => {
      useAccounts.getState().remove(accountId);
      refreshTracked();
    });
    const offKeychain = on('keychain.status', (status) => useAccounts.getState().receiveKeychain(status));
    return () => {
      offPlan();
      offSettings();
      offWeekStart();
      offAnchor();
      offData();
      offStatus();
      offAccount();
      offRemoved();
      offKeychain();
    };
  }, []);
}
