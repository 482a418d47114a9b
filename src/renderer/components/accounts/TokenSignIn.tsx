// Signing in (or reconnecting) with the browser, a personal access token or an organization
// token. Tokens go to main in the command and are never kept in the page afterwards.
import { useId, useState, type FormEvent } from 'react';
import type { AccountView } from '../../../common/ipc/accounts-schemas';
import { call } from '../../lib/api';
import { attempt } from '../../stores/errors';

type TokenKind = 'personal' | 'organization';

interface Props {
  /** Reconnect this account instead of adding one. */
  accountId?: string;
  /** Which token fields to offer (a reconnect offers the account's own kind first). */
  kinds?: TokenKind[];
  onDone(account: AccountView): void;
  autoFocus?: boolean;
}

const KIND_LABEL: Record<TokenKind, string> = { personal: 'Personal access token', organization: 'Organization token' };

export function TokenSignIn({ accountId, kinds = ['personal', 'organization'], onDone, autoFocus }: Props) {
  const [waitingForBrowser, setWaiting] = useState(false);
  const verb = accountId ? 'Reconnect' : 'Sign in';

  async function browser() {
    setWaiting(true);
    try {
      const account = await attempt(() => (accountId ? call('accounts.reconnect', { accountId, method: { kind: 'oauth' } }) : call('accounts.signInOAuth')));
      if (account) onDone(account);
    } finally {
      setWaiting(false);
    }
  }

  return (
    <div className="sign-in">
      <div className="sign-in-browser">
        <button type="button" className="button primary" disabled={waitingForBrowser} onClick={() => void browser()} data-autofocus={autoFocus && !kinds.length ? true : undefined}>
          Sign in with browser
        </button>
        {waitingForBrowser && (
          <>
            <span className="muted" role="status">
              Waiting for the browser…
            </span>
            <button type="button" className="link-button" onClick={() => void attempt(() => call('accounts.cancelSignIn'))}>
              Cancel
            </button>
          </>
        )}
      </div>
      {kinds.map((kind, i) => (
        <TokenField key={kind} kind={kind} verb={verb} accountId={accountId} onDone={onDone} autoFocus={autoFocus === true && i === 0} />
      ))}
    </div>
  );
}

function TokenField({ kind, verb, accountId, onDone, autoFocus }: { kind: TokenKind; verb: string; accountId: string | undefined; onDone(a: AccountView): void; autoFocus: boolean }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = token.trim();
    if (!value || busy) return;
    setBusy(true);
    try {
      const account = await attempt(() => {
        if (accountId) return call('accounts.reconnect', { accountId, method: { kind, token: value } });
        return kind === 'personal' ? call('accounts.signInPersonalToken', { token: value }) : call('accounts.signInOrganizationToken', { token: value });
      });
      if (account) {
        setToken('');
        onDone(account);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="token-form" onSubmit={submit}>
      <label className="field" htmlFor={id}>
        <span>{KIND_LABEL[kind]}</span>
      </label>
      <div className="token-row">
        <input id={id} type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} data-autofocus={autoFocus ? true : undefined} />
        <button type="submit" className="button" disabled={!token.trim() || busy}>
          {`${verb} with ${kind === 'personal' ? 'personal' : 'organization'} token`}
        </button>
      </div>
    </form>
  );
}
