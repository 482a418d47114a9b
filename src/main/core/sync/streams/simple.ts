import { StintError } from '../../../../common/errors';
import type { HubstaffTask } from '../../providers/hubstaff/schemas';
import { upsertMemberPage } from '../store/members';
import { upsertOrganizationPage } from '../store/organizations';
import { upsertProjectPage } from '../store/projects';
import { perDb } from '../store/statements';
import { markRemovedSourceItems, sweepOrganizationRows } from '../store/sweep';
import { upsertTaskPage } from '../store/tasks';
import { upsertTimeOffPolicyPage } from '../store/timeOffPolicies';
import { upsertTimeOffRequestPage } from '../store/timeOff';
import { listingDue, readListing } from './listing';
import type { Stream, StreamContext } from './types';
import { iso } from './types';

// The streams Hubstaff lists whole, with their cadence (DESIGN §6): organizations and me every
// 6 h, members, projects and time off every 15 min, tasks (the sidebar) every poll.

export const meStream: Stream = {
  name: 'me',
  due: (ctx) => listingDue(ctx, 'me', ctx.cadence.accountMs),
  async run(ctx) {
    const user = await ctx.client.usersMe({ signal: ctx.signal });
    ctx.count('me', 1, 0);
    if (user.id !== ctx.userId) {
      // The keychain holds another user's sign-in than this account's: never sync it under this account.
      throw new StintError('auth_revoked', `This account's saved sign-in now belongs to another Hubstaff user (${user.id}); reconnect the account.`);
    }
    await readListing(ctx, 'me', [], { write: () => {} });
  },
};

const nameSelection = perDb((db) =>
  db.prepare(
    `UPDATE account_organizations SET name = (SELECT name FROM hubstaff_organizations o WHERE o.id = account_organizations.organization_id)
      WHERE account_id = ? AND name IS NULL AND organization_id IN (SELECT id FROM hubstaff_organizations)`,
  ),
);

export const organizationsStream: Stream = {
  name: 'organizations',
  due: (ctx) => listingDue(ctx, 'organizations', ctx.cadence.accountMs),
  run: (ctx) =>
    readListing(ctx, 'organizations', ctx.client.organizations({ signal: ctx.signal }), {
      write: (records, syncedAt) => upsertOrganizationPage(ctx.db, records, undefined, syncedAt),
      // Organizations typed in by ID get their names once Hubstaff has told us.
      finish: () => nameSelection(ctx.db).run(ctx.accountId),
    }),
};

export const projectsStream: Stream = {
  name: 'projects',
  due: (ctx) => listingDue(ctx, 'projects', ctx.cadence.slowMs),
  async run(ctx) {
    const before = totalChanges(ctx);
    let after = before;
    await readListing(ctx, 'projects', ctx.client.projects(ctx.orgId, { status: 'all', signal: ctx.signal }), {
      write: (records, syncedAt) => upsertProjectPage(ctx.db, ctx.orgId, records, undefined, syncedAt),
      finish: (mark, clean) => {
        if (clean) sweepOrganizationRows(ctx.db, 'hubstaff_projects', ctx.orgId, mark);
        after = totalChanges(ctx);
      },
    });
    if (after > before) ctx.changed('sources'); // renames reach sidebar items
  },
};

export const membersStream: Stream = {
  name: 'members',
  due: (ctx) => listingDue(ctx, 'members', ctx.cadence.slowMs),
  run: (ctx) =>
    readListing(ctx, 'members', ctx.client.members(ctx.orgId, { signal: ctx.signal }), {
      write: (records, syncedAt) => upsertMemberPage(ctx.db, ctx.orgId, records, undefined, syncedAt),
      finish: (mark, clean) => {
        if (clean) sweepOrganizationRows(ctx.db, 'hubstaff_members', ctx.orgId, mark);
      },
    }),
};

const knownPolicies = perDb((db) => db.prepare('SELECT id FROM hubstaff_time_off_policies WHERE organization_id = ?').pluck());
const referencedPolicies = perDb((db) =>
  db.prepare('SELECT DISTINCT time_off_policy_id FROM hubstaff_time_off_requests WHERE organization_id = ? AND time_off_policy_id IS NOT NULL').pluck(),
);

export const timeOffStream: Stream = {
  name: 'time_off_requests',
  due: (ctx) => listingDue(ctx, 'time_off_requests', ctx.cadence.slowMs),
  async run(ctx) {
    const before = totalChanges(ctx);
    let after = before;
    await readListing(ctx, 'time_off_requests', ctx.client.timeOffRequests(ctx.orgId, { signal: ctx.signal }), {
      write: (records, syncedAt) => upsertTimeOffRequestPage(ctx.db, ctx.orgId, records, undefined, syncedAt),
      finish: (mark, clean) => {
        if (clean) sweepOrganizationRows(ctx.db, 'hubstaff_time_off_requests', ctx.orgId, mark);
        after = totalChanges(ctx);
      },
    });
    // Policy names label the days; they are read only when a request names an unknown policy
    // (or on a full re-read), so steady polling costs nothing extra.
    const known = new Set(knownPolicies(ctx.db).all(ctx.orgId) as number[]);
    const missing = (referencedPolicies(ctx.db).all(ctx.orgId) as number[]).some((id) => !known.has(id));
    if (missing || ctx.full) {
      for await (const page of ctx.client.timeOffPolicies(ctx.orgId, { signal: ctx.signal })) {
        ctx.count('time_off_requests', 0, page.skipped.length);
        upsertTimeOffPolicyPage(ctx.db, ctx.orgId, page.records, undefined, iso(ctx.now()));
        after = totalChanges(ctx);
      }
    }
    if (after > before) ctx.changed('tracked');
  },
};

/**
 * The sidebar's Hubstaff to-dos: active and completed ones, every poll. Items a complete listing
 * no longer returns were deleted or archived upstream: they are marked removed, and a local
 * task linked to one is marked "source removed" (never deleted).
 */
export const tasksStream: Stream = {
  name: 'tasks',
  due: () => true,
  async run(ctx) {
    const live: string[] = [];
    const before = totalChanges(ctx);
    let after = before;
    let tasksChanged = 0;
    await readListing<HubstaffTask>(ctx, 'tasks', ctx.client.tasks(ctx.orgId, { status: ['active', 'completed'], signal: ctx.signal }), {
      write: (records, syncedAt) => {
        for (const t of records) live.push(String(t.id));
        upsertTaskPage(ctx.db, ctx.orgId, records, undefined, syncedAt);
      },
      finish: (_mark, clean) => {
        if (clean) tasksChanged = markRemovedSourceItems(ctx.db, ctx.orgId, live, iso(ctx.now())).tasksChanged;
        after = totalChanges(ctx);
      },
    });
    if (after > before) ctx.changed('sources');
    if (tasksChanged) ctx.changed('tasks');
  },
};

const totalChangesStatement = perDb((db) => db.prepare('SELECT total_changes()').pluck());

/** Rows changed on this connection so far: compared around a stream's writes (not its cursor) to tell views. */
function totalChanges(ctx: StreamContext): number {
  return totalChangesStatement(ctx.db).get() as number;
}
