// The HubSpot simulator's records: tasks (with the version the search index currently shows),
// owners, and the portal. Property values are strings or null, as on the wire (reference §4.2).

export type PropertyType = 'number' | 'datetime' | 'enumeration' | 'string';

/** Task properties the simulator knows, with the type that decides how filters compare them. */
export const TASK_PROPERTIES: Readonly<Record<string, PropertyType>> = {
  hs_object_id: 'number',
  hs_createdate: 'datetime',
  hs_lastmodifieddate: 'datetime',
  hs_timestamp: 'datetime',
  hs_task_completion_date: 'datetime',
  hs_task_reminders: 'number',
  hs_task_subject: 'string',
  hs_task_body: 'string',
  hs_task_status: 'enumeration',
  hs_task_priority: 'enumeration',
  hs_task_type: 'enumeration',
  hubspot_owner_id: 'enumeration',
};

/** What a task carries when no `properties` are asked for (reference §4.4). */
export const DEFAULT_TASK_PROPERTIES = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'] as const;
/** Set by HubSpot, never by a create or update. */
export const READ_ONLY_PROPERTIES = new Set(['hs_object_id', 'hs_createdate', 'hs_lastmodifieddate', 'hs_task_completion_date']);
/** `query` searches these (reference §4.4). */
export const TEXT_SEARCH_PROPERTIES = ['hs_task_subject', 'hs_task_body'] as const;

export const TASK_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'] as const;
export const TASK_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'NONE'] as const;
export const TASK_TYPES = ['TODO', 'CALL', 'EMAIL'] as const;
export const ENUM_VALUES: Readonly<Record<string, readonly string[]>> = {
  hs_task_status: TASK_STATUSES,
  hs_task_priority: TASK_PRIORITIES,
  hs_task_type: TASK_TYPES,
};

export type TaskProps = Record<string, string | null>;

/** One state of a task: what GET shows now, or what the search index still shows. */
export interface TaskVersion {
  id: string;
  props: TaskProps;
  archived: boolean;
  archivedMs: number | null;
  createdMs: number;
  modifiedMs: number;
}

export interface TaskRec {
  id: string;
  current: TaskVersion;
  /** When search starts showing `current` (modification time + indexing lag). */
  indexedAtMs: number;
  /** The version search shows until then; null = the task is not in the index yet. */
  indexed: TaskVersion | null;
}

export interface OwnerRec {
  id: string;
  userId: number;
  email: string;
  firstName: string;
  lastName: string;
  archived: boolean;
  createdMs: number;
  updatedMs: number;
}

export interface Portal {
  hubId: number;
  hubDomain: string;
  /** The account's time zone: the daily limit resets at its midnight. */
  timeZone: string;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The version search sees at `now`, or null when the task is not searchable. */
export function searchVersion(t: TaskRec, now: number): TaskVersion | null {
  const v = now >= t.indexedAtMs ? t.current : t.indexed;
  return v && !v.archived ? v : null;
}

/** A task as the CRM objects API returns it: the default properties plus those asked for. */
export function taskJson(v: TaskVersion, properties?: readonly string[]): Record<string, unknown> {
  const names = properties && properties.length > 0 ? new Set([...DEFAULT_TASK_PROPERTIES, ...properties]) : DEFAULT_TASK_PROPERTIES;
  const props: TaskProps = {};
  for (const name of names) if (name in TASK_PROPERTIES) props[name] = v.props[name] ?? null;
  const json: Record<string, unknown> = {
    id: v.id,
    properties: props,
    createdAt: iso(v.createdMs),
    updatedAt: iso(v.modifiedMs),
    archived: v.archived,
  };
  if (v.archived && v.archivedMs !== null) json.archivedAt = iso(v.archivedMs);
  return json;
}

export function ownerJson(o: OwnerRec): Record<string, unknown> {
  return {
    id: o.id,
    email: o.email,
    type: 'PERSON',
    firstName: o.firstName,
    lastName: o.lastName,
    userId: o.userId,
    userIdIncludingInactive: o.userId,
    createdAt: iso(o.createdMs),
    updatedAt: iso(o.updatedMs),
    archived: o.archived,
  };
}
