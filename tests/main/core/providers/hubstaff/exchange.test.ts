import { describe, expect, it } from 'vitest';
import type { ListKind, ListPage } from '../../../../../src/main/core/providers/hubstaff/exchange';
import { decodeResponse, listParser, packPage, parseJsonBody, readListBody, unpackPage } from '../../../../../src/main/core/providers/hubstaff/exchange';
import { parseRecords } from '../../../../../src/main/core/providers/hubstaff/schemas';

const activity = (id: number) => ({
  id, date: '2024-06-20', created_at: '2024-06-20T14:20:05.000000Z', updated_at: '2024-06-20T14:20:05.123456Z',
  time_slot: '2024-06-20T14:10:00Z', starts_at: '2024-06-20T14:10:46Z', user_id: 651956, project_id: 841201, task_id: null,
  keyboard: 120, mouse: 300, overall: 360, tracked: 554, input_tracked: 554, tracks_input: true, billable: true, paid: false,
  immutable: false, timesheet_id: null, timesheet_locked: false, time_type: 'normal', client: 'windows ✓ "quoted"',
});
const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const REQ = { url: 'http://127.0.0.1/x', headers: {}, list: { key: 'activities', kind: 'activity' as const } };

describe('readListBody', () => {
  const parse = (list: unknown[]) => ({ records: list, skipped: [] });

  it('parses the list and keeps the rest of the body', () => {
    const page = readListBody({ activities: [1, 2], pagination: { next_page_start_id: 9 } }, 'activities', parse);
    expect(page).toEqual({ rest: { pagination: { next_page_start_id: 9 } }, records: [1, 2], skipped: [] });
  });
  it('reads an absent or null list as empty', () => {
    expect(readListBody({}, 'activities', parse)?.records).toEqual([]);
    expect(readListBody({ activities: null }, 'activities', parse)?.records).toEqual([]);
  });
  it('refuses a body that is not an object and a list that is not an array', () => {
    for (const json of [null, 42, 'x', [1, 2], { activities: {} }, { activities: 'x' }]) {
      expect(readListBody(json, 'activities', parse), JSON.stringify(json)).toBeNull();
    }
  });
  it('gives the parser the whole body (side-loads)', () => {
    let seenBody: unknown;
    readListBody({ members: [], users: [{ id: 1 }] }, 'members', (list, whole) => {
      seenBody = whole;
      return { records: list, skipped: [] };
    });
    expect(seenBody).toEqual({ members: [], users: [{ id: 1 }] });
  });
});

describe('parseJsonBody', () => {
  it('drops a byte order mark and reads UTF-8', () => {
    expect(parseJsonBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body({ a: 'ü' })]))).toEqual({ a: 'ü' });
  });
  it('throws SyntaxError on anything else', () => {
    expect(() => parseJsonBody(Buffer.from('{"a": '))).toThrow(SyntaxError);
  });
});

describe('decodeResponse', () => {
  const res = (status: number, b: Buffer) => ({ status, headers: { 'x-request-id': 'r' }, body: b });

  it('decodes a 2xx list page: valid records kept, the others skipped with a reason', () => {
    const r = decodeResponse(REQ, res(200, body({ activities: [activity(1), { ...activity(2), user_id: 'x' }], pagination: {} })));
    expect('page' in r && r.page.records.map((a) => (a as { id: number }).id)).toEqual([1]);
    expect('page' in r && r.page.skipped).toEqual([{ index: 1, reason: expect.stringMatching(/^user_id:/) }]);
    expect('page' in r && r.page.rest).toEqual({ pagination: {} });
  });
  it('tells a body that is not JSON from one without its list', () => {
    expect(decodeResponse(REQ, res(200, Buffer.from('<html>')))).toMatchObject({ malformed: 'json' });
    expect(decodeResponse(REQ, res(200, body({ activities: 'none' })))).toMatchObject({ malformed: 'list' });
  });
  it('leaves error responses and requests without a list kind as bytes', () => {
    const error = res(404, body({ error: 'Not found' }));
    expect(decodeResponse(REQ, error)).toBe(error);
    const plain = res(200, body({ user: { id: 1 } }));
    expect(decodeResponse({ url: REQ.url, headers: {} }, plain)).toBe(plain);
  });
});

describe('packPage / unpackPage', () => {
  const samples: { [K in ListKind]: unknown[] } = {
    activity: [activity(1), { ...activity(2), paid: null, client: undefined, created_at: null }],
    dailyActivity: [{ id: 7, date: '2024-06-20', user_id: 1, tracked: 10, keyboard: 1, mouse: 2, overall: 3, billable: 5 }],
    task: [
      { id: 1, summary: 'Ship it', status: 'active', assignee_ids: [3, 4], due_at: '2024-06-20T10:00:00Z' },
      { id: 2, summary: 'Other', status: 'completed' },
    ],
    project: [{ id: 5, name: 'P', billable: true }],
    organization: [{ id: 9, name: 'Org' }],
    timeOffRequest: [
      { id: 3, user_id: 1, status: 'approved', starts_at: '2024-06-20T00:00:00Z', stops_at: '2024-06-21T00:00:00Z', time_off_request_days: [{ date: '2024-06-20', amount_used: 28800 }] },
    ],
    timeOffPolicy: [{ id: 4, name: 'Vacation', paid: true }],
  };

  it.each(Object.keys(samples) as ListKind[])('a %s page comes back as it went', (kind) => {
    const { records, skipped } = parseRecords(listParser(kind), samples[kind]);
    expect(records).toHaveLength(samples[kind].length);
    const page: ListPage = { rest: { pagination: { next_page_start_id: 12 } }, records, skipped: [...skipped, { index: 9, reason: 'id: bad' }] };
    const back = unpackPage(kind, structuredClone(packPage(kind, page)));
    expect(back).toEqual(page);
    // Same keys in the same order as the schema's output, so the rebuilt records have one shape.
    expect(back.records.map((r) => Object.keys(r as object))).toEqual(records.map((r) => Object.keys(r as object)));
  });

  it('refuses values that do not match the record count', () => {
    const packed = packPage('organization', { rest: {}, records: parseRecords(listParser('organization'), [{ id: 1, name: 'a' }]).records, skipped: [] });
    expect(() => unpackPage('organization', { ...packed, count: 2 })).toThrow(/record count/);
  });
});
