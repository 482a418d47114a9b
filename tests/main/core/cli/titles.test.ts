import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/core/db/database';
import { setupCli, type CliHarness } from './helpers';

// The CLI prints titles by the same rule as the app (src/common/titleText.ts): a to-do title
// with a terminal escape or a bidi override reaches stdout as plain text, whether sync cleaned
// it or it was cached before titles were cleaned.

let c: CliHarness;
afterEach(async () => c?.close());

describe('stint CLI titles', () => {
  it('items prints titles without control or bidi characters', async () => {
    c = await setupCli({ data: { foreignOrganizations: 0 } });
    const pat = c.sim.control.issuePersonalAccessToken();
    expect(await c.run(['auth', 'pat'], { stdin: `${pat}\n` })).toMatchObject({ code: 0 });
    const [org] = c.sim.control.myOrganizationIds();
    expect((await c.run(['orgs', 'select', `${org}`])).code).toBe(0);
    const project = (c.sim.control.projects(org!) as { id: number }[])[0]!;
    const me = (c.sim.control.me() as { id: number }).id;
    const todo = c.sim.control.createTask({ projectId: project.id, summary: 'Fix \u001b[2Jlogin\u202e page\u0007', assigneeIds: [me] }) as { id: number };
    expect((await c.run(['sync', '--once'])).code).toBe(0);

    const items = JSON.parse((await c.run(['items', '--json'])).out) as { externalId: string; title: string }[];
    expect(items.find((i) => i.externalId === String(todo.id))?.title).toBe('Fix [2Jlogin page');

    // Rows written before the rule: a task title and an item title holding raw controls.
    const { db } = openDatabase(join(c.dir, 'stint.db'));
    db.prepare("UPDATE source_items SET title = ? WHERE provider = 'hubstaff' AND external_id = ?").run('Old\u001b]0;pwned\u0007 item\u202e', String(todo.id));
    db.close();
    const listed = await c.run(['items']);
    expect(listed.out).toContain('Old]0;pwned item');
    const controls = [...listed.out].filter((ch) => {
      const c = ch.codePointAt(0)!;
      return (c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    });
    expect(controls).toEqual([]);
  });
});
