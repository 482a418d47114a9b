// Signing in (or reconnecting) with the browser, a personal access token or an organization
// token. Tokens go to main in the command and are never kept in the page afterwards. A refused
// sign-in says why beside the button or field that was used.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../common/errors';
import type { AccountView } from '../../../common/ipc/accounts-schemas';
import { call } from '../../lib/api';
import { attempt, attemptHere } from '../../stores/errors';
import { ErrorNotice } from '../ErrorToast';

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
  const [error, setError] = useState<ErrorInfo | null>(null);
  const verb = accountId ? 'Reconnect' : 'Sign in';
  const errorId = useId();
  /** The person pressed Cancel: the "cancelled" answer needs no word. */
  const cancelled = useRef(false);

  async function browser() {
    setWaiting(true);
    setError(null);
    cancelled.current = false;
    try {
      const r = await attemptHere(() => (accountId ? call('accounts.reconnect', { accountId, method: { kind: 'oauth' } }) : call('accounts.signInOAuth')));
      if (r.ok) onDone(r.value);
      else if (!cancelled.current) setError(r.error);
    } finally {
      setWaiting(false);
    }
  }

  return (
    <div className="sign-in">
      <div className="sign-in-browser">
        <button
          type="button"
          className="button primary"
          disabled={waitingForBrowser}
          onClick={() => void browser()}
          data-autofocus={autoFocus && !kinds.length ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        >
          Sign in with browser
        </button>
        {waitingForBrowser && (
          <>
            <span className="muted" role="status">
              Waiting for the browser…
            </span>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                cancelled.current = true;
                void attempt(() => call('accounts.cancelSignIn'));
              }}
            >
              Cancel
            </button>
          </>
        )}
      </div>
      {error && <ErrorNotice error={error} id={errorId} className="inline-error" />}
      {kinds.map((kind, i) => (
        <TokenField key={kind} kind={kind} verb={verb} accountId={accountId} onDone={onDone} autoFocus={autoFocus === true && i === 0} />
      ))}
    </div>
  );
}

function TokenField({ kind, verb, accountId, onDone, autoFocus }: { kind: TokenKind; verb: string; accountId: string | undefined; onDone(a: AccountView): void; autoFocus: boolean }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const id = useId();
  const errorId = `${id}-error`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = token.trim();
    if (!value || busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await attemptHere(() => {
        if (accountId) return call('accounts.reconnect', { accountId, method: { kind, token: value } });
        return kind === 'personal' ? call('accounts.signInPersonalToken', { token: value }) : call('accounts.signInOrganizationToken', { token: value });
      });
      if (r.ok) {
        setToken('');
        onDone(r.value);
      } else {
        setError(r.error);
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
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          data-autofocus={autoFocus ? true : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
        <button type="submit" className="button" disabled={!token.trim() || busy}>
          {`${verb} with ${kind === 'personal' ? 'personal' : 'organization'} token`}
        </button>
      </div>
      {error && <ErrorNotice error={error} id={errorId} className="inline-error" />}
    </form>
  );
}
