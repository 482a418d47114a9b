// Activities kept column by column in typed arrays, so 200,000 rows cost a few MB and a page is
// found by a scan from its cursor instead of by filtering a huge array of objects. Row order is
// id order (ids only grow). Seeded rows are also in time-slot order, which lets a time-range
// query binary-search its first row; rows added later sit after that sorted prefix.

import { ACTIVITY_CLIENTS } from './model';
import type { ActivityClient, ActivityInput, DailyRec } from './model';
import { DAY_MS, isoDate, isoMicros, isoSeconds } from './time';

const F_BILLABLE = 1;
const F_PAID = 2;
const F_MANUAL = 4;
const F_DELETED = 8;

/** Activity as the API returns it (Swagger `Activity`). */
export interface ActivityJson {
  id: number;
  date: string;
  created_at: string;
  updated_at: string;
  time_slot: string;
  starts_at: string;
  user_id: number;
  project_id: number;
  task_id: number | null;
  keyboard: number;
  mouse: number;
  overall: number;
  tracked: number;
  input_tracked: number;
  tracks_input: boolean;
  billable: boolean;
  paid: boolean;
  client_invoiced: boolean;
  team_invoiced: boolean;
  immutable: boolean;
  timesheet_id: number | null;
  timesheet_locked: boolean;
  time_type: string;
  client: string;
}

export interface ActivityFilter {
  orgId?: number;
  projectId?: number;
  userIds?: ReadonlySet<number> | null;
  projectIds?: ReadonlySet<number> | null;
  taskIds?: ReadonlySet<number> | null;
  /** Time-slot range [startMs, stopMs). */
  slotStartMs?: number;
  slotStopMs?: number;
  /** updated_at range [startUs, stopUs). */
  updatedStartUs?: number;
  updatedStopUs?: number;
}

export interface ActivityPatch {
  userId?: number;
  projectId?: number;
  taskId?: number | null;
  tracked?: number;
  keyboard?: number;
  mouse?: number;
  overall?: number;
  startOffsetSec?: number;
  billable?: boolean;
  paid?: boolean;
  manual?: boolean;
}

export class ActivityStore {
  length = 0;
  /** Rows [0, sortedLength) are in ascending time-slot order. */
  sortedLength = 0;
  /** Bumped on every change, so derived data (daily activities) knows when to rebuild. */
  version = 0;

  private cap: number;
  private ids: Float64Array;
  private orgIds: Int32Array;
  private userIds: Int32Array;
  private projectIds: Int32Array;
  private taskIds: Int32Array; // 0 = no task
  private slotMs: Float64Array;
  private startOffset: Uint16Array;
  private tracked: Uint16Array;
  private keyboard: Uint16Array;
  private mouse: Uint16Array;
  private overall: Uint16Array;
  private flags: Uint8Array;
  private clients: Uint8Array;
  private createdUs: Float64Array;
  private updatedUs: Float64Array;

  constructor(
    private nextId: number,
    initialCapacity = 1024,
  ) {
    this.cap = Math.max(16, initialCapacity);
    this.ids = new Float64Array(this.cap);
    this.orgIds = new Int32Array(this.cap);
    this.userIds = new Int32Array(this.cap);
    this.projectIds = new Int32Array(this.cap);
    this.taskIds = new Int32Array(this.cap);
    this.slotMs = new Float64Array(this.cap);
    this.startOffset = new Uint16Array(this.cap);
    this.tracked = new Uint16Array(this.cap);
    this.keyboard = new Uint16Array(this.cap);
    this.mouse = new Uint16Array(this.cap);
    this.overall = new Uint16Array(this.cap);
    this.flags = new Uint8Array(this.cap);
    this.clients = new Uint8Array(this.cap);
    this.createdUs = new Float64Array(this.cap);
    this.updatedUs = new Float64Array(this.cap);
  }

  private grow(): void {
    this.cap *= 2;
    const g = <T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.ids = g(this.ids);
    this.orgIds = g(this.orgIds);
    this.userIds = g(this.userIds);
    this.projectIds = g(this.projectIds);
    this.taskIds = g(this.taskIds);
    this.slotMs = g(this.slotMs);
    this.startOffset = g(this.startOffset);
    this.tracked = g(this.tracked);
    this.keyboard = g(this.keyboard);
    this.mouse = g(this.mouse);
    this.overall = g(this.overall);
    this.flags = g(this.flags);
    this.clients = g(this.clients);
    this.createdUs = g(this.createdUs);
    this.updatedUs = g(this.updatedUs);
  }

