import { describe, expect, it } from 'vitest';
import { isSecondlyLimit, missingScopesOf, parseErrorEnvelope } from '../../../../../src/main/core/providers/hubspot/errors';
import { parseRecords, parsers, toIsoMs } from '../../../../../src/main/core/providers/hubspot/schemas';

const task = (props: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: '20000000001',
  properties: { hs_object_id: '20000000001', hs_lastmodifieddate: '2024-05-01T10:00:00.000Z', ...props },
  ...extra,
});

describe('task records', () => {
  it('maps the properties, reading epoch-ms and second-precision dates as ISO-ms', () => {
    const { records, skipped } = parseRecords(parsers.task, [
      task({ hs_timestamp: '1717408800000', hs_createdate: '2024-04-01T08:00:00Z', hs_task_subject: 'Call [30m]', hubspot_owner_id: 60000001, hs_task_priority: '' }),
    ]);
    expect(skipped).toEqual([]);
    expect(records[0]).toMatchObject({
      id: '20000000001',
      subject: 'Call [30m]',
      ownerId: '60000001', // a stray number is read as its string
      priority: null, // empty reads as unset
      dueAt: '2024-06-03T10:00:00.000Z',
      createdAt: '2024-04-01T08:00:00.000Z',
      updatedAt: '2024-05-01T10:00:00.000Z',
      updatedMs: Date.parse('2024-05-01T10:00:00.000Z'),
      archived: false,
    });
  });

  it('skips (and says why) records without a numeric-string id or a readable modification time', () => {
    const { records, skipped } = parseRecords(parsers.task, [
      task({}, { id: 12345 }),
      task({ hs_lastmodifieddate: 'not-a-valid-value' }),
      task({ hs_lastmodifieddate: null }),
      { properties: {} },
      'nonsense',
      task({ hs_task_subject: { nested: true } }), // one odd property is only that property
    ]);
    expect(records.map((r) => r.subject)).toEqual([null]);
    expect(skipped.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(skipped[0]!.reason).toMatch(/^id: /);
    expect(skipped[1]!.reason).toMatch(/hs_lastmodifieddate/);
  });

  it('toIsoMs reads HubSpot’s date forms and nothing else', () => {
    expect(toIsoMs('2024-05-01T10:00:00.123Z')).toBe('2024-05-01T10:00:00.123Z');
    expect(toIsoMs('2024-05-01T12:00:00+02:00')).toBe('2024-05-01T10:00:00.000Z');
    expect(toIsoMs('1714557600000')).toBe('2024-05-01T10:00:00.000Z');
    for (const bad of ['', 'tomorrow', '2024-13-45T99:00:00.000Z', null, undefined]) expect(toIsoMs(bad)).toBeNull();
  });
});

describe('error envelopes', () => {
  it('reads MISSING_SCOPES in both the newer and the older key', () => {
    const newer = parseErrorEnvelope(JSON.stringify({ status: 'error', category: 'MISSING_SCOPES', errors: [{ message: 'x', context: { requiredGranularScopes: ['crm.objects.contacts.read'] } }] }));
    const older = parseErrorEnvelope(JSON.stringify({ category: 'MISSING_SCOPES', errors: [{ context: { requiredScopes: ['contacts', 'crm.objects.owners.read'] } }] }));
    expect(missingScopesOf(newer)).toEqual(['crm.objects.contacts.read']);
    expect(missingScopesOf(older)).toEqual(['contacts', 'crm.objects.owners.read']);
    expect(missingScopesOf(parseErrorEnvelope('{"category":"MISSING_SCOPES","errors":"odd"}'))).toEqual([]);
  });

  it('tells the secondly 429 from the policy ones, and survives bodies that are not JSON', () => {
    expect(isSecondlyLimit(parseErrorEnvelope('{"status":"error","message":"You have reached your secondly limit.","errorType":"RATE_LIMIT"}'))).toBe(true);
    expect(isSecondlyLimit(parseErrorEnvelope('{"message":"You have reached your ten_secondly_rolling limit.","policyName":"TEN_SECONDLY_ROLLING"}'))).toBe(false);
    expect(parseErrorEnvelope('<html>502 Bad Gateway</html>')).toBeNull();
    expect(parseErrorEnvelope('[1,2]')).toBeNull();
    expect(parseErrorEnvelope('{"category": 42, "message": "kept"}')).toMatchObject({ category: undefined, message: 'kept' });
  });
});
