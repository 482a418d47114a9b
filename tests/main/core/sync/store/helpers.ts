import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../../../src/main/core/db/database';
import { openDatabase } from '../../../../../src/main/core/db/database';
import type { HubstaffActivity } from '../../../../../src/main/core/providers/hubstaff/schemas';

/** A migrated database in a fresh temp dir; `close()` removes both. */
export function tempDb(): { db: Db; file: string; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'stint-store-'));
  const file = join(dir, 'stint.db');
  const { db } = openDatabase(file);
  return {
    db,
    file,
    close: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function activity(id: number, over: Partial<HubstaffActivity> = {}): HubstaffActivity {
  const slot = new Date(Date.UTC(2024, 5, 3, 8) + (id % 1000) * 600_000).toISOString();
  return {
    id, date: slot.slice(0, 10), time_slot: slot, starts_at: slot, user_id: 100 + (id % 3), project_id: 7, task_id: id % 2 ? 9 : null,
    tracked: 600, keyboard: 100, mouse: 200, overall: 300, input_tracked: 600, billable: true, paid: false, tracks_input: true,
    immutable: false, timesheet_id: null, timesheet_locked: null, time_type: 'normal', client: 'linux',
    created_at: slot, updated_at: slot, ...over,
  };
}
