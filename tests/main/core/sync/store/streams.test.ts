import { afterEach, describe, expect, it } from 'vitest';
import type { HubstaffMember, HubstaffProject, HubstaffTask, HubstaffTimeOffRequest } from '../../../../../src/main/core/providers/hubstaff/schemas';
import { clearCursor, readCursor, writeCursor } from '../../../../../src/main/core/sync/store/cursors';
import { upsertMemberPage } from '../../../../../src/main/core/sync/store/members';
import { upsertOrganizationPage } from '../../../../../src/main/core/sync/store/organizations';
import { upsertProjectPage } from '../../../../../src/main/core/sync/store/projects';
import { upsertTaskPage } from '../../../../../src/main/core/sync/store/tasks';
import { upsertTimeOffRequestPage } from '../../../../../src/main/core/sync/store/timeOff';
import { tempDb } from './helpers';

let env: ReturnType<typeof tempDb>;
afterEach(() => env?.close());

const project = (id: number, name: string): HubstaffProject => ({
  id, name, description: null, status: 'active', type: 'project', client_id: null, billable: true, created_at: null, updated_at: null,
});
const task = (id: number, projectId: number | null): HubstaffTask => ({
  id, summary: `Task ${id}`, status: 'active', project_id: projectId, project_type: 'project', details: null, assignee_ids: [1, 2],
  lock_version: 0, global_todo_id: null, integration_id: null, remote_id: null, completed_at: null, due_at: null, created_at: null,
  updated_at: '2024-06-01T08:00:00.000Z',
});

describe('organizations', () => {
  it('upserts by id; the cursor is account-level (org 0)', () => {
    env = tempDb();
    const org = { id: 5001, name: 'Acme', status: 'active', invite_url: null, created_at: null, updated_at: null };
    upsertOrganizationPage(env.db, [org], { accountId: 'a', stream: 'organizations', cursor: { done: true } });
    upsertOrganizationPage(env.db, [{ ...org, name: 'Acme Inc' }]);
    expect(env.db.prepare('SELECT id, name FROM hubstaff_organizations').all()).toEqual([{ id: 5001, name: 'Acme Inc' }]);
    expect(readCursor(env.db, 'a', 0, 'organizations')!.cursor).toEqual({ done: true });
  });
});

describe('members', () => {
  it('stores members keyed (org, user_id) and their side-loaded users', () => {
    env = tempDb();
    const member = (userId: number, withUser: boolean): HubstaffMember => ({
      user_id: userId, membership_role: 'user', membership_status: 'active', effective_role: 'project_user', trackable: 'true',
      removed_at: null, last_client_activity: null, created_at: null, updated_at: null,
      user: withUser ? { id: userId, name: `U${userId}`, first_name: null, last_name: null, email: null, time_zone: 'UTC', status: 'active', created_at: null, updated_at: null } : null,
    });
    upsertMemberPage(env.db, 5001, [member(1, true), member(2, false)], { accountId: 'a', stream: 'members', cursor: 1 });
    upsertMemberPage(env.db, 5001, [member(1, true)]);
    expect(env.db.prepare('SELECT user_id, trackable FROM hubstaff_members ORDER BY user_id').all()).toEqual([
      { user_id: 1, trackable: 'true' },
      { user_id: 2, trackable: 'true' },
    ]);
    expect(env.db.prepare('SELECT organization_id, id, name FROM hubstaff_users').all()).toEqual([{ organization_id: 5001, id: 1, name: 'U1' }]);
    expect(readCursor(env.db, 'a', 5001, 'members')!.cursor).toBe(1);
  });
});

