// The prominent "Hubstaff disconnected — Reconnect" banner, raised while any account's grant is
// gone (revoked, expired). Reconnect opens Settings on that account's reconnect flow.
import { providerLabel } from '../../common/providers';
import { useAccounts } from '../stores/accounts';
import { useSync } from '../stores/sync';
import { useUi } from '../stores/ui';
import { WarningIcon } from './Icons';


export function ReconnectBanner() {
  // The sync status is pushed on every account change; the account list names the account.
  const first = useSync((s) => s.status.accounts.find((a) => a.status === 'needs_reconnect') ?? null);
  const account = useAccounts((s) => (first ? (s.accounts.find((a) => a.id === first.accountId) ?? null) : null));
  if (!first) return null;
  const who = account?.name ?? first.name ?? first.email;
  return (
    <div className="reconnect-banner" role="alert" data-account-id={first.accountId}>
      <WarningIcon />
      <span className="reconnect-text">
        <strong>{providerLabel(first.provider)} disconnected</strong>
        {who ? ` (${who})` : ''} — Stint can’t sync until you reconnect. Your plan is safe.
      </span>
      <button type="button" className="button primary" onClick={() => useUi.getState().openReconnect(first.accountId)}>
        Reconnect
      </button>
    </div>
  );
}
