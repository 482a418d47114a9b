import { afterEach, describe, expect, it } from 'vitest';
import { StintError } from '../../../../../src/common/errors';
import { listStreamStatus, readAccountSyncState, recordRun, recordStreamError } from '../../../../../src/main/core/sync/store/syncStatus';
import { failureInfo } from '../../../../../src/main/core/sync/syncProvider';
import { tempDb } from './helpers';

let env: ReturnType<typeof tempDb>;
afterEach(() => env?.close());

// A server's error body echoing a token, as a 400's error_description would.
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NSIsImV4cCI6MX0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const serverText = `Hubstaff rejected the request: invalid token ${JWT} for organization 7`;
const AT = '2024-06-03T09:00:00.000Z';

describe('last_error passes through the redactor', () => {
  it('a server error body carrying a JWT is stored in sync_stream_status and sync_account_state redacted', () => {
    env = tempDb();
    recordStreamError(env.db, 'hubstaff:1', 7, 'tasks', { code: 'bad_request', message: serverText, correlationId: 'c-1' }, AT);
    recordRun(env.db, 'hubstaff:1', 'error', null, { code: 'bad_request', message: serverText }, AT);
    const raw = JSON.stringify(env.db.prepare('SELECT last_error FROM sync_stream_status UNION ALL SELECT last_error FROM sync_account_state').all());
    expect(raw).not.toContain(JWT.split('.')[2]);
    const [row] = listStreamStatus(env.db, 'hubstaff:1');
    expect(row!.lastError).toEqual({ code: 'bad_request', message: 'Hubstaff rejected the request: invalid token [redacted] for organization 7', correlationId: 'c-1' });
    expect(readAccountSyncState(env.db, 'hubstaff:1')!.lastError!.message).not.toContain(JWT);
  });

  it('the error a run reports (and shows) is redacted too', () => {
    const info = failureInfo(new StintError('bad_request', serverText, { correlationId: 'c-2' }));
    expect(info).toEqual({ code: 'bad_request', message: 'Hubstaff rejected the request: invalid token [redacted] for organization 7', correlationId: 'c-2' });
    expect(failureInfo(new Error(serverText)).message).not.toContain(JWT);
  });
});
