// Deterministic HubSpot data for a seed: the portal, owners ("me" first) and tasks with
// statuses, owners, due dates and modification times spread over a fixed window, so the same
// seed gives the same data on every run and machine (the clock only matters for later changes).

import { createPrng } from '../sim/prng';
import type { OwnerRec, Portal, TaskProps, TaskRec, TaskVersion } from './model';
import { iso } from './model';

export interface HubspotSeedSpec {
  /** Owners besides "me" (default 4). */
  owners?: number;
  /** Live tasks (default 30). */
  tasks?: number;
  /** Archived tasks on top (default 2). */
  archivedTasks?: number;
  /** Tasks are created and modified within [from, to) (default 2024-01-01 … 2024-06-01, UTC). */
  from?: string;
  to?: string;
  /** Share of tasks owned by "me" (default 0.4); about 5% have no owner. */
  myShare?: number;
  /** The portal's time zone (default UTC). */
  timeZone?: string;
}

export interface HubspotWorld {
  portal: Portal;
  /** The signed-in user's owner record (owners[0]). */
  me: OwnerRec;
  owners: OwnerRec[];
  /** Every task, archived ones included, in creation (= id) order. */
  tasks: TaskRec[];
  byId: Map<string, TaskRec>;
  nextIds: { task: number; owner: number; user: number };
  /** Bumped on every change to tasks (the search index rebuilds on it). */
  revision: number;
}

/** Task ids start above 2^31, as real portal ids do, so nothing may assume 32-bit ids. */
export const TASK_ID_BASE = 20_000_000_001;
export const OWNER_ID_BASE = 60_000_001;
export const USER_ID_BASE = 9_000_001;
export const DEFAULT_FROM = '2024-01-01T00:00:00.000Z';
export const DEFAULT_TO = '2024-06-01T00:00:00.000Z';
const DAY_MS = 86_400_000;

const FIRST = ['Art', 'Jane', 'Kenji', 'Priya', 'Lars', 'Amara', 'Diego', 'Mei', 'Olu', 'Sofia'];
const LAST = ['Vandelay', 'Okafor', 'Lindqvist', 'Tanaka', 'Moreau', 'Silva', 'Novak', 'Haddad'];
const COMPANIES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Soylent', 'Hooli', 'Vehement Capital'];
const VERBS = ['Call', 'Email', 'Follow up with', 'Send proposal to', 'Book demo with', 'Renew contract for'];
const DURATIONS = ['[30m]', '[1h]', '[1h30m]', '[45m]'];

function pickStatus(r: number): string {
  if (r < 0.4) return 'NOT_STARTED';
  if (r < 0.55) return 'IN_PROGRESS';
  if (r < 0.65) return 'WAITING';
  if (r < 0.95) return 'COMPLETED';
  return 'DEFERRED';
}

export function ownerRec(n: number, first: string, last: string, email: string, createdMs: number): OwnerRec {
  return { id: String(OWNER_ID_BASE + n), userId: USER_ID_BASE + n, email, firstName: first, lastName: last, archived: false, createdMs, updatedMs: createdMs };
}

export function generateWorld(seed: number, spec: HubspotSeedSpec = {}): HubspotWorld {
  const prng = createPrng(seed);
  const fromMs = Date.parse(spec.from ?? DEFAULT_FROM);
  const toMs = Date.parse(spec.to ?? DEFAULT_TO);
  if (!(toMs > fromMs)) throw new Error('seed window: `to` must be after `from`');
  const portal: Portal = { hubId: 62_515 + (seed % 1000), hubDomain: `stint-sim-${seed}.hubspot.com`, timeZone: spec.timeZone ?? 'UTC' };

  const ownersCreated = fromMs - 30 * DAY_MS;
  const me = ownerRec(0, 'Sam', 'Planner', 'me@stint.example', ownersCreated);
  const owners = [me];
  for (let i = 1; i <= (spec.owners ?? 4); i++) {
    const first = FIRST[(i - 1) % FIRST.length]!;
    const last = LAST[(i * 3) % LAST.length]!;
    owners.push(ownerRec(i, first, last, `${first}.${last}.${i}@stint.example`.toLowerCase(), ownersCreated + i * 1000));
  }

  const live = spec.tasks ?? 30;
  const total = live + (spec.archivedTasks ?? 2);
  const created: number[] = [];
  for (let i = 0; i < total; i++) created.push(fromMs + Math.floor(prng.next() * (toMs - fromMs)));
  created.sort((a, b) => a - b);
  // Which ones are archived is picked spread out, not all at the end.
  const archived = new Set<number>();
  while (archived.size < total - live) archived.add(prng.int(0, total - 1));

  const myShare = spec.myShare ?? 0.4;
  const tasks: TaskRec[] = [];
  const byId = new Map<string, TaskRec>();
  for (let i = 0; i < total; i++) {
    const id = String(TASK_ID_BASE + i);
    const createdMs = created[i]!;
    const modifiedMs = prng.chance(0.3) ? createdMs : createdMs + Math.floor(prng.next() * (toMs - createdMs));
    const status = pickStatus(prng.next());
    const r = prng.next();
    const owner = r < 0.05 ? null : r < 0.05 + myShare ? me : owners[prng.int(1, owners.length - 1)] ?? me;
    const who = prng.chance(0.5) ? `${prng.pick(FIRST)} ${prng.pick(LAST)}` : prng.pick(COMPANIES);
    const subject = `${prng.pick(VERBS)} ${who}${prng.chance(0.15) ? ` ${prng.pick(DURATIONS)}` : ''}`;
    const props: TaskProps = {
      hs_object_id: id,
      hs_createdate: iso(createdMs),
      hs_lastmodifieddate: iso(modifiedMs),
      hs_timestamp: iso(createdMs + prng.int(1, 14) * DAY_MS),
      hs_task_subject: subject,
      hs_task_body: prng.chance(0.5) ? `Notes about ${who}: ${prng.pick(['pricing', 'renewal', 'onboarding', 'a missed call'])}.` : null,
      hs_task_status: status,
      hs_task_priority: prng.chance(0.2) ? null : prng.pick(['LOW', 'MEDIUM', 'HIGH']),
      hs_task_type: prng.pick(['TODO', 'TODO', 'TODO', 'CALL', 'EMAIL']),
      hubspot_owner_id: owner ? owner.id : null,
      hs_task_completion_date: status === 'COMPLETED' ? iso(modifiedMs) : null,
      hs_task_reminders: null,
    };
    const isArchived = archived.has(i);
    const version: TaskVersion = { id, props, archived: isArchived, archivedMs: isArchived ? modifiedMs : null, createdMs, modifiedMs };
    const rec: TaskRec = { id, current: version, indexedAtMs: modifiedMs, indexed: version };
    tasks.push(rec);
    byId.set(id, rec);
  }
  return { portal, me, owners, tasks, byId, nextIds: { task: TASK_ID_BASE + total, owner: owners.length, user: owners.length }, revision: 0 };
}