  /** Appends a row and returns its id. */
  append(a: ActivityInput): number {
    if (this.length === this.cap) this.grow();
    const i = this.length++;
    const id = this.nextId++;
    this.ids[i] = id;
    this.orgIds[i] = a.orgId;
    this.userIds[i] = a.userId;
    this.projectIds[i] = a.projectId;
    this.taskIds[i] = a.taskId ?? 0;
    this.slotMs[i] = a.slotMs;
    this.startOffset[i] = a.startOffsetSec;
    this.tracked[i] = a.tracked;
    this.keyboard[i] = a.keyboard;
    this.mouse[i] = a.mouse;
    this.overall[i] = a.overall;
    this.flags[i] = (a.billable ? F_BILLABLE : 0) | (a.paid ? F_PAID : 0) | (a.manual ? F_MANUAL : 0);
    this.clients[i] = Math.max(0, ACTIVITY_CLIENTS.indexOf(a.client));
    this.createdUs[i] = a.createdUs;
    this.updatedUs[i] = a.updatedUs;
    if (this.sortedLength === i && (i === 0 || a.slotMs >= (this.slotMs[i - 1] as number))) this.sortedLength++;
    this.version++;
    return id;
  }

  /** Row index of an id, or -1 (also for deleted rows). */
  indexOf(id: number): number {
    const i = this.lowerBoundId(id);
    if (i < this.length && this.ids[i] === id && !this.isDeleted(i)) return i;
    return -1;
  }

  isDeleted(i: number): boolean {
    return ((this.flags[i] as number) & F_DELETED) !== 0;
  }

  /** First row index whose id >= id. */
  private lowerBoundId(id: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ids[mid] as number) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index in the sorted prefix whose time slot >= ms. */
  private lowerBoundSlot(ms: number): number {
    let lo = 0;
    let hi = this.sortedLength;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.slotMs[mid] as number) < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private matches(i: number, f: ActivityFilter): boolean {
    if (this.isDeleted(i)) return false;
    if (f.orgId !== undefined && this.orgIds[i] !== f.orgId) return false;
    if (f.projectId !== undefined && this.projectIds[i] !== f.projectId) return false;
    const slot = this.slotMs[i] as number;
    if (f.slotStartMs !== undefined && slot < f.slotStartMs) return false;
    if (f.slotStopMs !== undefined && slot >= f.slotStopMs) return false;
    const upd = this.updatedUs[i] as number;
    if (f.updatedStartUs !== undefined && upd < f.updatedStartUs) return false;
    if (f.updatedStopUs !== undefined && upd >= f.updatedStopUs) return false;
    if (f.userIds && !f.userIds.has(this.userIds[i] as number)) return false;
    if (f.projectIds && !f.projectIds.has(this.projectIds[i] as number)) return false;
    if (f.taskIds && !f.taskIds.has(this.taskIds[i] as number)) return false;
    return true;
  }

  /**
   * Up to `limit` matching row indexes with id >= startId, in id order, and the id of the next
   * matching row if there is one (the next page's cursor).
   */
  page(f: ActivityFilter, startId: number, limit: number): { rows: number[]; nextId: number | null } {
    const rows: number[] = [];
    let i = this.lowerBoundId(startId);
    // Inside the time-sorted prefix, skip straight to the range and stop at its end.
    if (f.slotStartMs !== undefined && i < this.sortedLength) i = Math.max(i, this.lowerBoundSlot(f.slotStartMs));
    for (; i < this.length; i++) {
      if (f.slotStopMs !== undefined && i < this.sortedLength && (this.slotMs[i] as number) >= f.slotStopMs) {
        i = this.sortedLength - 1;
        continue;
      }
      if (!this.matches(i, f)) continue;
      if (rows.length === limit) return { rows, nextId: this.ids[i] as number };
      rows.push(i);
    }
    return { rows, nextId: null };
  }

