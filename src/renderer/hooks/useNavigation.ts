// Where the tray or a notification sends the window (`app.navigate`), including a request made
// before this page was listening (`app.takeNavigation`).
import { useEffect } from 'react';
import type { Navigation } from '../../common/ipc/shell-schemas';
import { call, on } from '../lib/api';
import { useAccounts } from '../stores/accounts';
import { useSync } from '../stores/sync';
import { useUi } from '../stores/ui';
import { useWeek } from '../stores/week';

/** The account a reconnect request means: the one named, else the first that needs it. */
async function reconnectTarget(accountId: string | null): Promise<string | null> {
  if (accountId) return accountId;
  if (!useAccounts.getState().loaded) await useAccounts.getState().load();
  const fromStatus = useSync.getState().status.accounts.find((a) => a.status === 'needs_reconnect')?.accountId;
  const accounts = useAccounts.getState().accounts;
  return fromStatus ?? accounts.find((a) => a.status === 'needs_reconnect')?.id ?? accounts[0]?.id ?? null;
}

export async function navigate(nav: Navigation): Promise<void> {
  const ui = useUi.getState();
  switch (nav.view) {
    case 'reconnect': {
      const id = await reconnectTarget(nav.accountId);
      if (id) ui.openReconnect(id);
      else ui.setSettingsOpen(true);
      return;
    }
    case 'week':
      useWeek.getState().goToDate(nav.date);
      if (nav.entryId) {
        ui.select(nav.entryId);
        ui.keepFocus(nav.entryId);
      }
      return;
    case 'settings':
      ui.setSettingsOpen(true);
  }
}

export function useNavigation() {
  useEffect(() => {
    const off = on('app.navigate', (nav) => void navigate(nav));
    void call('app.takeNavigation')
      .then((nav) => (nav ? navigate(nav) : undefined))
      // expected: no pending navigation to take (main answered an error): the week opens as usual
      .catch(() => {});
    return off;
  }, []);
}
