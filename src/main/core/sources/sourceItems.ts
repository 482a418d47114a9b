// Read access to the cached items from integrations, for the sidebar and the drop rules.
import type { z } from 'zod';
import type { SourceItem } from '../../../common/domain';
import { StintError } from '../../../common/errors';
import { sourceItemTitle } from '../providers/provider';
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
    // expected: a damaged list shows as unassigned rather than failing the sidebar
  }
  return {
    provider: r.provider,
    orgId: r.org_id,
    externalId: r.external_id,
    // Items cached before sync cleaned titles are shown by the same rule.
    title: sourceItemTitle(r.title),
    status: r.status,
    projectId: r.project_id,
    projectName: r.project_name,
    assigneeIds: assignees,
    url: r.url,
  };
}

export class SourceItems {
  constructor(private readonly db: Db) {}

  /**
   * The items matching `query`, in the sidebar's order: all of them, or the page `limit` and
   * `offset` name (count() says how many there are, so a cut list can say so).
   */
  list(query: z.input<typeof SourceItemsQuery> = {}): SourceItem[] {
    const q = parseInput(SourceItemsQuery, query);
    const { where, args } = this.filters(q);
    // LIMIT -1 is SQLite's "no limit".
    const rows = this.db
      .prepare(`SELECT * FROM source_items WHERE ${where} ORDER BY provider, project_name, title, org_id, external_id LIMIT ? OFFSET ?`)
      .all(...args, q.limit ?? -1, q.offset ?? 0) as SourceItemRow[];
    return rows.map(toSourceItem);
  }

  /** How many items match `query` (its limit and offset aside). */
  count(query: z.input<typeof SourceItemsQuery> = {}): number {
    const { where, args } = this.filters(parseInput(SourceItemsQuery, query));
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM source_items WHERE ${where}`).get(...args) as { n: number }).n;
  }

  private filters(q: z.output<typeof SourceItemsQuery>): { where: string; args: unknown[] } {
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
    return { where: where.join(' AND '), args };
  }

  get(provider: string, orgId: string, externalId: string): SourceItem {
    const row = this.db
      .prepare('SELECT * FROM source_items WHERE provider = ? AND org_id = ? AND external_id = ?')
      .get(provider, orgId, externalId) as SourceItemRow | undefined;
    if (!row) throw new StintError('not_found', `No ${provider} item ${externalId} in organization ${orgId}.`);
    return toSourceItem(row);
  }
}
