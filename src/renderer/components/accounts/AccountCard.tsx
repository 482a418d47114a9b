// One signed-in account: who and how, its state, organizations (picked from the list or typed
// as IDs), sync settings, reconnect and sign out.
import { useEffect, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../common/ipc/accounts-schemas';
import { providerLabel } from '../../../common/providers';
import { call } from '../../lib/api';
import { useAccounts } from '../../stores/accounts';
import { attempt } from '../../stores/errors';
import { TokenSignIn } from './TokenSignIn';
import { MAX_REFRESH_WINDOW_DAYS } from '../../../common/syncLimits';

const STATE_LABEL: Record<AccountView['status'], string> = {
  connected: 'Connected',
  needs_reconnect: 'Needs reconnecting',
  offline: 'Offline',
  error: 'Sync problem',
};
const AUTH_LABEL: Record<AccountView['authKind'], string> = { oauth: 'browser sign-in', personal: 'personal access token', organization: 'organization token' };

interface Props {
  account: AccountView;
  /** Opened from the reconnect banner or the tray: the reconnect flow is shown and focused. */
  reconnecting: boolean;
}

export function AccountCard({ account, reconnecting }: Props) {
  const [open, setOpen] = useState(reconnecting || account.organizations.length === 0);
  useEffect(() => {
    if (reconnecting) setOpen(true);
  }, [reconnecting]);
  const received = (a: AccountView) => useAccounts.getState().receive(a);
  const needsReconnect = account.status === 'needs_reconnect';
  const tokenKinds: ('personal' | 'organization')[] = account.authKind === 'organization' ? ['organization', 'personal'] : ['personal', 'organization'];

  return (
    <article className={`account-card is-${account.status}`} aria-label={`${account.name} account`} data-account-id={account.id}>
      <header className="account-head">
        <div>
          <div className="account-name">{account.name}</div>
          <div className="muted">
            {account.email ? `${account.email} · ` : ''}
            {providerLabel(account.provider)} via {AUTH_LABEL[account.authKind]}
          </div>
          {account.sessionOnly && <div className="account-session">Signed in for this session only (the system keychain is unavailable)</div>}
        </div>
        <span className={`badge is-${account.status}`}>{STATE_LABEL[account.status]}</span>
      </header>
      {account.statusMessage && <p className="muted account-message">{account.statusMessage}</p>}

      {(needsReconnect || reconnecting) && (
        <section className="account-section" aria-label="Reconnect">
          <h3>Reconnect</h3>
          <TokenSignIn accountId={account.id} kinds={tokenKinds} onDone={received} autoFocus={reconnecting} />
        </section>
      )}

      <button type="button" className="link-button account-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide details' : 'Organizations and sync settings'}
      </button>
      {open && (
        <>
          <OrganizationPicker account={account} onSaved={received} />
          <SyncSettingsForm account={account} onSaved={received} />
          <SignOut account={account} />
        </>
      )}
    </article>
  );
}

function OrganizationPicker({ account, onSaved }: { account: AccountView; onSaved(a: AccountView): void }) {
  const [choices, setChoices] = useState<{ id: number; name: string }[] | null>(null);
  const [checked, setChecked] = useState<Set<number>>(() => new Set(account.organizations.map((o) => o.id)));
  const [manual, setManual] = useState('');
  const [busy, setBusy] = useState(false);
  const canList = account.status !== 'needs_reconnect';

  useEffect(() => {
    if (!canList) return;
    let live = true;
    void attempt(() => call('accounts.listOrganizations', { accountId: account.id })).then((orgs) => {
      if (live) setChoices(orgs ?? []);
    });
    return () => {
      live = false;
    };
  }, [account.id, canList]);

  function toggle(id: number, on: boolean) {
    setChecked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const ids = [...checked];
      // Typed IDs go as text (main parses and checks them); ticked ones join them.
      const selection = manual.trim() ? [...ids.map(String), manual.trim()].join(', ') : ids;
      const account2 = await attempt(() => call('accounts.selectOrganizations', { accountId: account.id, selection }));
      if (account2) {
        setManual('');
        setChecked(new Set(account2.organizations.map((o) => o.id)));
        onSaved(account2);
      }
    } finally {
      setBusy(false);
    }
  }

  const known = new Map(account.organizations.map((o) => [o.id, o.name ?? `Organization ${o.id}`]));
  for (const c of choices ?? []) known.set(c.id, c.name);
  return (
    <form className="account-section" aria-label="Organizations" onSubmit={save}>
      <h3>Organizations</h3>
      {choices === null && canList && <p className="muted">Loading organizations…</p>}
      {choices !== null && known.size === 0 && <p className="muted">No organizations found for this account. Type their IDs below.</p>}
      <div className="org-list">
        {[...known].map(([id, name]) => (
          <label key={id} className="checkbox">
            <input type="checkbox" checked={checked.has(id)} onChange={(e) => toggle(id, e.target.checked)} />
            {name} <span className="muted">#{id}</span>
          </label>
        ))}
      </div>
      <label className="field">
        <span>Organization IDs</span>
        <input type="text" placeholder="12345, 67890" value={manual} onChange={(e) => setManual(e.target.value)} />
        <small>For organizations the list does not show (e.g. with an organization token).</small>
      </label>
      <div className="dialog-footer">
        <button type="submit" className="button" disabled={busy}>
          Save organizations
        </button>
      </div>
    </form>
  );
}

