import { afterEach, expect, it } from 'vitest';
import { defaultClientFactory } from '../../../../src/main/core/auth/hubstaffIdentity';
import { staticTokenProvider } from '../../../../src/main/core/providers/shared/accessTokens';
import { describeOverStores } from '../secrets/testStores';
import { setupHarness as setup, type Harness, type HarnessOptions } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function expectNothingStored(x: Harness): Promise<void> {
  expect(x.accounts.list()).toEqual([]);
  expect(await x.storedKeys()).toEqual([]);
}

describeOverStores('bad input: a clear error and nothing stored (simulator)', 'memory', (store) => {
  const setupHarness = (o: HarnessOptions = {}): Promise<Harness> => setup({ store, ...o });
  it('a personal access token the server rejects (unknown, or already used)', async () => {
    h = await setupHarness();
    await expect(h.accounts.signInWithPersonalToken('eyJ0eXAiOiJKV1QifQ.eyJub3QiOiJyZWFsIn0.c2ln')).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringContaining('rejected this personal access token'),
    });
    const pat = h.sim.control.issuePersonalAccessToken();
    await h.accounts.signInWithPersonalToken(pat);
    await h.accounts.signOut(h.accounts.list()[0]!.id, { purgeCache: true });
    await expect(h.accounts.signInWithPersonalToken(pat)).rejects.toMatchObject({ code: 'auth_failed', message: expect.stringContaining('already used') });
    await expectNothingStored(h);
  });

  it('a sign-in whose brand-new access token Hubstaff refuses at once says so in plain words', async () => {
    // Every API client Stint makes presents a token Hubstaff never issued: /users/me answers 401.
    h = await setupHarness({ accounts: { client: (_tokens, apiUrl, budget) => defaultClientFactory(staticTokenProvider('refused-at-once'), apiUrl, budget) } });
    await expect(h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken())).rejects.toMatchObject({
      code: 'auth_failed',
      message: 'Hubstaff signed you out right after signing in, so nothing was saved. Try signing in again; if it keeps happening, copy the diagnostics (Settings › Accounts).',
    });
    await expectNothingStored(h);
  });

  it('an empty or mangled token is refused before any request', async () => {
    h = await setupHarness();
    for (const bad of ['', '   ', 'two words', 'line\nbreak']) {
      await expect(h.accounts.signInWithPersonalToken(bad)).rejects.toMatchObject({ code: 'invalid_argument' });
      await expect(h.accounts.signInWithOrganizationToken(bad)).rejects.toMatchObject({ code: 'invalid_argument' });
    }
    await expect(h.accounts.signInWithPersonalToken(42 as unknown as string)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(h.sim.requests).toEqual([]);
    await expectNothingStored(h);
  });

  it('a token pasted into the wrong field is named for what it is', async () => {
    h = await setupHarness();
    const orgToken = h.sim.control.issueOrganizationToken(h.sim.control.myOrganizationIds()[0]!);
    await expect(h.accounts.signInWithPersonalToken(orgToken)).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('organization token') });
    const pat = h.sim.control.issuePersonalAccessToken();
    await expect(h.accounts.signInWithOrganizationToken(pat)).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('personal access token') });
    expect(h.sim.requests).toEqual([]);
    await expectNothingStored(h);
  });

  it('an organization token the server rejects', async () => {
    h = await setupHarness();
    await expect(h.accounts.signInWithOrganizationToken('hsoat_0000000000000000000000000000')).rejects.toMatchObject({
      code: 'auth_failed',
      message: expect.stringContaining('organization token'),
    });
    await expectNothingStored(h);
  });

  it('a malformed organization list or an ID like 12a45 leaves the saved selection untouched', async () => {
    h = await setupHarness();
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    h.accounts.selectOrganizations(account.id, '111, 222');
    const eventsBefore = h.events.length;
    for (const bad of ['12a45', '111, 12a45', '111;222', '', ' , ', '-1', '1.5']) {
      expect(() => h!.accounts.selectOrganizations(account.id, bad)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    }
    expect(() => h!.accounts.selectOrganizations(account.id, [111, 'x' as unknown as number])).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => h!.accounts.selectOrganizations(account.id, '12a45')).toThrow(/"12a45" is not an organization ID/);
    expect(h.accounts.get(account.id).organizations.map((o) => o.id)).toEqual([111, 222]);
    expect(h.events.length).toBe(eventsBefore);
  });

  it('unknown accounts are not_found, and reconnecting as another user changes nothing', async () => {
    h = await setupHarness();
    await expect(h.accounts.listOrganizations('hubstaff:999')).rejects.toMatchObject({ code: 'not_found' });
    expect(() => h!.accounts.selectOrganizations('hubstaff:999', [1])).toThrow(expect.objectContaining({ code: 'not_found' }));
    await expect(h.accounts.signOut('hubstaff:999')).rejects.toMatchObject({ code: 'not_found' });

    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    const entry = await h.keychainEntry(account.id);
    const stranger = (h.sim.control.users() as { id: number }[]).find((u) => String(u.id) !== account.userId)!;
    await expect(h.accounts.reconnect(account.id, { kind: 'personal', token: h.sim.control.issuePersonalAccessToken(stranger.id) })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(h.accounts.list().map((a) => a.id)).toEqual([account.id]);
    expect(await h.keychainEntry(account.id)).toEqual(entry);
    expect(await h.storedKeys()).toHaveLength(1);
  });

  it('Hubstaff unreachable: a clear offline/unavailable error, nothing stored', async () => {
    h = await setupHarness();
    const pat = h.sim.control.issuePersonalAccessToken();
    await h.sim.close();
    const err = await h.accounts.signInWithPersonalToken(pat).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: expect.stringMatching(/^(offline|unavailable)$/), message: expect.stringContaining('Hubstaff') });
    await expectNothingStored(h);
  });
});
