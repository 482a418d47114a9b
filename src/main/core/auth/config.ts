import { StintError } from '../../../common/errors';
import type { Db } from '../db/database';
import { DEFAULT_CALLBACK_TIMEOUT_MS } from './loopbackListener';

/** How Stint reaches Hubstaff's account server and API. Never holds a user's token. */
export interface HubstaffAuthConfig {
  /** The OIDC issuer (account server). */
  accountUrl: string;
  /** The API root including `/v2` (as the Hubstaff client takes it). */
  apiUrl: string;
  /** OAuth app credentials: from settings or the environment, never from the repository. */
  clientId: string | null;
  clientSecret: string | null;
  /** Loopback redirect, as registered on the Hubstaff app: http://localhost:<port><path>. */
  redirectPort: number;
  redirectPath: string;
  scope: string;
  callbackTimeoutMs: number;
}

export const HUBSTAFF_DEFAULTS: HubstaffAuthConfig = {
  accountUrl: 'https://account.hubstaff.com',
  apiUrl: 'https://api.hubstaff.com/v2',
  clientId: null,
  clientSecret: null,
  redirectPort: 51789,
  redirectPath: '/oauth/callback',
  scope: 'openid profile email hubstaff:read',
  callbackTimeoutMs: DEFAULT_CALLBACK_TIMEOUT_MS,
};

/** Environment variable and settings key of each configurable field. */
const SOURCES: Record<Exclude<keyof HubstaffAuthConfig, 'callbackTimeoutMs'>, { env: string; setting: string }> = {
  accountUrl: { env: 'STINT_HUBSTAFF_ACCOUNT_URL', setting: 'hubstaff.accountUrl' },
  apiUrl: { env: 'STINT_HUBSTAFF_API_URL', setting: 'hubstaff.apiUrl' },
  clientId: { env: 'STINT_HUBSTAFF_CLIENT_ID', setting: 'hubstaff.clientId' },
  clientSecret: { env: 'STINT_HUBSTAFF_CLIENT_SECRET', setting: 'hubstaff.clientSecret' },
  redirectPort: { env: 'STINT_HUBSTAFF_REDIRECT_PORT', setting: 'hubstaff.redirectPort' },
  redirectPath: { env: 'STINT_HUBSTAFF_REDIRECT_PATH', setting: 'hubstaff.redirectPath' },
  scope: { env: 'STINT_HUBSTAFF_SCOPE', setting: 'hubstaff.scope' },
};

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Resolves the configuration: explicit overrides, then the environment, then the settings
 * table, then defaults. Validates everything, so a bad value fails here with a clear message
 * instead of halfway through a sign-in.
 */
export function resolveHubstaffAuthConfig(db: Db, env: Env = process.env, overrides: Partial<HubstaffAuthConfig> = {}): HubstaffAuthConfig {
  const settings = readSettings(db, Object.values(SOURCES).map((s) => s.setting));
  const pick = (field: keyof typeof SOURCES): string | undefined => {
    const fromEnv = env[SOURCES[field].env]?.trim();
    if (fromEnv) return fromEnv;
    const fromSettings = settings.get(SOURCES[field].setting)?.trim();
    return fromSettings || undefined;
  };

  const port = overrides.redirectPort ?? parsePort(pick('redirectPort')) ?? HUBSTAFF_DEFAULTS.redirectPort;
  const path = overrides.redirectPath ?? pick('redirectPath') ?? HUBSTAFF_DEFAULTS.redirectPath;
  const config: HubstaffAuthConfig = {
    accountUrl: checkedBaseUrl(overrides.accountUrl ?? pick('accountUrl') ?? HUBSTAFF_DEFAULTS.accountUrl, 'Hubstaff account URL'),
    apiUrl: checkedBaseUrl(overrides.apiUrl ?? pick('apiUrl') ?? HUBSTAFF_DEFAULTS.apiUrl, 'Hubstaff API URL'),
    clientId: overrides.clientId !== undefined ? overrides.clientId : (pick('clientId') ?? null),
    clientSecret: overrides.clientSecret !== undefined ? overrides.clientSecret : (pick('clientSecret') ?? null),
    redirectPort: port,
    redirectPath: path,
    scope: overrides.scope ?? pick('scope') ?? HUBSTAFF_DEFAULTS.scope,
    callbackTimeoutMs: overrides.callbackTimeoutMs ?? HUBSTAFF_DEFAULTS.callbackTimeoutMs,
  };
  if (!Number.isInteger(config.redirectPort) || config.redirectPort < 0 || config.redirectPort > 65535) {
    throw new StintError('invalid_argument', `The redirect port must be a whole number from 0 to 65535 (got ${config.redirectPort}).`);
  }
  if (!/^\/[A-Za-z0-9\-._~/]*$/.test(config.redirectPath)) {
    throw new StintError('invalid_argument', `The redirect path must start with "/" and hold only URL-safe characters (got "${config.redirectPath}").`);
  }
  if (!(config.callbackTimeoutMs > 0)) throw new StintError('invalid_argument', 'The sign-in timeout must be positive.');
  return config;
}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new StintError('invalid_argument', `The redirect port must be a whole number (got "${raw}").`);
  return Number(raw);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for http(s) URLs on this computer: the only place Stint accepts plain http. */
export function isLoopbackUrl(url: string | URL): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** An https URL, or http on a loopback host (the simulator); no trailing slash. */
function checkedBaseUrl(raw: string, label: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StintError('invalid_argument', `The ${label} "${raw}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) {
    throw new StintError('invalid_argument', `The ${label} must use https (plain http is only allowed for 127.0.0.1 or localhost).`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new StintError('invalid_argument', `The ${label} must be a plain base URL without query, fragment or credentials.`);
  }
  return url.href.replace(/\/+$/, '');
}

function readSettings(db: Db, keys: string[]): Map<string, string> {
  const rows = db
    .prepare(`SELECT key, value FROM settings WHERE key IN (${keys.map(() => '?').join(',')})`)
    .all(...keys) as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}
