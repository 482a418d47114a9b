// Test data written straight into the core's SQLite, as the sync engine will write it: source
// items for the integrations sidebar, and planned entries for a busy week.
import type { Db } from '../../../src/main/core/db/database';

export interface SeedSourceItem {
  provider?: 'hubstaff' | 'hubspot';
  orgId?: string;
  externalId: string;
  title: string;
  status?: string;
  projectId?: string | null;
  projectName?: string | null;
  assigneeIds?: string[];
  url?: string | null;
}

/** Writes items into the source cache as sync would, stamped `updatedAt` (the core's now). */
export function seedSourceItems(db: Db, items: readonly SeedSourceItem[], updatedAt: Date): void {
  const insert = db.prepare(
    `INSERT INTO source_items (provider, org_id, external_id, title, status, project_id, project_name, assignee_ids, url, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const i of items) {
      insert.run(
        i.provider ?? 'hubstaff', i.orgId ?? '1001', i.externalId, i.title, i.status ?? 'active',
        i.projectId ?? null, i.projectName ?? null, JSON.stringify(i.assigneeIds ?? []), i.url ?? null, updatedAt.toISOString(),
      );
    }
  })();
}

const PROJECTS = ['Website redesign', 'Mobile app', 'Client: Acme', 'Internal', 'Marketing', 'Support', 'Research', 'Hiring'];
const VERBS = ['Review', 'Write', 'Fix', 'Plan', 'Design', 'Test', 'Ship', 'Draft', 'Refactor', 'Prepare'];
const NOUNS = ['release notes', 'onboarding flow', 'invoice export', 'sprint board', 'pricing page', 'API docs', 'login bug', 'roadmap', 'interview loop', 'dashboard'];

/** `count` deterministic items spread over projects, every third assigned to user 42. */
export function generatedSourceItems(count: number): SeedSourceItem[] {
  return Array.from({ length: count }, (_, n) => ({
    externalId: String(100_000 + n),
    title: `${VERBS[n % VERBS.length]} ${NOUNS[(n * 7) % NOUNS.length]} #${n}${n % 4 === 0 ? ` [${(n % 3) + 1}h]` : ''}`,
    status: n % 9 === 0 ? 'completed' : 'active',
    projectId: String(n % PROJECTS.length),
    projectName: PROJECTS[n % PROJECTS.length]!,
    assigneeIds: n % 3 === 0 ? ['42'] : ['7'],
  }));
}
