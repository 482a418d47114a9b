import { afterEach, describe, expect, it } from 'vitest';
import { UNREADABLE_TITLE_MESSAGE } from '../../../../src/common/titleText';
import { createApp, type App } from '../../../../src/main/core/app';
import { testClock } from '../../../helpers/clock';
import { tempDir } from '../../../helpers/temp';

// Titles are text a person can read (src/common/titleText.ts): control and bidi characters are
// stripped in main, through the IPC contract as the renderer and quick add call it, before
// anything reaches SQLite.

let app: App;
afterEach(() => app?.close());

const open = () => (app = createApp({ dataDir: tempDir(), clock: testClock() }));
const storedTitles = () => (app.db.prepare('SELECT title FROM tasks ORDER BY created_at, id').pluck().all() as string[]);

describe('task titles through the IPC contract', () => {
  it('refuses a title of only control and bidi characters with invalid_argument, storing nothing', async () => {
    open();
    for (const title of ['\u0000\u202e', '\u0000', '\u202e\u2066\u200f', '\t\n\u0007', '\u200d\u0301']) {
      const r = await app.dispatch('planner.createTask', { title });
      expect(r, JSON.stringify(title)).toEqual({ ok: false, error: { code: 'invalid_argument', message: UNREADABLE_TITLE_MESSAGE, details: ['title'] } });
    }
    expect(storedTitles()).toEqual([]);
  });

  it('stores a title with control and bidi characters stripped', async () => {
    open();
    const r = await app.dispatch('planner.createTask', { title: 'Write\u0000 report\u202e' });
    expect(r).toMatchObject({ ok: true, value: { title: 'Write report' } });
    const tabbed = await app.dispatch('planner.createTask', { title: 'Call\t\tthe\r\nprinter\u2069 [45m]' });
    expect(tabbed).toMatchObject({ ok: true, value: { title: 'Call the printer', scheduledMinutes: 45 } });
    expect(storedTitles().sort()).toEqual(['Call the printer', 'Write report']);
  });

  it('reads a duration the control characters were hiding, as the renderer’s hints do', async () => {
    open();
    const r = await app.dispatch('planner.createTask', { title: 'Plan [1h\u200e30m]' });
    expect(r).toMatchObject({ ok: true, value: { title: 'Plan', scheduledMinutes: 90 } });
  });

  it('keeps emoji, ZWJ sequences, CJK and combining marks', async () => {
    open();
    const title = 'Café\u0301 👩\u200d💻 報告書 [30m]';
    expect(await app.dispatch('planner.createTask', { title })).toMatchObject({ ok: true, value: { title: 'Café\u0301 👩\u200d💻 報告書', scheduledMinutes: 30 } });
    expect(storedTitles()).toEqual(['Café\u0301 👩\u200d💻 報告書']);
  });

  it('still says a duration alone is not a title', async () => {
    open();
    const r = await app.dispatch('planner.createTask', { title: '\u202e[1h]\u0000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: 'A task needs a title (a duration alone is not a title).' } });
    expect(await app.dispatch('planner.createTask', { title: '' })).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: 'A task needs a title.' } });
  });

  it('cleans an edited title the same way, and refuses an unreadable one leaving the task as it was', async () => {
    open();
    const created = await app.dispatch('planner.createTask', { title: 'Draft' });
    if (!created.ok) throw new Error('create failed');
    const taskId = (created.value as { id: string }).id;
    expect(await app.dispatch('planner.editTitle', { taskId, title: 'Write\u0000 report\u202e [1h]' })).toMatchObject({ ok: true, value: { title: 'Write report', scheduledMinutes: 60 } });
    expect(storedTitles()).toEqual(['Write report']);
    const refused = await app.dispatch('planner.editTitle', { taskId, title: '\u0000\u202e' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: UNREADABLE_TITLE_MESSAGE } });
    expect(storedTitles()).toEqual(['Write report']);
    // Undo goes back to the cleaned title, never to raw input.
    await app.dispatch('planner.undo', undefined);
    expect(storedTitles()).toEqual(['Draft']);
  });

  it('stores a dropped source item’s title cleaned', async () => {
    open();
    app.db
      .prepare(`INSERT INTO source_items (provider, org_id, external_id, title, status, assignee_ids) VALUES ('hubstaff', '7', '99', ?, 'active', '[]')`)
      .run('Pay \u202eexe.fdp\u202c invoice\u0000 [45m]');
    // The sidebar already shows it cleaned (an item cached before sync cleaned titles).
    expect(app.sourceItems.get('hubstaff', '7', '99').title).toBe('Pay exe.fdp invoice [45m]');
    const r = await app.dispatch('planner.dropSourceItem', { provider: 'hubstaff', orgId: '7', externalId: '99', date: '2026-03-11', startMinute: 600 });
    expect(r).toMatchObject({ ok: true, value: { createdTask: true, task: { title: 'Pay exe.fdp invoice' }, entry: { durationMinutes: 45 } } });
    expect(storedTitles()).toEqual(['Pay exe.fdp invoice']);
  });

  it('a dropped item whose title has nothing readable becomes an "Untitled" task rather than failing', () => {
    open();
    const { task } = app.planner.dropSourceItem({ item: { provider: 'hubstaff', orgId: '7', externalId: '5', title: '\u202e\u0000' }, date: '2026-03-11', startMinute: 600 });
    expect(task.title).toBe('Untitled');
    // A title that is only a duration keeps its text (the duration still sets the entry).
    const only = app.planner.dropSourceItem({ item: { provider: 'hubstaff', orgId: '7', externalId: '6', title: '\u2066[1h]\u2069' }, date: '2026-03-11', startMinute: 600 });
    expect(only).toMatchObject({ task: { title: '[1h]' }, entry: { durationMinutes: 60 } });
    expect(storedTitles().sort()).toEqual(['Untitled', '[1h]'].sort());
  });

  it('shows a title stored before the rule (a NUL in SQLite) cleaned, in the week and the CLI’s report', () => {
    open();
    const t = app.planner.createTask({ title: 'Old task' });
    app.db.prepare('UPDATE tasks SET title = ? WHERE id = ?').run('Old\u0000 task\u202e', t.id);
    expect(app.planner.getTask({ taskId: t.id }).title).toBe('Old task');
    app.planner.addEntry({ taskId: t.id, date: '2026-03-11', startMinute: 540 });
    expect(app.planner.getWeek({ date: '2026-03-11' }).entries.map((e) => e.task.title)).toEqual(['Old task']);
  });
});
