// Settings › Accounts: the signed-in accounts, adding one, and "Copy diagnostics".
import { useEffect, useState } from 'react';
import type { AccountView } from '../../../common/ipc/accounts-schemas';
import { call } from '../../lib/api';
import { useAccounts } from '../../stores/accounts';
import { attempt } from '../../stores/errors';
import { AccountCard } from './AccountCard';
import { HubspotAccounts } from './HubspotAccounts';
import { TokenSignIn } from './TokenSignIn';

export function AccountsSection({ reconnectAccountId }: { reconnectAccountId: string | null }) {
  const accounts = useAccounts((s) => s.accounts);
  const keychain = useAccounts((s) => s.keychain);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    void useAccounts.getState().load();
  }, []);
  const added = (a: AccountView) => {
    useAccounts.getState().receive(a);
    setAdding(false);
  };

  return (
    <section className="dialog-body accounts-section" aria-labelledby="accounts-heading">
      <h3 id="accounts-heading" className="section-heading">
        Accounts &amp; sync
      </h3>
      {keychain && !keychain.available && (
        <p className="notice">The system keychain is unavailable{keychain.message ? ` (${keychain.message})` : ''}: new sign-ins last until Stint quits.</p>
      )}
      {accounts.map((a) => (
        <AccountCard key={a.id} account={a} reconnecting={a.id === reconnectAccountId} />
      ))}
      {accounts.length === 0 || adding ? (
        <div className="account-add" role="group" aria-label="Add a Hubstaff account">
          {accounts.length === 0 && <p className="muted">Connect Hubstaff to plan its to-dos and see tracked time beside your plan.</p>}
          <TokenSignIn onDone={added} />
        </div>
      ) : (
        <button type="button" className="link-button add-account" onClick={() => setAdding(true)}>
          Add another account
        </button>
      )}
      <HubspotAccounts reconnectAccountId={reconnectAccountId} />
      <Diagnostics />
    </section>
  );
}

function Diagnostics() {
  const [text, setText] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  async function copy() {
    const d = await attempt(() => call('app.copyDiagnostics'));
    if (!d) return;
    setCopied(d.copied);
    // No clipboard in main (e.g. headless): the report is shown to select and copy by hand.
    setText(d.copied ? null : d.text);
  }
  return (
    <div className="diagnostics">
      <button type="button" className="button" onClick={() => void copy()}>
        Copy diagnostics
      </button>
      <span role="status" className="muted">
        {copied ? 'Diagnostics copied (no tokens included).' : ''}
      </span>
      {text !== null && <textarea className="diagnostics-text" readOnly value={text} aria-label="Diagnostics report" rows={6} />}
    </div>
  );
}
