// Settings › Accounts › HubSpot: the connected HubSpot accounts (status, why one needs
// reconnecting and an in-place reconnect, the lookback window, sign out) and a sign-in with a
// private app token (or an OAuth app's client id, secret and refresh token). Secrets go to main
// in the command and are cleared from the page once it answers. A refused sign-in or reconnect
// says why inside its own form.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../common/errors';
import type { HubspotAccountView } from '../../../common/ipc/accounts-schemas';
import { localToday } from '../../../common/dates';
import { call, on } from '../../lib/api';
import { attempt, attemptHere } from '../../stores/errors';
import { systemClock } from '../../../common/clock';
import { ErrorNotice } from '../ErrorToast';

const STATUS_LABEL: Record<HubspotAccountView['status'], string> = {
  connected: 'Connected',
  needs_reconnect: 'Needs reconnecting',
  offline: 'Offline',
  error: 'Sync problem',
};

/** An account as main answered it: updated in place, or added at the end. */
function upsert(xs: HubspotAccountView[], a: HubspotAccountView): HubspotAccountView[] {
  return xs.some((x) => x.id === a.id) ? xs.map((x) => (x.id === a.id ? a : x)) : [...xs, a];
}

/** `reconnectAccountId`: opened from the reconnect banner or the tray on this account: its reconnect form is shown. */
export function HubspotAccounts({ reconnectAccountId }: { reconnectAccountId: string | null }) {
  const [accounts, setAccounts] = useState<HubspotAccountView[]>([]);
  const [adding, setAdding] = useState(false);
  const receive = (a: HubspotAccountView) => setAccounts((xs) => upsert(xs, a));
  useEffect(() => {
    let live = true;
    const reload = () =>
      void attempt(() => call('accounts.listHubspot')).then((list) => {
        if (live && list) setAccounts(list);
      });
    reload();
    const offChanged = on('accounts.hubspotChanged', receive);
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
        <HubspotAccountCard key={a.id} account={a} reconnecting={a.id === reconnectAccountId} onChange={receive} onSignOut={() => void signOut(a)} />
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

/** Accounts whose token HubSpot refused (or Stint lost) offer a reconnect with a new one. */
const RECONNECTABLE: ReadonlySet<HubspotAccountView['status']> = new Set(['needs_reconnect', 'error']);

function HubspotAccountCard({
  account: a,
  reconnecting: asked,
  onChange,
  onSignOut,
}: {
  account: HubspotAccountView;
  reconnecting: boolean;
  onChange(a: HubspotAccountView): void;
  onSignOut(): void;
}) {
  const [reconnecting, setReconnecting] = useState(asked && RECONNECTABLE.has(a.status));
  useEffect(() => {
    if (asked && RECONNECTABLE.has(a.status)) setReconnecting(true);
  }, [asked, a.status]);
  const canReconnect = RECONNECTABLE.has(a.status);
  return (
    <article className={`account-card is-${a.status}`} aria-label={`HubSpot account ${a.email ?? a.name}`} data-account-id={a.id}>
      <div>
        <strong>{a.name || a.email || `Owner ${a.ownerId}`}</strong> <span className="muted">{a.portalName ?? `Portal ${a.portalId}`}</span>
      </div>
      <div className="muted">
        {STATUS_LABEL[a.status]} · {a.authKind === 'oauth' ? 'OAuth app' : 'Private app token'}
      </div>
      {a.statusMessage && <p className="notice">{a.statusMessage}</p>}
      {canReconnect && !reconnecting && (
        <button type="button" className="button" onClick={() => setReconnecting(true)}>
          Reconnect
        </button>
      )}
      {reconnecting && (
        <HubspotReconnect
          account={a}
          onDone={(updated) => {
            setReconnecting(false);
            onChange(updated);
          }}
          onCancel={() => setReconnecting(false)}
        />
      )}
      <LookbackField account={a} onSaved={onChange} />
      <StartDateField account={a} onSaved={onChange} />
      <button type="button" className="link-button" onClick={onSignOut}>
        Sign out of HubSpot
      </button>
    </article>
  );
}

const EARLIEST_START = '2006-06-01';

/** The first day whose task changes are read; a change makes the next sync read again from it. */
function StartDateField({ account, onSaved }: { account: HubspotAccountView; onSaved(a: HubspotAccountView): void }) {
  const id = useId();
  const today = localToday(systemClock.now());
  async function save(startDate: string | null) {
    if (startDate === account.startDate) return;
    const updated = await attempt(() => call('accounts.updateHubspotSettings', { accountId: account.id, patch: { startDate } }));
    if (updated) onSaved(updated);
  }
  return (
    <div className="token-form">
      <label className="field" htmlFor={`${id}-start`}>
        <span>Read tasks changed since</span>
      </label>
      <div className="token-row">
        <input
          id={`${id}-start`}
          type="date"
          min={EARLIEST_START}
          max={today}
          value={account.startDate ?? EARLIEST_START}
          onChange={(e) => {
            const v = e.target.value;
            if (v && v >= EARLIEST_START && v <= today) void save(v === EARLIEST_START ? null : v);
          }}
          aria-describedby={`${id}-start-help`}
        />
        {account.startDate && (
          <button type="button" className="link-button" onClick={() => void save(null)}>
            From the start
          </button>
        )}
      </div>
      <small id={`${id}-start-help`}>Older HubSpot tasks are not read. Changing it reads again from the new day at the next sync.</small>
    </div>
  );
}

const LOOKBACK_MAX = 1440;
const LOOKBACK_SAVE_DELAY_MS = 700;

/** Saves a valid value shortly after typing stops, at once on blur or Enter; nothing invalid goes to main. */
function LookbackField({ account, onSaved }: { account: HubspotAccountView; onSaved(a: HubspotAccountView): void }) {
  const [draft, setDraft] = useState(String(account.lookbackMinutes));
  const [saved, setSaved] = useState(false);
  const sent = useRef(account.lookbackMinutes);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  /** Runs the pending save now (on unmount: Settings closed before the delay ran out). */
  const flush = useRef<(() => void) | null>(null);
  const id = useId();
  // A change made elsewhere (another window, the CLI) replaces the draft; our own answer does not.
  useEffect(() => {
    if (account.lookbackMinutes !== sent.current) {
      sent.current = account.lookbackMinutes;
      setDraft(String(account.lookbackMinutes));
    }
  }, [account.lookbackMinutes]);
  useEffect(() => () => flush.current?.(), []);

  const parsed = /^\d{1,4}$/.test(draft.trim()) ? Number(draft.trim()) : NaN;
  const valid = parsed >= 0 && parsed <= LOOKBACK_MAX;

  async function save(minutes: number) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    flush.current = null;
    if (minutes === sent.current) return;
    const before = sent.current;
    sent.current = minutes;
    const updated = await attempt(() => call('accounts.updateHubspotSettings', { accountId: account.id, patch: { lookbackMinutes: minutes } }));
    if (updated) {
      setSaved(true);
      onSaved(updated);
    } else {
      sent.current = before;
    }
  }
  function edit(value: string) {
    setDraft(value);
    setSaved(false);
    if (timer.current) clearTimeout(timer.current);
    const n = /^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
    const ok = n >= 0 && n <= LOOKBACK_MAX;
    flush.current = ok ? () => void save(n) : null;
    timer.current = ok ? setTimeout(() => void save(n), LOOKBACK_SAVE_DELAY_MS) : null;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) void save(parsed);
  };

  return (
    <form className="token-form" onSubmit={submit} noValidate>
      <label className="field" htmlFor={`${id}-lookback`}>
        <span>Lookback window (minutes)</span>
      </label>
      <input
        id={`${id}-lookback`}
        type="number"
        inputMode="numeric"
        min={0}
        max={LOOKBACK_MAX}
        step={1}
        value={draft}
        onChange={(e) => edit(e.target.value)}
        onBlur={() => {
          if (valid) void save(parsed);
        }}
        aria-invalid={!valid}
        aria-describedby={valid ? `${id}-lookback-help` : `${id}-lookback-error ${id}-lookback-help`}
      />
      <small id={`${id}-lookback-help`}>Each sync also looks this many minutes further back, to catch tasks HubSpot reported late.</small>
      {!valid && (
        <p id={`${id}-lookback-error`} className="field-error" role="alert">
          The lookback window is a whole number of minutes from 0 to {LOOKBACK_MAX}.
        </p>
      )}
      {saved && valid && (
        <span className="muted" role="status">
          Saved
        </span>
      )}
    </form>
  );
}

/** The account's own kind of credential again; the email (not a secret) is filled in. */
function HubspotReconnect({ account, onDone, onCancel }: { account: HubspotAccountView; onDone(a: HubspotAccountView): void; onCancel(): void }) {
  const [token, setToken] = useState('');
  const [oauth, setOauth] = useState({ clientId: '', clientSecret: '', refreshToken: '' });
  const [email, setEmail] = useState(account.email ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const id = useId();
  const errorId = `${id}-error`;
  useEffect(() => first.current?.focus(), []);

  const isOAuth = account.authKind === 'oauth';
  const ready = isOAuth ? Boolean(oauth.clientId.trim() && oauth.clientSecret.trim() && oauth.refreshToken.trim()) : Boolean(token.trim());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    const withEmail = email.trim() ? { email: email.trim() } : {};
    const method = isOAuth
      ? { kind: 'oauth' as const, clientId: oauth.clientId.trim(), clientSecret: oauth.clientSecret.trim(), refreshToken: oauth.refreshToken.trim(), ...withEmail }
      : { kind: 'private_app' as const, token: token.trim(), ...withEmail };
    try {
      const r = await attemptHere(() => call('accounts.reconnectHubspot', { accountId: account.id, method }));
      if (r.ok) onDone(r.value);
      else setError(r.error);
    } finally {
      // Whatever the answer, the secrets leave the page.
      setToken('');
      setOauth((o) => ({ clientId: o.clientId, clientSecret: '', refreshToken: '' }));
      setBusy(false);
    }
  }

  return (
    <form className="token-form" aria-label="Reconnect HubSpot" onSubmit={submit}>
      {isOAuth ? (
        (
          [
            ['clientId', 'Client id', 'text'],
            ['clientSecret', 'Client secret', 'password'],
            ['refreshToken', 'New refresh token', 'password'],
          ] as const
        ).map(([key, label, type], i) => (
          <label key={key} className="field">
            <span>{label}</span>
            <input
              ref={i === 0 ? first : undefined}
              type={type}
              autoComplete="off"
              spellCheck={false}
              value={oauth[key]}
              onChange={(e) => setOauth({ ...oauth, [key]: e.target.value })}
              aria-describedby={error ? errorId : undefined}
            />
          </label>
        ))
      ) : (
        <>
          <label className="field" htmlFor={`${id}-token`}>
            <span>New HubSpot private app token</span>
          </label>
          <input
            ref={first}
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </>
      )}
      {error && <ErrorNotice error={error} id={errorId} className="inline-error" />}
      <label className="field" htmlFor={`${id}-email`}>
        <span>Your HubSpot email (whose tasks to show)</span>
      </label>
      <input id={`${id}-email`} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <div className="token-row">
        <button type="submit" className="button" disabled={!ready || busy}>
          Reconnect HubSpot
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function HubspotSignIn({ onDone }: { onDone(a: HubspotAccountView): void }) {
  const [token, setToken] = useState('');
  const [email, setEmail] = useState('');
  const [oauth, setOauth] = useState({ clientId: '', clientSecret: '', refreshToken: '' });
  const [busy, setBusy] = useState(false);
  /** The refused form's failure, shown in that form. */
  const [error, setError] = useState<{ form: 'token' | 'oauth'; info: ErrorInfo } | null>(null);
  const id = useId();
  const errorId = `${id}-error`;

  async function run(form: 'token' | 'oauth', send: () => Promise<HubspotAccountView>, clear: () => void) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await attemptHere(send);
      clear();
      if (r.ok) onDone(r.value);
      else setError({ form, info: r.error });
    } finally {
      setBusy(false);
    }
  }
  const errorIn = (form: 'token' | 'oauth') => (error?.form === form ? error.info : null);
  const withEmail = email.trim() ? { email: email.trim() } : {};
  const privateApp = (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim()) return;
    void run('token', () => call('accounts.signInHubspotPrivateApp', { token: token.trim(), ...withEmail }), () => setToken(''));
  };
  const oauthApp = (e: FormEvent) => {
    e.preventDefault();
    void run('oauth', () => call('accounts.signInHubspotOAuth', { ...oauth, ...withEmail }), () => setOauth({ clientId: oauth.clientId, clientSecret: '', refreshToken: '' }));
  };

  return (
    <div className="sign-in">
      <form className="token-form" onSubmit={privateApp}>
        <label className="field" htmlFor={`${id}-token`}>
          <span>HubSpot private app token</span>
        </label>
        <div className="token-row">
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={errorIn('token') ? true : undefined}
            aria-describedby={errorIn('token') ? errorId : undefined}
          />
          <button type="submit" className="button" disabled={!token.trim() || busy}>
            Connect HubSpot
          </button>
        </div>
        {errorIn('token') && <ErrorNotice error={errorIn('token')!} id={errorId} className="inline-error" />}
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
          {errorIn('oauth') && <ErrorNotice error={errorIn('oauth')!} className="inline-error" />}
        </form>
      </details>
    </div>
  );
}
