// Signed-in accounts (`accounts.list`, kept fresh by `accounts.changed` / `accounts.removed`)
// and the keychain's availability.
import { create } from 'zustand';
import type { AccountView } from '../../common/ipc/accounts-schemas';
import type { ProviderName } from '../../common/providers';
import { call } from '../lib/api';
import { attempt } from './errors';

interface AccountsState {
  accounts: AccountView[];
  loaded: boolean;
  keychain: { available: boolean; message?: string | undefined } | null;
  load(): Promise<void>;
  receive(account: AccountView): void;
  remove(accountId: string): void;
  receiveKeychain(status: { available: boolean; message?: string | undefined }): void;
}

let latest = 0;

export const useAccounts = create<AccountsState>((set) => ({
  accounts: [],
  loaded: false,
  keychain: null,
  async load() {
    const request = ++latest;
    const [accounts, keychain] = await Promise.all([attempt(() => call('accounts.list')), attempt(() => call('accounts.keychainStatus'))]);
    if (request !== latest) return;
    if (accounts) set({ accounts, loaded: true });
    if (keychain) set({ keychain });
  },
  receive(account) {
    set((s) => {
      const known = s.accounts.some((a) => a.id === account.id);
      return { accounts: known ? s.accounts.map((a) => (a.id === account.id ? account : a)) : [...s.accounts, account] };
    });
  },
  remove(accountId) {
    set((s) => ({ accounts: s.accounts.filter((a) => a.id !== accountId) }));
  },
  receiveKeychain(keychain) {
    set({ keychain });
  },
}));

/** Per provider, the first signed-in account's user (a HubSpot owner, a Hubstaff user), for "Assigned to me". */
export function signedInUserIds(accounts: readonly { provider: ProviderName; userId: string }[]): Partial<Record<ProviderName, string>> {
  const ids: Partial<Record<ProviderName, string>> = {};
  for (const a of accounts) ids[a.provider] ??= a.userId;
  return ids;
}

/** The accounts that need reconnecting: they raise the banner. */
export function needingReconnect(accounts: readonly AccountView[]): AccountView[] {
  return accounts.filter((a) => a.status === 'needs_reconnect');
}
