// Shared setup for the accounts integration tests: a temp data directory with the real SQLite
// database, the Hubstaff simulator over HTTP, a secret store of the test's choosing (memory, a
// file several processes share, or the real keychain under a service name per test), a clock
// set to the test instant and shared by Stint and the simulator, and a headless "browser" that
// follows the authorization redirect into the loopback listener.
import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManualClock } from '../../../../src/common/clock';
import { Accounts, type AccountsOptions } from '../../../../src/main/core/auth/accounts';
import type { HubstaffAuthConfig } from '../../../../src/main/core/auth/config';
import type { AccountEvent } from '../../../../src/main/core/auth/types';
import { openDatabase, type Db } from '../../../../src/main/core/db/database';
import type { SecretStore } from '../../../../src/main/core/secrets/secretStore';
import { SessionFallbackSecretStore } from '../../../../src/main/core/secrets/sessionFallbackSecretStore';
import { testClock } from '../../../helpers/clock';
import { startSimulator, type SimOptions, type Simulator } from '../../../sim/index';
import { testSecrets, type ChildStore, type StoreKind, type TestSecrets } from '../secrets/testStores';

export const CLIENT_ID = 'stint-test-client';
export const CLIENT_SECRET = 'stint-test-client-secret';

/**
 * A port that is free now, for the loopback redirect (registered with the simulator before the
 * listener opens, so it cannot be port 0). Picked below the kernel's ephemeral range, where
 * outgoing connections and `listen(0)` in parallel tests never land between our check and use.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + randomInt(12_000);
    const s = createServer();
    const free = await new Promise<boolean>((resolve) => {
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!free) continue;
    await new Promise((r) => s.close(r));
    return port;
  }
}

/** What the headless browser saw at the end of the redirect chain. */
export interface BrowserVisit {
  authorizeUrl: URL;
  /** The redirect target (the loopback callback), if the account server redirected. */
  callbackUrl: URL | null;
  status: number;
  body: string;
}

/** Follows the authorize URL like a browser: GET it, then GET the Location it redirects to. */
export async function followInBrowser(url: string, tamper?: (callback: URL) => URL): Promise<BrowserVisit> {
  const authorizeUrl = new URL(url);
  const first = await fetch(url, { redirect: 'manual' });
  const location = first.headers.get('location');
  if (first.status !== 302 || !location) return { authorizeUrl, callbackUrl: null, status: first.status, body: await first.text() };
  const callbackUrl = tamper ? tamper(new URL(location)) : new URL(location);
  const res = await fetch(callbackUrl);
  return { authorizeUrl, callbackUrl, status: res.status, body: await res.text() };
}

export interface Harness {
  dir: string;
  dbFile: string;
  db: Db;
  sim: Simulator;
  accounts: Accounts;
  /** What Stint is given: the session fallback over the backend. */
  secrets: SessionFallbackSecretStore;
  /** The backend (memory, file or the real keychain), read straight by the tests. */
  backend: TestSecrets;
  /** The keychain service name (a child told to use the keychain gets this one). */
  service: string;
  /** How a child process opens the same backend (not for memory). */
  childStore(): ChildStore;
  /** Stint's and the simulator's: stands at the test instant (tests/helpers/clock.ts) until a test advances it. */
  clock: ManualClock;
  redirectPort: number;
  /** Browser visits made by openExternal (the default browser follows every URL). */
  visits: Promise<BrowserVisit>[];
  /** Every event the Accounts service emitted (what IPC would carry). */
  events: AccountEvent[];
  /** The stored credential JSON for an account, read straight from the backend. */
  keychainEntry(accountId: string): Promise<Record<string, unknown> | null>;
  /** Every key in the backend (one per account that has a sign-in). */
  storedKeys(): Promise<string[]>;
  /** How often the first instance has read and written the backend (each keychain access costs). */
  storeCalls: { get: number; set: number; delete: number };
  /** Another Accounts instance on the same data directory and backend (like the CLI). */
  secondInstance(overrides?: Partial<AccountsOptions>): { accounts: Accounts; db: Db };
  /** Every file in the data directory, concatenated (database, WAL, lock files). */
  dataDirBytes(): Buffer;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Where the tokens go (default memory). */
  store?: StoreKind;
  sim?: SimOptions;
  accounts?: Partial<AccountsOptions>;
  /** Merged into the simulator-pointing configuration. */
  config?: Partial<HubstaffAuthConfig>;
  /** Wraps the backend as Stint's first instance sees it (e.g. a keychain that fails once). */
  wrapStore?: (store: SecretStore) => SecretStore;
  /** How openExternal behaves (default: follow the redirect like a browser). */
  browser?: (url: string) => Promise<BrowserVisit> | BrowserVisit | undefined;
}

