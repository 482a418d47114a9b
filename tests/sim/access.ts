// What every API handler gets (the request context) and the access rules they share:
// 404 for an unknown organization or project, 403 for one the token's user is not a member of
// (or that an organization token does not cover).

import type { Principal } from './auth';
import { ApiError } from './http-util';
import type { Body, Query } from './http-util';
import type { MemberRec, OrgRec, ProjectRec } from './model';
import type { World } from './seed';

export interface ApiContext {
  world: World;
  now: () => number;
  /** Microsecond "now", strictly increasing (every change gets a distinct updated_at). */
  nowUs: () => number;
  /** Enforce Hubstaff's "earliest date" limits (activities 6 months, updates 45 days, daily 3 years). */
  historyLimits: boolean;
  /** Writes need a token whose grant has hubstaff:write (organization tokens always may). */
  requireWriteScope: boolean;
}

export interface Req {
  ctx: ApiContext;
  principal: Principal;
  q: Query;
  /** The parsed request body (write endpoints only). */
  body: Body | null;
}

export function orgAccess(r: Req, orgId: number): { org: OrgRec; member: MemberRec } {
  const org = r.ctx.world.organization(orgId);
  if (!org) throw new ApiError('not_found', 'Could not find record');
  if (r.principal.orgId !== null && r.principal.orgId !== orgId) throw new ApiError('forbidden', 'This token does not give access to this organization');
  const member = r.ctx.world.membership(orgId, r.principal.userId);
  if (!member) throw new ApiError('forbidden', 'You are not a member of this organization');
  return { org, member };
}

export function projectAccess(r: Req, projectId: number): { org: { org: OrgRec; member: MemberRec }; project: ProjectRec } {
  const project = r.ctx.world.project(projectId);
  if (!project) throw new ApiError('not_found', 'Could not find record');
  return { org: orgAccess(r, project.orgId), project };
}
