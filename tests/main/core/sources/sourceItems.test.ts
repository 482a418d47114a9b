import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/core/db/database';
import { SourceItems } from '../../../../src/main/core/sources/sourceItems';
import { tempDir } from '../../../helpers/temp';

describe('SourceItems', () => {
  it('lists non-removed items filtered by search, status and assignee', () => {
    const { db } = openDatabase(join(tempDir(), 'stint.db'));
    const ins = db.prepare('INSERT INTO source_items (provider, org_id, external_id, title, status, project_name, assignee_ids, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    ins.run('hubstaff', '1', '1', 'Write report', 'active', 'Web', '["5"]', 0);
    ins.run('hubstaff', '1', '2', 'Fix 100% bug', 'active', 'Web', '["6"]', 0);
    ins.run('hubstaff', '1', '3', 'Old thing', 'completed', 'Ops', '["5"]', 0);
    ins.run('hubstaff', '1', '4', 'Deleted report', 'active', 'Ops', '["5"]', 1);
    ins.run('hubstaff', '1', '5', 'Damaged', 'active', 'Ops', 'not json', 0);
    ins.run('hubstaff', '1', '6', 'Numeric ids', 'active', 'Ops', '[5, 7]', 0);
    const items = new SourceItems(db);
    expect(items.list().map((i) => i.externalId).sort()).toEqual(['1', '2', '3', '5', '6']);
    expect(items.list({ search: 'report' }).map((i) => i.externalId)).toEqual(['1']);
    expect(items.list({ search: '100%' }).map((i) => i.externalId)).toEqual(['2']);
    expect(items.list({ search: '_' })).toEqual([]);
    expect(items.list({ status: 'completed' }).map((i) => i.externalId)).toEqual(['3']);
    // Assignee ids match whether the provider sent them as strings or numbers.
    expect(items.list({ assignedTo: '5' }).map((i) => i.externalId).sort()).toEqual(['1', '3', '6']);
    expect(items.get('hubstaff', '1', '6').assigneeIds).toEqual(['5', '7']);
    expect(items.get('hubstaff', '1', '5').assigneeIds).toEqual([]);
    expect(() => items.get('hubstaff', '1', '404')).toThrow(/No hubstaff item/);
    db.close();
  });
});