describe('tasks into source_items, with project names', () => {
  it('writes provider hubstaff rows, resolving the project name from cached projects', () => {
    env = tempDb();
    upsertProjectPage(env.db, 5001, [project(7, 'Website')]);
    upsertTaskPage(env.db, 5001, [task(9001, 7), task(9002, null)], { accountId: 'a', stream: 'tasks', cursor: null });
    const rows = env.db.prepare("SELECT * FROM source_items WHERE provider = 'hubstaff' ORDER BY external_id").all();
    expect(rows).toEqual([
      expect.objectContaining({ org_id: '5001', external_id: '9001', title: 'Task 9001', status: 'active', project_id: '7', project_name: 'Website', assignee_ids: '[1,2]', removed: 0 }),
      expect.objectContaining({ external_id: '9002', project_id: null, project_name: null }),
    ]);
  });

  it('a renamed project renames its sidebar items; a re-seen removed task is live again', () => {
    env = tempDb();
    upsertProjectPage(env.db, 5001, [project(7, 'Website')]);
    upsertTaskPage(env.db, 5001, [task(9001, 7)]);
    env.db.prepare("UPDATE source_items SET removed = 1 WHERE external_id = '9001'").run();
    upsertProjectPage(env.db, 5001, [project(7, 'Web site v2')]);
    expect(env.db.prepare('SELECT project_name FROM source_items').get()).toEqual({ project_name: 'Web site v2' });
    upsertTaskPage(env.db, 5001, [task(9001, 7)]);
    expect(env.db.prepare('SELECT count(*) AS n, max(removed) AS removed FROM source_items').get()).toEqual({ n: 1, removed: 0 });
  });

  it('tasks synced before their project get the name once the project arrives', () => {
    env = tempDb();
    upsertTaskPage(env.db, 5001, [task(9001, 7)]);
    expect(env.db.prepare('SELECT project_name FROM source_items').get()).toEqual({ project_name: null });
    upsertProjectPage(env.db, 5001, [project(7, 'Website')]);
    expect(env.db.prepare('SELECT project_name FROM source_items').get()).toEqual({ project_name: 'Website' });
  });
});

describe('time off requests', () => {
  it('stores days as JSON and upserts by natural key', () => {
    env = tempDb();
    const req: HubstaffTimeOffRequest = {
      id: 1, user_id: 2, time_off_policy_id: 3, status: 'submitted', all_day: true, starts_at: '2024-06-20T09:00:00.000Z',
      stops_at: '2024-06-20T17:00:00.000Z', submitted_at: null, approved_at: null, denied_at: null, paid: true, amount_used: 28800,
      message: 'Dentist', response: null, created_at: null, updated_at: null,
      time_off_request_days: [{ date: '2024-06-20', amount_used: 28800, starts_at: null, stops_at: null, holiday: false, paid: true }],
    };
    upsertTimeOffRequestPage(env.db, 5001, [req]);
    upsertTimeOffRequestPage(env.db, 5001, [{ ...req, status: 'approved' }]);
    const row = env.db.prepare('SELECT status, all_day, days FROM hubstaff_time_off_requests').get() as { status: string; all_day: number; days: string };
    expect(row.status).toBe('approved');
    expect(row.all_day).toBe(1);
    expect(JSON.parse(row.days)).toEqual(req.time_off_request_days);
  });
});

describe('cursors', () => {
  it('round-trips JSON, overwrites, clears, and refuses non-JSON', () => {
    env = tempDb();
    writeCursor(env.db, 5001, { accountId: 'a', stream: 's', cursor: { at: '2024-06-03', page: 5 } });
    writeCursor(env.db, 5001, { accountId: 'a', stream: 's', cursor: { at: '2024-06-04', page: 0 } });
    expect(readCursor(env.db, 'a', 5001, 's')!.cursor).toEqual({ at: '2024-06-04', page: 0 });
    expect(readCursor(env.db, 'b', 5001, 's')).toBeNull();
    clearCursor(env.db, 'a', 5001, 's');
    expect(readCursor(env.db, 'a', 5001, 's')).toBeNull();
    expect(() => writeCursor(env.db, 5001, { accountId: 'a', stream: 's', cursor: undefined })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});
