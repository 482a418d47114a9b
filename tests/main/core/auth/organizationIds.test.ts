import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StintError } from '../../../../src/common/errors';
import { normalizeOrganizationIds, organizationSelection, parseOrganizationIds } from '../../../../src/main/core/auth/organizationIds';

function errorOf(fn: () => unknown): StintError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StintError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('parseOrganizationIds', () => {
  it('reads one ID or a comma-separated list, trimmed', () => {
    expect(parseOrganizationIds('12345')).toEqual([12345]);
    expect(parseOrganizationIds('12345,67890')).toEqual([12345, 67890]);
    expect(parseOrganizationIds('  12345 ,\t67890  ')).toEqual([12345, 67890]);
  });

  it('de-duplicates, keeping the first position', () => {
    expect(parseOrganizationIds('3, 1, 3, 2, 1')).toEqual([3, 1, 2]);
  });

  it('ignores empty entries left by stray commas', () => {
    expect(parseOrganizationIds('12345,, 67890,')).toEqual([12345, 67890]);
  });

  it('rejects a non-numeric entry such as 12a45, naming it', () => {
    const e = errorOf(() => parseOrganizationIds('12345, 12a45'));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toContain('"12a45"');
    expect(e.details).toEqual(['12a45']);
  });

  it.each([
    ['', 'empty'],
    [' , ,', 'only commas'],
    ['12345 67890', 'space-separated'],
    ['12345;67890', 'semicolons'],
    ['-5', 'negative'],
    ['0', 'zero'],
    ['1.5', 'decimal'],
    ['1e3', 'exponent'],
    ['99999999999999999999', 'beyond 2^53'],
  ])('rejects %j (%s) as invalid_argument', (input) => {
    expect(errorOf(() => parseOrganizationIds(input)).code).toBe('invalid_argument');
  });

  it('round-trips any list of positive IDs, whatever the spacing and repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 20 }), fc.array(fc.constantFrom('', ' ', '  ', '\t')), (ids, pads) => {
        const text = ids.map((id, i) => `${pads[i % Math.max(pads.length, 1)] ?? ''}${id}${pads[(i + 1) % Math.max(pads.length, 1)] ?? ''}`).join(',');
        expect(parseOrganizationIds(text)).toEqual([...new Set(ids)]);
      }),
    );
  });
});

describe('normalizeOrganizationIds / organizationSelection', () => {
  it('accepts picker IDs, de-duplicated; an empty selection is allowed', () => {
    expect(normalizeOrganizationIds([5, 4, 5])).toEqual([5, 4]);
    expect(normalizeOrganizationIds([])).toEqual([]);
  });

  it('rejects anything that is not a positive safe integer', () => {
    for (const bad of [[0], [-1], [1.5], ['12'], [null], [Number.NaN], [2 ** 60]]) {
      expect(errorOf(() => normalizeOrganizationIds(bad as unknown[])).code).toBe('invalid_argument');
    }
  });

  it('dispatches on the kind of selection', () => {
    expect(organizationSelection('7, 8')).toEqual([7, 8]);
    expect(organizationSelection([9])).toEqual([9]);
  });
});