export async function setupHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'stint-auth-'));
  const dbFile = join(dir, 'stint.db');
  const { db } = openDatabase(dbFile);
  const clock = testClock();
  const redirectPort = await freePort();
  const redirectUri = `http://localhost:${redirectPort}/oauth/callback`;
  const sim = await startSimulator({
    clock: () => clock.nowMs(),
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] }],
    ...opts.sim,
  });
  const backend = testSecrets(opts.store ?? 'memory');
  const visits: Promise<BrowserVisit>[] = [];
  const events: AccountEvent[] = [];
  const extra: { accounts: Accounts; db: Db }[] = [];

  const makeAccounts = (database: Db, secrets: SessionFallbackSecretStore, overrides: Partial<AccountsOptions> = {}): Accounts =>
    new Accounts({
      db: database,
      secrets,
      openExternal: (url) => {
        const visit = opts.browser ? opts.browser(url) : followInBrowser(url);
        if (visit) visits.push(Promise.resolve(visit));
      },
      env: {},
      config: {
        accountUrl: sim.baseUrl,
        apiUrl: sim.apiUrl,
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectPort,
        redirectPath: '/oauth/callback',
        ...opts.config,
      },
      now: () => clock.nowMs(),
      ...opts.accounts,
      ...overrides,
    });

  const storeCalls = { get: 0, set: 0, delete: 0 };
  const counted: SecretStore = {
    get: (key) => (storeCalls.get++, backend.store.get(key)),
    set: (key, value) => (storeCalls.set++, backend.store.set(key, value)),
    delete: (key) => (storeCalls.delete++, backend.store.delete(key)),
  };
  const secrets = new SessionFallbackSecretStore(opts.wrapStore ? opts.wrapStore(counted) : counted, { now: () => clock.nowMs() });
  const accounts = makeAccounts(db, secrets);
  accounts.onChange((e) => events.push(e));

  return {
    dir,
    dbFile,
    db,
    sim,
    accounts,
    secrets,
    backend,
    service: backend.service,
    childStore: () => backend.child(),
    clock,
    redirectPort,
    visits,
    events,
    async keychainEntry(accountId) {
      const raw = await backend.read(accountId);
      return raw === null ? null : (JSON.parse(raw) as Record<string, unknown>);
    },
    storedKeys: () => backend.keys(),
    storeCalls,
    secondInstance(overrides) {
      const second = openDatabase(dbFile).db;
      const instance = { accounts: makeAccounts(second, new SessionFallbackSecretStore(backend.store, { now: () => clock.nowMs() }), overrides), db: second };
      extra.push(instance);
      return instance;
    },
    dataDirBytes() {
      return Buffer.concat(
        readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => readFileSync(join(e.parentPath, e.name))),
      );
    },
    async close() {
      accounts.close();
      for (const x of extra) {
        x.accounts.close();
        x.db.close();
      }
      db.close();
      await sim.close();
      await backend.clear();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The tokens found in `haystack`: the whole string, or for a JWT its signature alone (unique to
 * the token), so a partly written token counts as a leak too.
 */
export function leakedTokens(haystack: Buffer | string, tokens: Iterable<string>): string[] {
  const text = typeof haystack === 'string' ? haystack : haystack.toString('latin1');
  return [...new Set(tokens)].filter((t) => {
    if (!t) return false;
    const signature = t.split('.').length === 3 ? t.split('.')[2]! : '';
    return text.includes(t) || (signature.length >= 20 && text.includes(signature));
  });
}

/** Requests the simulator received that match. */
export function countRequests(sim: Simulator, pred: (r: Simulator['requests'][number]) => boolean): number {
  return sim.requests.filter(pred).length;
}
