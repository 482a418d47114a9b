// "Copy diagnostics" with real tokens: a Stint signed in to the simulator holds real JWTs; they
// are then planted in every place diagnostics reads (log lines, an unredacted legacy line, the
// account's status message) and must never come out. Correlation ids must.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, LOG_FILE, type App } from '../../../../src/main/core/app';
import { Redactor } from '../../../../src/main/core/log/redact';
import { MemorySecretStore } from '../../../../src/main/core/secrets/index';
import { buildDiagnostics, recentLogProblems } from '../../../../src/main/core/shell/diagnostics';
import { startSimulator, type Simulator } from '../../../sim/index';
import { tempDir } from './temp';

let sim: Simulator | null = null;
let app: App | null = null;
afterEach(async () => {
  if (app) {
    await app.sync.close();
    app.close();
  }
  await sim?.close();
  app = null;
  sim = null;
});

/** Every string of 16+ characters in the stored credential: the tokens. */
function tokensIn(json: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length >= 16) out.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(JSON.parse(json));
  return out;
}

describe('diagnostics', () => {
  it('carry versions, account states and the last errors with correlation ids, and never a token', async () => {
    sim = await startSimulator({ seed: 11, data: { activities: false } });
    const secrets = new MemorySecretStore();
    const dataDir = tempDir();
    app = createApp({ dataDir, secrets, env: { STINT_HUBSTAFF_ACCOUNT_URL: sim.baseUrl, STINT_HUBSTAFF_API_URL: sim.apiUrl }, appVersion: '9.9.9',
      sync: { client: { sleep: async () => {}, random: () => 0.5, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } } },
    });
    const pat = sim.control.issuePersonalAccessToken();
    const orgId = sim.control.myOrganizationIds()[0]!;
    const orgToken = sim.control.issueOrganizationToken(orgId);
    let account = await app.accounts.signInWithPersonalToken(pat);
    account = app.accounts.selectOrganizations(account.id, [orgId]);

    // A stream failure the server answers with its own request id: the correlation id.
    sim.control.injectFaults({ kind: 'server_error', path: '/tasks$' });
    await app.sync.syncNow();
    const failed = app.sync.status().streams.find((s) => s.stream === 'tasks' && s.lastError);
    expect(failed?.lastError?.correlationId).toBeTruthy();

    const stored = await secrets.get(account.id);
    const tokens = [...tokensIn(stored!), pat, orgToken];
    expect(tokens.length).toBeGreaterThanOrEqual(4);

    // Plant the tokens: through the logger, in a raw line an older Stint might have written, and
    // in the account's status message.
    const [access, refresh] = tokens;
    app.logger.scope('auth').error('refresh failed', { correlationId: 'corr-logged-1', code: 'auth_revoked', message: `token ${refresh} refused`, path: `/v2/users/me?access_token=${access}` });
    const logFile = join(dataDir, LOG_FILE);
    appendFileSync(logFile, `${JSON.stringify({ t: app.clock.now().toISOString(), level: 'error', scope: 'legacy', msg: `Authorization: Bearer ${access}`, correlationId: 'corr-legacy-2', message: `${pat} ${orgToken}` })}\n`);
    app.accounts.setStatus(account.id, 'needs_reconnect', `Hubstaff refused ${refresh}`);

    const text = app.shell.diagnostics();
    for (const t of tokens) expect(text, 'a token leaked').not.toContain(t);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{8}|hsoat_/);
    expect(text).toContain('[redacted]');
    // Who the user is stays out (a support paste needs the state, not the person).
    expect(text).not.toContain(account.email ?? '@');

    expect(text).toMatch(/^Stint diagnostics, \d{4}-\d\d-\d\dT/);
    expect(text).toContain('stint 9.9.9');
    expect(text).toContain(`node ${process.versions.node}`);
    expect(text).toContain(`${account.id} [hubstaff, personal] needs_reconnect; organizations ${orgId}`);
    expect(text).toContain(`tasks: unavailable`);
    expect(text).toContain(`(correlation id ${failed!.lastError!.correlationId})`);
    expect(text).toContain('correlation id corr-logged-1');
    expect(text).toContain('correlation id corr-legacy-2');
    expect(text).toContain(`Data directory: ${dataDir}`);

    // Copy without a clipboard (headless): the text comes back, marked not copied.
    expect(app.shell.copyDiagnostics()).toEqual({ text: expect.stringContaining('Stint diagnostics'), copied: false });
    expect(await app.dispatch('app.copyDiagnostics', undefined)).toMatchObject({ ok: true, value: { copied: false } });
  });

  it('read the last warnings and errors across the rotated file, oldest first, skipping junk', () => {
    const dir = tempDir();
    const log = join(dir, 'stint.log');
    const line = (level: string, msg: string, extra: Record<string, unknown> = {}) => `${JSON.stringify({ t: `2026-11-24T10:00:0${msg.length % 10}Z`, level, scope: 's', msg, ...extra })}\n`;
    writeFileSync(`${log}.1`, line('error', 'old failure', { error: { message: 'boom', correlationId: 'c-old' } }) + line('info', 'fine'));
    writeFileSync(log, `not json\n${line('warn', 'request failed', { status: 503, path: '/v2/x', code: 'unavailable', correlationId: 'c-new' })}${line('debug', 'noise')}{"broken":`);
    const problems = recentLogProblems(log);
    expect(problems.map((p) => [p.msg, p.correlationId])).toEqual([
      ['old failure', 'c-old'],
      ['request failed', 'c-new'],
    ]);
    expect(problems[1]!.detail).toBe('path=/v2/x status=503 code=unavailable');
    expect(recentLogProblems(log, 1).map((p) => p.msg)).toEqual(['request failed']);
    expect(recentLogProblems(join(dir, 'missing.log'))).toEqual([]);
    expect(existsSync(join(dir, 'missing.log'))).toBe(false);
  });

  it('pass the finished text through the redactor they are given', () => {
    const r = new Redactor();
    r.add('opaque-secret-value-0123456789');
    const text = buildDiagnostics({
      now: new Date('2026-11-24T10:00:00Z'),
      versions: { stint: '1', electron: undefined },
      platform: 'linux',
      arch: 'x64',
      dataDir: '/d',
      keychain: { available: false, message: 'opaque-secret-value-0123456789' },
      accounts: [],
      sync: { state: 'signed_out', lastSyncedAt: null, accounts: [], streams: [] },
      logFile: '/nonexistent/stint.log',
      redactor: r,
    });
    expect(text).not.toContain('opaque-secret-value');
    expect(text).toContain('Versions: stint 1; linux x64');
    expect(text).toContain('Accounts (0)');
    expect(text).toContain('- none');
  });
});
