// SQLite rows of the planner tables and their mapping to the domain types.
import type { Entry, Task } from '../../../common/domain';
import { cleanTitle } from '../../../common/titleText';

export interface TaskRow {
  id: string;
  title: string;
  scheduled_minutes: number | null;
  status: 'open' | 'done';
  project_label: string | null;
  project_color: string | null;
  notes: string;
  source_provider: string | null;
  source_org_id: string | null;
  source_external_id: string | null;
  source_url: string | null;
  source_removed: number;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface EntryRow {
  id: string;
  task_id: string;
  date: string;
  start_minute: number;
  duration_minutes: number;
  created_at: string;
  updated_at: string;
}

export const TASK_COLUMNS = [
  'id', 'title', 'scheduled_minutes', 'status', 'project_label', 'project_color', 'notes',
  'source_provider', 'source_org_id', 'source_external_id', 'source_url', 'source_removed',
  'created_at', 'updated_at', 'completed_at',
] as const satisfies readonly (keyof TaskRow)[];

export const ENTRY_COLUMNS = [
  'id', 'task_id', 'date', 'start_minute', 'duration_minutes', 'created_at', 'updated_at',
] as const satisfies readonly (keyof EntryRow)[];

export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    // Rows stored before titles were cleaned on write are shown by the same rule.
    title: cleanTitle(r.title) || 'Untitled',
    scheduledMinutes: r.scheduled_minutes,
    status: r.status,
    projectLabel: r.project_label,
    projectColor: r.project_color,
    notes: r.notes,
    source:
      r.source_provider && r.source_external_id
        ? {
            provider: r.source_provider as 'hubstaff' | 'hubspot',
            orgId: r.source_org_id ?? '',
            externalId: r.source_external_id,
            url: r.source_url,
          }
        : null,
    sourceRemoved: r.source_removed === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    completedAt: r.completed_at,
  };
}

export function toEntry(r: EntryRow): Entry {
  return { id: r.id, taskId: r.task_id, date: r.date, startMinute: r.start_minute, durationMinutes: r.duration_minutes };
}
