import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUBSTAFF_DEFAULTS, isLoopbackUrl, resolveHubstaffAuthConfig } from '../../../../src/main/core/auth/config';
import { openDatabase, type Db } from '../../../../src/main/core/db/database';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stint-config-'));
  db = openDatabase(join(dir, 'stint.db')).db;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const setSetting = (key: string, value: string): void => {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
};

describe('resolveHubstaffAuthConfig', () => {
  it('defaults to Hubstaff production over https and no client credentials', () => {
    const c = resolveHubstaffAuthConfig(db, {});
    expect(c.accountUrl).toBe('https://account.hubstaff.com');
    expect(c.apiUrl).toBe('https://api.hubstaff.com/v2');
    expect(c.clientId).toBeNull();
    expect(c.clientSecret).toBeNull();
    expect(c.callbackTimeoutMs).toBe(5 * 60 * 1000);
    expect(c.redirectPath).toBe(HUBSTAFF_DEFAULTS.redirectPath);
  });

  it('reads settings, lets the environment win over them, and overrides over both', () => {
    setSetting('hubstaff.clientId', 'from-settings');
    setSetting('hubstaff.clientSecret', 'secret-settings');
    setSetting('hubstaff.redirectPort', '4711');
    expect(resolveHubstaffAuthConfig(db, {})).toMatchObject({ clientId: 'from-settings', clientSecret: 'secret-settings', redirectPort: 4711 });
    const env = { STINT_HUBSTAFF_CLIENT_ID: 'from-env', STINT_HUBSTAFF_ACCOUNT_URL: 'http://127.0.0.1:9999/' };
    expect(resolveHubstaffAuthConfig(db, env)).toMatchObject({ clientId: 'from-env', clientSecret: 'secret-settings', accountUrl: 'http://127.0.0.1:9999' });
    expect(resolveHubstaffAuthConfig(db, env, { clientId: 'override', redirectPort: 0 })).toMatchObject({ clientId: 'override', redirectPort: 0 });
  });

  it('allows plain http only for loopback hosts', () => {
    expect(resolveHubstaffAuthConfig(db, { STINT_HUBSTAFF_ACCOUNT_URL: 'http://localhost:3000' }).accountUrl).toBe('http://localhost:3000');
    for (const bad of ['http://account.hubstaff.com', 'http://10.0.0.1', 'ftp://127.0.0.1', 'not a url', 'https://x.test/?a=1']) {
      expect(() => resolveHubstaffAuthConfig(db, { STINT_HUBSTAFF_ACCOUNT_URL: bad })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
    expect(() => resolveHubstaffAuthConfig(db, { STINT_HUBSTAFF_API_URL: 'http://api.hubstaff.com/v2' })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(isLoopbackUrl('http://[::1]:80/')).toBe(true);
    expect(isLoopbackUrl('http://localhost.evil.com/')).toBe(false);
  });

  it('validates the redirect port and path', () => {
    expect(() => resolveHubstaffAuthConfig(db, { STINT_HUBSTAFF_REDIRECT_PORT: '70000' })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => resolveHubstaffAuthConfig(db, { STINT_HUBSTAFF_REDIRECT_PORT: 'eighty' })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => resolveHubstaffAuthConfig(db, { STINT_HUBSTAFF_REDIRECT_PATH: 'callback' })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(resolveHubstaffAuthConfig(db, { STINT_HUBSTAFF_REDIRECT_PATH: '/cb' }).redirectPath).toBe('/cb');
  });
});
