import type { z } from 'zod';
import { StintError } from './errors';

/** Parses `value` with `schema`, or throws an `invalid_argument` StintError naming each problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'input'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`);
  throw new StintError('invalid_argument', `Invalid ${what}: ${details.join('; ')}`, { details });
}
