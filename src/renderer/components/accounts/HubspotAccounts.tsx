// Settings › Accounts › HubSpot: the connected HubSpot accounts and a sign-in with a private app
// token (or an OAuth app's client id, secret and refresh token). Secrets go to main in the
// command and are cleared from the page once it answers.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { HubspotAccountView } from '../../../common/ipc/accounts-schemas';
import { call, on } from '../../lib/api';
import { attempt } from '../../stores/errors';

const STATUS_LABEL: Record<HubspotAccountView['status'], string> = {
  connected: 'Connected',
  needs_reconnect: 'Needs reconnecting',
  offline: 'Offline',
  error: 'Error',
};

export function HubspotAccounts() {
  const [accounts, setAccounts] = useState<HubspotAccountView[]>([]);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    let live = true;
    const reload = () =>
      void attempt(() => call('accounts.listHubspot')).then((list) => {
        if (live && list) setAccounts(list);
      });
    reload();
    const offChanged = on('accounts.hubspotChanged', (a) => setAccounts((xs) => (xs.some((x) => x.id === a.id) ? xs.map((x) => (x.id === a.id ? a : x)) : [...xs, a])));
    const offRemoved = on('accounts.removed', ({ accountId }) => setAccounts((xs) => xs.filter((x) => x.id !== accountId)));
    return () => {
      live = false;
      offChanged();
      offRemoved();
    };
  }, []);

  const added = (a: HubspotAccountView) => {
    setAccounts((xs) => [...xs.filter((x) => x.id !== a.id), a]);
    setAdding(false);
  };
  const signOut = async (a: HubspotAccountView) => {
    const done = await attempt(() => call('accounts.signOutHubspot', { accountId: a.id, purgeCache: true }));
    if (done !== undefined) setAccounts((xs) => xs.filter((x) => x.id !== a.id));
  };

  return (
    <div className="hubspot-accounts" role="group" aria-label="HubSpot">
      <h4 className="section-subheading">HubSpot</h4>
      {accounts.map((a) => (
        <div key={a.id} className="account-card" aria-label={`HubSpot account ${a.email ?? a.name}`}>
          <div>
            <strong>{a.name || a.email || `Owner ${a.ownerId}`}</strong> <span className="muted">{a.portalName ?? `Portal ${a.portalId}`}</span>
          </div>
          <div className="muted">
            {STATUS_LABEL[a.status]} · {a.authKind === 'oauth' ? 'OAuth app' : 'Private app token'}
          </div>
          {a.statusMessage && <p className="notice">{a.statusMessage}</p>}
          <button type="button" className="link-button" onClick={() => void signOut(a)}>
            Sign out of HubSpot
          </button>
        </div>
      ))}
      {adding || accounts.length === 0 ? (
        <HubspotSignIn onDone={added} />
      ) : (
        <button type="button" className="link-button add-account" onClick={() => setAdding(true)}>
          Add a HubSpot account
        </button>
      )}
    </div>
  );
}

function HubspotSignIn({ onDone }: { onDone(a: HubspotAccountView): void }) {
  const [token, setToken] = useState('');
  const [email, setEmail] = useState('');
  const [oauth, setOauth] = useState({ clientId: '', clientSecret: '', refreshToken: '' });
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function run(send: () => Promise<HubspotAccountView>, clear: () => void) {
    if (busy) return;
    setBusy(true);
    try {
      const account = await attempt(send);
      clear();
      if (account) onDone(account);
    } finally {
      setBusy(false);
    }
  }
  const withEmail = email.trim() ? { email: email.trim() } : {};
  const privateApp = (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim()) return;
    void run(() => call('accounts.signInHubspotPrivateApp', { token: token.trim(), ...withEmail }), () => setToken(''));
  };
  const oauthApp = (e: FormEvent) => {
    e.preventDefault();
    void run(() => call('accounts.signInHubspotOAuth', { ...oauth, ...withEmail }), () => setOauth({ clientId: oauth.clientId, clientSecret: '', refreshToken: '' }));
  };

  return (
    <div className="sign-in">
      <form className="token-form" onSubmit={privateApp}>
        <label className="field" htmlFor={`${id}-token`}>
          <span>HubSpot private app token</span>
        </label>
        <div className="token-row">
          <input id={`${id}-token`} type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />
          <button type="submit" className="button" disabled={!token.trim() || busy}>
            Connect HubSpot
          </button>
        </div>
        <label className="field" htmlFor={`${id}-email`}>
          <span>Your HubSpot email (optional: whose tasks to show)</span>
        </label>
        <input id={`${id}-email`} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </form>
      <details>
        <summary>Use an OAuth app instead</summary>
        <form className="token-form" onSubmit={oauthApp}>
          {(
            [
              ['clientId', 'Client id', 'text'],
              ['clientSecret', 'Client secret', 'password'],
              ['refreshToken', 'Refresh token', 'password'],
            ] as const
          ).map(([key, label, type]) => (
            <label key={key} className="field">
              <span>{label}</span>
              <input type={type} autoComplete="off" spellCheck={false} value={oauth[key]} onChange={(e) => setOauth({ ...oauth, [key]: e.target.value })} />
            </label>
          ))}
          <button type="submit" className="button" disabled={busy || !oauth.clientId.trim() || !oauth.clientSecret.trim() || !oauth.refreshToken.trim()}>
            Connect HubSpot with OAuth
          </button>
        </form>
      </details>
    </div>
  );
}
