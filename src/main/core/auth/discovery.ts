import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { StintError } from '../../../common/errors';
import type { Db } from '../db/database';
import { oauthRequestOptions } from './httpOptions';
import { describeNetworkError } from './tokenErrors';
import { systemClock } from '../../../common/clock';

/** Hubstaff asks clients to cache the discovery document for a week. */
export const DISCOVERY_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const SETTINGS_KEY = 'hubstaff.oidcDiscovery';

const cachedSchema = z.object({
  issuer: z.string(),
  fetchedAt: z.number(),
  metadata: z.looseObject({ issuer: z.string(), token_endpoint: z.string() }),
});

export interface DiscoveryOptions {
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * The issuer's OIDC metadata, from the settings table when fetched less than a week ago
 * (it is public, not a secret), otherwise from `/.well-known/openid-configuration`.
 */
export async function discoverIssuer(db: Db, issuer: string, opts: DiscoveryOptions = {}): Promise<oauth.AuthorizationServer> {
  const now = opts.now ?? systemClock.nowMs;
  const issuerUrl = new URL(issuer);
  const cached = readCache(db);
  if (cached && cached.issuer === issuerUrl.href && now() - cached.fetchedAt < DISCOVERY_TTL_MS && now() >= cached.fetchedAt) {
    return cached.metadata as oauth.AuthorizationServer;
  }

  let metadata: oauth.AuthorizationServer;
  try {
    const res = await oauth.discoveryRequest(issuerUrl, oauthRequestOptions(issuerUrl, opts.fetch));
    metadata = await oauth.processDiscoveryResponse(issuerUrl, res);
  } catch (e) {
    throw new StintError('unavailable', `Could not read Hubstaff's sign-in configuration from ${issuerUrl.origin}: ${describeNetworkError(e)}.`, {
      cause: e,
    });
  }
  if (!metadata.token_endpoint) {
    throw new StintError('unavailable', `Hubstaff's sign-in configuration at ${issuerUrl.origin} names no token endpoint.`);
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    SETTINGS_KEY,
    JSON.stringify({ issuer: issuerUrl.href, fetchedAt: now(), metadata }),
  );
  return metadata;
}

function readCache(db: Db): z.infer<typeof cachedSchema> | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined;
  if (!row) return null;
  try {
    const parsed = cachedSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
