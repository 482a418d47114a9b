import { afterEach, expect, it } from 'vitest';
import { waitFor } from '../../../helpers/waitFor';
import { describeOverStores } from '../secrets/testStores';
import { countRequests, setupHarness as setup, type Harness, type HarnessOptions } from './harness';
import { faultyKeychain, LOCKED } from './faultyKeychain';
import { holdingFetch } from './holdingFetch';

// Sign-out and reconnect against a refresh in flight, and a keychain that refuses a rotated pair.
// The token endpoint is held mid-refresh (its answer arrives, then waits for the test), so every
// interleaving here is deterministic.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const refreshCalls = (x: Harness): number => countRequests(x.sim, (r) => r.path === '/access_tokens' && r.grantType === 'refresh_token');


describeOverStores('sign-out and reconnect against a refresh in flight (simulator)', 'memory', (store) => {
  const setupHarness = (o: HarnessOptions = {}): Promise<Harness> => setup({ store, ...o });

  it('sign-out while a refresh is held: the refresh saves nothing, the keychain stays empty, no token is handed out', async () => {
    const gate = holdingFetch((path) => path.endsWith('/access_tokens'));
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 }, accounts: { fetch: gate.fetch } });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    const tokens = h.accounts.tokenProvider(account.id);
    h.clock.advance(2 * 3600_000);
    const held = gate.hold();
    const refreshing = tokens.getAccessToken();
    const refreshingSettled = refreshing.catch((e: unknown) => e);
    await held.arrived;
    const signingOut = h.accounts.signOut(account.id);
    held.release();
    await signingOut;
    expect(await refreshingSettled).toMatchObject({ code: 'auth_revoked' });
    expect(await h.keychainEntry(account.id)).toBeNull();
    expect(await h.storedKeys()).toEqual([]);
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: 'auth_revoked' });
    await expect(h.accounts.tokenProvider(account.id).getAccessToken()).rejects.toMatchObject({ code: 'auth_revoked' });
    expect(await tokens.onUnauthorized('anything')).toBeNull();
    expect(await h.keychainEntry(account.id)).toBeNull();
    expect(h.accounts.get(account.id).status).toBe('needs_reconnect');
  });

  it('reconnect while a refresh of the old sign-in is held: only the new grant is stored, and callers get its token', async () => {
    const gate = holdingFetch((path) => path.endsWith('/access_tokens'));
    h = await setupHarness({ sim: { accessTokenLifetimeSec: 3600 }, accounts: { fetch: gate.fetch } });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    const tokens = h.accounts.tokenProvider(account.id);
    h.clock.advance(2 * 3600_000);
    const held = gate.hold();
    const refreshing = tokens.getAccessToken();
    await held.arrived;
    const oldGrant = h.sim.control.listRefreshTokens().find((t) => !t.used && !t.revoked)!.grantId;
    const whoAmI = (): number => countRequests(h!.sim, (r) => r.path === '/v2/users/me');
    const asked = whoAmI();
    const reconnecting = h.accounts.reconnect(account.id, { kind: 'personal', token: h.sim.control.issuePersonalAccessToken() });
    // The reconnect's own exchange passes (the hold was for one answer) and it verifies the new
    // sign-in; then it waits for the account's refresh lock, which the held refresh has.
    await waitFor(() => whoAmI() > asked, 'the reconnect to verify the new sign-in');
    await new Promise((r) => setTimeout(r, 50));
    held.release();
    const view = await reconnecting;
    expect(view).toMatchObject({ status: 'connected', statusMessage: null });
    const entry = (await h.keychainEntry(account.id))!;
    const stored = h.sim.control.listRefreshTokens().find((t) => t.token === entry.refreshToken)!;
    expect(stored.grantId).not.toBe(oldGrant);
    expect(stored.used).toBe(false);
    expect(await refreshing).toBe(entry.accessToken);
    expect(await tokens.getAccessToken()).toBe(entry.accessToken);
  });
});

