import { StintError } from '../../../common/errors';

/** Hubstaff IDs are positive int64s; JavaScript numbers hold them exactly up to 2^53 - 1. */
function toOrganizationId(raw: string): number | null {
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && Number.isSafeInteger(n) ? n : null;
}

/**
 * The manual fallback of the organization picker: `12345` or `12345, 67890`. Entries are
 * trimmed and de-duplicated (first occurrence keeps its place); empty entries between commas
 * are ignored. Anything that is not a positive whole number is an `invalid_argument` naming
 * the offending entry.
 */
export function parseOrganizationIds(input: string): number[] {
  if (typeof input !== 'string') throw new StintError('invalid_argument', 'Organization IDs must be text, e.g. "12345, 67890".');
  const entries = input
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (entries.length === 0) {
    throw new StintError('invalid_argument', 'Enter at least one organization ID, e.g. "12345" or "12345, 67890".');
  }
  const bad = entries.filter((s) => toOrganizationId(s) === null);
  if (bad.length) {
    const shown = bad.slice(0, 3).map((s) => `"${s.length > 24 ? `${s.slice(0, 24)}…` : s}"`);
    throw new StintError(
      'invalid_argument',
      `${shown.join(', ')} ${bad.length === 1 ? 'is not an organization ID' : 'are not organization IDs'}: ` +
        'an ID is a whole number, and several IDs are separated by commas.',
      { details: bad.slice(0, 10) },
    );
  }
  return dedupe(entries.map((s) => toOrganizationId(s)!));
}

/** Validates a selection given as IDs (from the picker) and returns them de-duplicated. */
export function normalizeOrganizationIds(ids: readonly unknown[]): number[] {
  if (!Array.isArray(ids)) throw new StintError('invalid_argument', 'Organization IDs must be a list of numbers.');
  const bad = ids.filter((id) => typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1);
  if (bad.length) {
    throw new StintError('invalid_argument', `${bad.length} of the organization IDs ${bad.length === 1 ? 'is' : 'are'} not valid: an ID is a positive whole number.`, {
      details: bad.slice(0, 10).map((b) => JSON.stringify(b) ?? String(b)),
    });
  }
  return dedupe(ids as number[]);
}

/** A picker selection (IDs) or the manual text, as one validated, de-duplicated list. */
export function organizationSelection(selection: readonly number[] | string): number[] {
  return typeof selection === 'string' ? parseOrganizationIds(selection) : normalizeOrganizationIds(selection);
}

function dedupe(ids: number[]): number[] {
  return [...new Set(ids)];
}
