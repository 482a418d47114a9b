// Read access to the cached items from integrations, for the sidebar and the drop rules.
import type { z } from 'zod';
import type { SourceItem } from '../../../common/domain';
import { StintError } from '../../../common/errors';
import { SourceItemsQuery } from '../../../common/ipc/contract';
import { parseInput } from '../../../common/validate';
import type { Db } from '../db/database';

interface SourceItemRow {
  provider: 'hubstaff' | 'hubspot';
  org_id: string;
  external_id: string;
  title: string;
  status: string;
  project_id: string | null;
  project_name: string | null;
  assignee_ids: string;
  url: string | null;
}

function toSourceItem(r: SourceItemRow): SourceItem {
  let assignees: string[] = [];
  try {
    const v: unknown = JSON.parse(r.assignee_ids);
    if (Array.isArray(v)) assignees = v.map(String);
  } catch {
    // a damaged list shows as unassigned rather than failing the sidebar
  }
  return {
    provider: r.provider,
    orgId: r.org_id,
    externalId: r.external_id,
    title: r.title,
    status: r.status,
    projectId: r.project_id,
    projectName: r.project_name,
    assigneeIds: assignees,
    url: r.url,
  };
}

export class SourceItems {
  constructor(private readonly db: Db) {}

  list(query: z.input<typeof SourceItemsQuery> = {}): SourceItem[] {
    const q = parseInput(SourceItemsQuery, query);
    const where = ['removed = 0'];
    const args: unknown[] = [];
    const filter = (sql: string, value: unknown) => {
      where.push(sql);
      args.push(value);
    };
    if (q.provider) filter('provider = ?', q.provider);
    if (q.status) filter('status = ?', q.status);
    if (q.search) filter("title LIKE ? ESCAPE '\\'", `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.assignedTo) {
      filter("EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(assignee_ids) THEN assignee_ids ELSE '[]' END) WHERE CAST(value AS TEXT) = ?)", q.assignedTo);
    }
    args.push(q.limit ?? 5000);
    const rows = this.db
      .prepare(`SELECT * FROM source_items WHERE ${where.join(' AND ')} ORDER BY provider, project_name, title LIMIT ?`)
      .all(...args) as SourceItemRow[];
    return rows.map(toSourceItem);
  }

  get(provider: string, orgId: string, externalId: string): SourceItem {
    const row = this.db
      .prepare('SELECT * FROM source_items WHERE provider = ? AND org_id = ? AND external_id = ?')
      .get(provider, orgId, externalId) as SourceItemRow | undefined;
    if (!row) throw new StintError('not_found', `No ${provider} item ${externalId} in organization ${orgId}.`);
    return toSourceItem(row);
  }
}