describeOverStores('a renewed sign-in is never lost (simulator)', 'memory', (store) => {
  it('a keychain that refuses the rotated pair once: the pair is kept in memory and used, written later, the account stays connected with a warning', async () => {
    const keychain = faultyKeychain({ as: 'error' });
    h = await setup({ store, sim: { accessTokenLifetimeSec: 3600 }, wrapStore: keychain.wrap });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    const tokens = h.accounts.tokenProvider(account.id);
    const before = (await h.keychainEntry(account.id))!;
    h.clock.advance(2 * 3600_000);
    keychain.failWrites(1);
    const renewed = await tokens.getAccessToken();
    expect(renewed).not.toBe(before.accessToken);
    expect(await h.keychainEntry(account.id)).toEqual(before); // the write failed
    const warned = h.accounts.get(account.id);
    expect(warned.status).toBe('connected');
    expect(warned.statusMessage).toMatch(/could not save it to the keychain: The keychain is locked.*unlock the keychain/);
    // A sync reporting success does not hide the warning while the pair is unsaved.
    expect(h.accounts.setStatus(account.id, 'connected').statusMessage).toBe(warned.statusMessage);
    // The pair in memory is used (the keychain's refresh token is dead): API calls work, no refresh.
    const refreshes = refreshCalls(h);
    expect((await h.accounts.listOrganizations(account.id)).length).toBeGreaterThan(0);
    expect(refreshCalls(h)).toBe(refreshes);
    // After the backoff the next use writes it.
    h.clock.advance(60_000);
    expect(await tokens.getAccessToken()).toBe(renewed);
    const saved = (await h.keychainEntry(account.id))!;
    expect(saved.accessToken).toBe(renewed);
    expect(saved.refreshToken).not.toBe(before.refreshToken);
    expect(h.accounts.get(account.id)).toMatchObject({ status: 'connected', statusMessage: null });
    // And the saved pair renews as usual.
    h.clock.advance(2 * 3600_000);
    expect(await tokens.getAccessToken()).not.toBe(renewed);
    expect(h.accounts.get(account.id).status).toBe('connected');
  });

  it('a keychain that cannot be read does not park the account: keychain_unavailable, still connected, and it works once readable', async () => {
    const keychain = faultyKeychain();
    h = await setup({ store, sim: { accessTokenLifetimeSec: 3600 }, wrapStore: keychain.wrap });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    const tokens = h.accounts.tokenProvider(account.id);
    keychain.failReads();
    await expect(tokens.getAccessToken()).rejects.toMatchObject({
      code: 'keychain_unavailable',
      message: expect.stringMatching(/could not read the Hubstaff sign-in from the keychain \(The keychain is locked\).*the sign-in is kept/),
    });
    expect(h.accounts.get(account.id)).toMatchObject({ status: 'connected' });
    expect(await h.keychainEntry(account.id)).not.toBeNull();
    keychain.readsWork();
    h.clock.advance(5_000);
    expect(await tokens.getAccessToken()).toBe((await h.keychainEntry(account.id))!.accessToken);
    expect(h.accounts.get(account.id).status).toBe('connected');
    expect(h.accounts.keychainStatus()).toEqual({ available: true });
  });

  it('a locked keychain refusing the rotated pair: kept for the session, saved to the keychain once it is unlocked, and a restart signs in from it', async () => {
    const keychain = faultyKeychain();
    h = await setup({ store, sim: { accessTokenLifetimeSec: 3600 }, wrapStore: keychain.wrap });
    const account = await h.accounts.signInWithPersonalToken(h.sim.control.issuePersonalAccessToken());
    const tokens = h.accounts.tokenProvider(account.id);
    const before = (await h.keychainEntry(account.id))!;
    h.clock.advance(2 * 3600_000);
    keychain.failWrites(1);
    const renewed = await tokens.getAccessToken();
    expect(renewed).not.toBe(before.accessToken);
    expect(await h.keychainEntry(account.id)).toEqual(before); // the keychain still holds the spent refresh token
    expect(h.accounts.get(account.id)).toMatchObject({ status: 'connected', sessionOnly: true });
    expect(h.accounts.keychainStatus()).toMatchObject({ available: false, message: expect.stringContaining(LOCKED) });
    // Unlocked: after the backoff the next use saves the pair there.
    h.clock.advance(5_000);
    expect(await tokens.getAccessToken()).toBe(renewed);
    expect((await h.keychainEntry(account.id))!.accessToken).toBe(renewed);
    expect(h.accounts.get(account.id)).toMatchObject({ status: 'connected', sessionOnly: false });
    expect(h.events.filter((e) => e.type === 'keychain-status').map((e) => e.type === 'keychain-status' && e.status.available)).toEqual([false, true]);
    // The app restarts: another instance renews from what the keychain holds.
    const restarted = h.secondInstance();
    h.clock.advance(2 * 3600_000);
    expect(await restarted.accounts.tokenProvider(account.id).getAccessToken()).not.toBe(renewed);
    expect(restarted.accounts.get(account.id).status).toBe('connected');
  });
});
