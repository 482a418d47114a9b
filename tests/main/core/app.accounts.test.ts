// Accounts through the IPC contract, as the renderer uses them: sign in with a personal access
// token against the simulator, pick organizations, and check that no token string ever appears
// in what main sends back (results and events) or writes to the data directory.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/core/app';
import { MemorySecretStore } from '../../../src/main/core/secrets';
import { startSimulator, type Simulator } from '../../sim/index';
import { tempDir } from '../../helpers/temp';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('accounts over IPC', () => {
  let sim: Simulator | undefined;
  let app: App | undefined;
  afterEach(async () => {
    app?.close();
    await sim?.close();
  });

  it('signs in with a PAT, lists and selects organizations, and never leaks a token', async () => {
    sim = await startSimulator({ seed: 3, data: { organizations: 2 } });
    const dataDir = tempDir();
    const secrets = new MemorySecretStore();
    app = createApp({ dataDir, secrets, env: { STINT_HUBSTAFF_ACCOUNT_URL: sim.baseUrl, STINT_HUBSTAFF_API_URL: sim.apiUrl } });
    const sent: unknown[] = [];
    app.events.onAny((name, payload) => sent.push({ name, payload }));

    const pat = sim.control.issuePersonalAccessToken();
    const signIn = await app.dispatch('accounts.signInPersonalToken', { token: `  ${pat}\n` });
    expect(signIn).toMatchObject({ ok: true, value: { provider: 'hubstaff', authKind: 'personal', status: 'connected' } });
    if (!signIn.ok) return;
    const accountId = (signIn.value as { id: string }).id;
    sent.push(signIn);

    const orgs = await app.dispatch('accounts.listOrganizations', { accountId });
    expect(orgs.ok && (orgs.value as unknown[]).length).toBe(2);
    sent.push(orgs);
    const mine = sim.control.myOrganizationIds();
    const picked = await app.dispatch('accounts.selectOrganizations', { accountId, selection: `${mine[0]}, ${mine[0]}` });
    expect(picked).toMatchObject({ ok: true, value: { organizations: [{ id: mine[0] }] } });
    sent.push(picked, await app.dispatch('accounts.list', undefined));

    const bad = await app.dispatch('accounts.selectOrganizations', { accountId, selection: '12a45' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });

    // The tokens as the keychain holds them: the PAT was exchanged, the pair rotated.
    const stored = await secrets.get(accountId);
    const tokens = [pat, ...Object.values(JSON.parse(stored!) as Record<string, unknown>).filter((v): v is string => typeof v === 'string' && v.length > 20)];
    expect(tokens.length).toBeGreaterThanOrEqual(3);

    app.close();
    const payloads = JSON.stringify(sent);
    const disk = filesUnder(dataDir).map((f) => readFileSync(f).toString('latin1'));
    for (const t of tokens) {
      expect(payloads.includes(t)).toBe(false);
      for (const content of disk) expect(content.includes(t)).toBe(false);
    }
    expect(sent.some((s) => (s as { name?: string }).name === 'accounts.changed')).toBe(true);
  });

  it('a PAT the server rejects is a clear error and stores nothing', async () => {
    sim = await startSimulator({ seed: 4 });
    const secrets = new MemorySecretStore();
    app = createApp({ dataDir: tempDir(), secrets, env: { STINT_HUBSTAFF_ACCOUNT_URL: sim.baseUrl, STINT_HUBSTAFF_API_URL: sim.apiUrl } });
    const r = await app.dispatch('accounts.signInPersonalToken', { token: 'eyJ.not.a-real-token' });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth_failed' } });
    expect(await app.dispatch('accounts.list', undefined)).toEqual({ ok: true, value: [] });
    const empty = await app.dispatch('accounts.signInPersonalToken', { token: '   ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });
});
