import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Logger } from '../../../../src/main/core/log/logger';
import { REDACTED, Redactor } from '../../../../src/main/core/log/redact';
import { tempDir } from '../../../helpers/temp';

// Token strings shaped like the real ones (Hubstaff JWTs, organization tokens, HubSpot PATs).
const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6ImRlZmF1bHQifQ.eyJqdGkiOiJVRktFbU9oSCIsImlzcyI6Imh0dHBzOi8vYWNjb3VudC5odWJzdGFmZi5jb20iLCJleHAiOjE1OTE4ODUwMDB9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const ORG_TOKEN = 'hsoat_3kf9Q2mZp1XxYy7';
const HUBSPOT = 'pat-na1-1a2b3c4d-5e6f-7a8b-9c0d-112233445566';
const OPAQUE = 'opaque-secret-value-0123456789';

describe('Redactor', () => {
  it('removes registered secrets and token-shaped strings wherever they appear', () => {
    const r = new Redactor();
    r.add(OPAQUE);
    const text = [
      `Authorization: Bearer ${JWT}`,
      `refresh failed for ${ORG_TOKEN}`,
      `hubspot ${HUBSPOT}`,
      `body {"access_token":"${OPAQUE}","refresh_token":"x-${OPAQUE}"}`,
      `callback ?code=abc123&state=s1`,
      `plain ${OPAQUE} in text`,
      `client_secret=shh-very-secret`,
    ].join('\n');
    const out = r.redact(text);
    for (const secret of [JWT, ORG_TOKEN, HUBSPOT, OPAQUE, 'abc123', 'shh-very-secret']) expect(out).not.toContain(secret);
    expect(out).toContain(`Bearer ${REDACTED}`);
    expect(out).toContain('state=s1'); // non-secret context survives
    expect(out).toContain('"access_token":"[redacted]"');
  });

  it('redacts every occurrence of a token shape in a string, not only the first', () => {
    // Pattern-matched only (nothing registered): an error body echoing two tokens of each kind.
    const jwt = (n: number) => `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI${n}xxxxx.c2lnbmF0dXJl${n}`;
    const text = `old ${jwt(1)} new ${jwt(2)}; orgs hsoat_first1 hsoat_second2; apps pat-na1-aaaa-1111 pat-eu1-bbbb-2222`;
    const out = new Redactor().redact(text);
    for (const secret of [jwt(1), jwt(2), 'hsoat_first1', 'hsoat_second2', 'pat-na1-aaaa-1111', 'pat-eu1-bbbb-2222']) expect(out).not.toContain(secret);
    expect(out.split(REDACTED)).toHaveLength(7);
  });

  it('leaves ordinary text alone', () => {
    expect(new Redactor().redact('{"code":"auth_revoked","error_code":10001}')).toBe('{"code":"auth_revoked","error_code":10001}');
    const text = 'Synced 120 activities for organization 42 in 1.3 s (correlation 7f3c-11)';
    expect(new Redactor().redact(text)).toBe(text);
  });
});

describe('Logger', () => {
  it('writes JSON lines with secrets redacted, including inside error fields', () => {
    const dir = tempDir();
    const file = join(dir, 'logs', 'stint.log');
    const r = new Redactor();
    r.add(OPAQUE);
    const log = new Logger({ file, redactor: r }).scope('sync');
    log.info('refreshed', { token: OPAQUE, header: `Bearer ${JWT}` });
    log.error('request failed', { error: new Error(`401 for ${ORG_TOKEN}`), correlationId: 'c-1' });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', scope: 'sync', msg: 'refreshed' });
    expect(lines[1]).toMatchObject({ level: 'error', correlationId: 'c-1' });
    const raw = readFileSync(file, 'utf8');
    for (const secret of [OPAQUE, JWT, ORG_TOKEN]) expect(raw).not.toContain(secret);
  });

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = tempDir();
    const file = join(dir, 'stint.log');
    const log = new Logger({ file, maxBytes: 2_000, keep: 2 }).scope('t');
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(50)}`);
    expect(readdirSync(dir).sort()).toEqual(['stint.log', 'stint.log.1', 'stint.log.2']);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(2_000);
    expect(readFileSync(file, 'utf8')).toContain('line 199');
  });
});
