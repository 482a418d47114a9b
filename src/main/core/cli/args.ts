import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isIsoDate } from '../../../common/dates';
import { UsageError } from './exitCodes';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs, strict, with its complaints turned into usage errors (exit 2). */
export function parse<O extends Options>(args: string[], options: O, maxPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    throw new UsageError(text.split('. ')[0]!.replace(/\.$/, ''));
  }
  if (parsed.positionals.length > maxPositionals) throw new UsageError(`Unexpected argument: ${parsed.positionals[maxPositionals]}`);
  return parsed;
}

export function dateOption(value: string | undefined, name: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (!isIsoDate(value)) throw new UsageError(`--${name} must be a date like 2026-01-31 (got "${value}")`);
  return value;
}

export const JSON_FLAG = { json: { type: 'boolean' } } as const;
export const ACCOUNT_OPTION = { account: { type: 'string' } } as const;
