import { describe, expect, it } from 'vitest';
import type { SourceItem } from '../../../src/common/domain';
import { buildSourceRows, NO_PROJECT, providersOf, statusesOf, type SourceFilters } from '../../../src/renderer/lib/sourceRows';
import { sourceKey } from '../../../src/renderer/lib/sourceKey';

const item = (id: string, title: string, projectName: string | null, extra: Partial<SourceItem> = {}): SourceItem => ({
  provider: 'hubstaff',
  orgId: '1',
  externalId: id,
  title,
  status: 'active',
  projectId: projectName,
  projectName,
  assigneeIds: [],
  url: null,
  ...extra,
});

const ALL: SourceFilters = { provider: null, search: '', assignedTo: null, status: null };
const items = [
  item('1', 'Write report [1h30m]', 'Acme', { assigneeIds: ['42'] }),
  item('2', 'Call Sam', null),
  item('3', 'Budget', 'Acme', { status: 'completed' }),
  item('4', 'Homepage', 'Website', { assigneeIds: ['7', '42'] }),
  item('5', 'Deal follow-up', 'Sales', { provider: 'hubspot' }),
];

const shape = (rows: ReturnType<typeof buildSourceRows>) => rows.map((r) => (r.kind === 'project' ? `# ${r.name} (${r.count})` : r.item.externalId));

describe('sidebar rows', () => {
  it('groups by project (alphabetical, no project last) and sorts items by title', () => {
    expect(shape(buildSourceRows(items, ALL, new Set()))).toEqual(['# Acme (2)', '3', '1', '# Sales (1)', '5', '# Website (1)', '4', `# ${NO_PROJECT} (1)`, '2']);
  });

  it('filters by provider, status, assignee and search (title or project, any case)', () => {
    expect(shape(buildSourceRows(items, { ...ALL, provider: 'hubspot' }, new Set()))).toEqual(['# Sales (1)', '5']);
    expect(shape(buildSourceRows(items, { ...ALL, status: 'completed' }, new Set()))).toEqual(['# Acme (1)', '3']);
    expect(shape(buildSourceRows(items, { ...ALL, assignedTo: '42' }, new Set()))).toEqual(['# Acme (1)', '1', '# Website (1)', '4']);
    expect(shape(buildSourceRows(items, { ...ALL, search: '  REPORT ' }, new Set()))).toEqual(['# Acme (1)', '1']);
    expect(shape(buildSourceRows(items, { ...ALL, search: 'websi' }, new Set()))).toEqual(['# Website (1)', '4']);
    expect(buildSourceRows(items, { ...ALL, search: 'nothing like it' }, new Set())).toEqual([]);
  });

  it('marks items planned this week by their provider, organization and id', () => {
    const rows = buildSourceRows(items, ALL, new Set([sourceKey(items[0]!)]));
    const planned = rows.flatMap((r) => (r.kind === 'item' && r.planned ? [r.item.externalId] : []));
    expect(planned).toEqual(['1']);
    // Same id in another organization is another item.
    const other = buildSourceRows([item('1', 'Other org', 'Acme', { orgId: '2' })], ALL, new Set([sourceKey(items[0]!)]));
    expect(other.some((r) => r.kind === 'item' && r.planned)).toBe(false);
  });

  it('lists statuses and providers present', () => {
    expect(statusesOf(items)).toEqual(['active', 'completed']);
    expect(providersOf(items)).toEqual(['hubspot', 'hubstaff']);
  });

  it('filters 5,000 items to the ones assigned to me, each once', () => {
    // How fast is the sidebar benchmark's business (bench/sync-scale.ts), not this test's.
    const many = Array.from({ length: 5000 }, (_, n) => item(String(n), `Task ${n}`, `Project ${n % 40}`, { assigneeIds: n % 3 ? [] : ['42'] }));
    const rows = buildSourceRows(many, { ...ALL, assignedTo: '42' }, new Set());
    const items = rows.filter((r) => r.kind === 'item');
    expect(items).toHaveLength(1667);
    expect(new Set(items.map((r) => JSON.stringify(r))).size).toBe(1667);
  });
});