function SyncSettingsForm({ account, onSaved }: { account: AccountView; onSaved(a: AccountView): void }) {
  const [startDate, setStart] = useState(account.sync.startDate ?? '');
  const [endDate, setEnd] = useState(account.sync.endDate ?? '');
  const [refresh, setRefresh] = useState(String(account.sync.refreshWindowDays));
  const days = Number(refresh);
  const refreshOk = Number.isInteger(days) && days >= 0 && days <= MAX_REFRESH_WINDOW_DAYS;
  const rangeOk = !startDate || !endDate || startDate <= endDate;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!refreshOk || !rangeOk) return;
    const saved = await attempt(() =>
      call('accounts.updateSyncSettings', { accountId: account.id, patch: { startDate: startDate || null, endDate: endDate || null, refreshWindowDays: days } }),
    );
    if (saved) onSaved(saved);
  }

  return (
    <form className="account-section" aria-label="Sync settings" onSubmit={save} noValidate>
      <h3>Sync</h3>
      <div className="field-row">
        <label className="field">
          <span>Start date</span>
          <input type="date" value={startDate} onChange={(e) => setStart(e.target.value)} aria-invalid={!rangeOk} />
        </label>
        <label className="field">
          <span>End date</span>
          <input type="date" value={endDate} onChange={(e) => setEnd(e.target.value)} aria-invalid={!rangeOk} />
        </label>
      </div>
      <label className="field">
        <span>Refresh window (days)</span>
        <input type="number" min={0} max={MAX_REFRESH_WINDOW_DAYS} value={refresh} onChange={(e) => setRefresh(e.target.value)} aria-invalid={!refreshOk} />
        <small>How many recent days every sync checks again, so changes made later in Hubstaff show up. Without an end date, Stint syncs up to today.</small>
      </label>
      {!rangeOk && <p className="field-error">The end date must not be before the start date.</p>}
      {!refreshOk && <p className="field-error">The refresh window is 0 to {MAX_REFRESH_WINDOW_DAYS} days.</p>}
      <div className="dialog-footer">
        <button type="submit" className="button" disabled={!refreshOk || !rangeOk}>
          Save sync settings
        </button>
      </div>
    </form>
  );
}

function SignOut({ account }: { account: AccountView }) {
  const [purge, setPurge] = useState(false);
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    try {
      const done = await attempt(() => call('accounts.signOut', { accountId: account.id, purgeCache: purge }));
      if (done !== undefined) useAccounts.getState().remove(account.id);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="account-section account-sign-out">
      <label className="checkbox">
        <input type="checkbox" checked={purge} onChange={(e) => setPurge(e.target.checked)} />
        Also delete cached data
      </label>
      <button type="button" className="button danger" disabled={busy} onClick={() => void signOut()}>
        Sign out
      </button>
    </div>
  );
}