  /** Every matching row index (for assertions and small reads; a full scan). */
  all(f: ActivityFilter = {}): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.length; i++) if (this.matches(i, f)) out.push(i);
    return out;
  }

  count(f: ActivityFilter = {}): number {
    let n = 0;
    for (let i = 0; i < this.length; i++) if (this.matches(i, f)) n++;
    return n;
  }

  orgOf(i: number): number {
    return this.orgIds[i] as number;
  }

  idAt(i: number): number {
    return this.ids[i] as number;
  }

  userOf(i: number): number {
    return this.userIds[i] as number;
  }

  projectOf(i: number): number {
    return this.projectIds[i] as number;
  }

  taskOf(i: number): number | null {
    return (this.taskIds[i] as number) || null;
  }

  startOffsetOf(i: number): number {
    return this.startOffset[i] as number;
  }

  slotOf(i: number): number {
    return this.slotMs[i] as number;
  }

  update(i: number, patch: ActivityPatch, nowUs: number): void {
    if (patch.userId !== undefined) this.userIds[i] = patch.userId;
    if (patch.projectId !== undefined) this.projectIds[i] = patch.projectId;
    if (patch.taskId !== undefined) this.taskIds[i] = patch.taskId ?? 0;
    if (patch.tracked !== undefined) this.tracked[i] = patch.tracked;
    if (patch.keyboard !== undefined) this.keyboard[i] = patch.keyboard;
    if (patch.mouse !== undefined) this.mouse[i] = patch.mouse;
    if (patch.overall !== undefined) this.overall[i] = patch.overall;
    if (patch.startOffsetSec !== undefined) this.startOffset[i] = patch.startOffsetSec;
    let fl = this.flags[i] as number;
    if (patch.billable !== undefined) fl = patch.billable ? fl | F_BILLABLE : fl & ~F_BILLABLE;
    if (patch.paid !== undefined) fl = patch.paid ? fl | F_PAID : fl & ~F_PAID;
    if (patch.manual !== undefined) fl = patch.manual ? fl | F_MANUAL : fl & ~F_MANUAL;
    this.flags[i] = fl;
    this.updatedUs[i] = Math.max(nowUs, (this.updatedUs[i] as number) + 1);
    this.version++;
  }

  remove(i: number): void {
    this.flags[i] = (this.flags[i] as number) | F_DELETED;
    this.version++;
  }

  /** The row's numeric fields, for checks that must not depend on the JSON shape. */
  fieldsOf(i: number): { tracked: number; keyboard: number; mouse: number; overall: number; billable: boolean; manual: boolean } {
    const fl = this.flags[i] as number;
    return {
      tracked: this.tracked[i] as number,
      keyboard: this.keyboard[i] as number,
      mouse: this.mouse[i] as number,
      overall: this.overall[i] as number,
      billable: (fl & F_BILLABLE) !== 0,
      manual: (fl & F_MANUAL) !== 0,
    };
  }

  toJson(i: number): ActivityJson {
    const slot = this.slotMs[i] as number;
    const fl = this.flags[i] as number;
    const manual = (fl & F_MANUAL) !== 0;
    const tracked = this.tracked[i] as number;
    return {
      id: this.ids[i] as number,
      date: isoDate(slot),
      created_at: isoMicros(this.createdUs[i] as number),
      updated_at: isoMicros(this.updatedUs[i] as number),
      time_slot: isoSeconds(slot),
      starts_at: isoSeconds(slot + (this.startOffset[i] as number) * 1000),
      user_id: this.userIds[i] as number,
      project_id: this.projectIds[i] as number,
      task_id: (this.taskIds[i] as number) || null,
      keyboard: this.keyboard[i] as number,
      mouse: this.mouse[i] as number,
      overall: this.overall[i] as number,
      tracked,
      input_tracked: manual ? 0 : tracked,
      tracks_input: !manual,
      billable: (fl & F_BILLABLE) !== 0,
      paid: (fl & F_PAID) !== 0,
      client_invoiced: false,
      team_invoiced: false,
      immutable: false,
      timesheet_id: null,
      timesheet_locked: false,
      time_type: manual ? 'manual' : 'normal',
      client: ACTIVITY_CLIENTS[this.clients[i] as number] as ActivityClient,
    };
  }

  /**
   * Daily aggregates (per org, UTC date, user, project, task) of the live rows, so daily
   * activities always agree with the activities. `ids` keeps a key's id stable across rebuilds;
   * keys seen for the first time get new ids in (date, org, user, project, task) order.
   */
  aggregateDaily(ids: Map<string, number>, nextId: () => number): DailyRec[] {
    const byKey = new Map<string, DailyRec>();
    for (let i = 0; i < this.length; i++) {
      if (this.isDeleted(i)) continue;
      const dateMs = Math.floor((this.slotMs[i] as number) / DAY_MS) * DAY_MS;
      const org = this.orgIds[i] as number;
      const user = this.userIds[i] as number;
      const project = this.projectIds[i] as number;
      const task = this.taskIds[i] as number;
      const key = `${dateMs}|${org}|${user}|${project}|${task}`;
      let d = byKey.get(key);
      if (!d) {
        d = {
          id: 0,
          orgId: org,
          dateMs,
          userId: user,
          projectId: project,
          taskId: task || null,
          keyboard: 0,
          mouse: 0,
          overall: 0,
          tracked: 0,
          input_tracked: 0,
          manual: 0,
          billable: 0,
          createdUs: Number.POSITIVE_INFINITY,
          updatedUs: 0,
        };
        byKey.set(key, d);
      }
      const fl = this.flags[i] as number;
      const tracked = this.tracked[i] as number;
      d.keyboard += this.keyboard[i] as number;
      d.mouse += this.mouse[i] as number;
      d.overall += this.overall[i] as number;
      d.tracked += tracked;
      if (fl & F_MANUAL) d.manual += tracked;
      else d.input_tracked += tracked;
      if (fl & F_BILLABLE) d.billable += tracked;
      d.createdUs = Math.min(d.createdUs, this.createdUs[i] as number);
      d.updatedUs = Math.max(d.updatedUs, this.updatedUs[i] as number);
    }
    const fresh: [string, DailyRec][] = [];
    for (const [key, d] of byKey) {
      const known = ids.get(key);
      if (known === undefined) fresh.push([key, d]);
      else d.id = known;
    }
    fresh.sort(([, a], [, b]) => a.dateMs - b.dateMs || a.orgId - b.orgId || a.userId - b.userId || a.projectId - b.projectId || (a.taskId ?? 0) - (b.taskId ?? 0));
    for (const [key, d] of fresh) {
      d.id = nextId();
      ids.set(key, d.id);
    }
    return [...byKey.values()].sort((a, b) => a.id - b.id);
  }
}

