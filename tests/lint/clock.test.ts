// Time is an input (DESIGN §10): lint rejects a read of the wall clock in the core and the
// tests, outside the clock module and a short allow-list whose every entry gives its reason.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WALL_CLOCK_ALLOWED } from '../../eslint.config.js';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function clockErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const wallClock = [
  'export const a = Date.now();',
  'export const a = new Date();',
  'export const a = new Date().toISOString();',
  'export const a = (f = Date.now) => f();',
];

describe('the wall-clock rule (lint)', () => {
  for (const file of ['src/main/core/x.ts', 'src/main/core/sync/x.ts', 'tests/x.test.ts', 'tests/e2e/x.e2e.ts']) {
    it.each(wallClock)(`${file}: %s fails lint`, async (code) => {
      expect(await clockErrors(file, code)).toEqual([expect.stringContaining('Time is an input')]);
    });
  }

  it.each([
    'export const a = new Date(0);',
    "export const a = new Date('2026-03-08T10:00:00Z');",
    'export const a = performance.now();',
    'export const a = (clock: { nowMs(): number }) => clock.nowMs();',
  ])('an instant given, or the monotonic clock, passes: %s', async (code) => {
    expect(await clockErrors('src/main/core/x.ts', code)).toEqual([]);
  });

  it('allows the clock module and each listed file, each with a reason', async () => {
    expect(await clockErrors('src/common/clock.ts', 'export const a = Date.now();')).toEqual([]);
    for (const [file, reason] of Object.entries(WALL_CLOCK_ALLOWED)) {
      expect(reason.length, file).toBeGreaterThan(20);
      expect(await clockErrors(file, 'export const a = Date.now();'), file).toEqual([]);
    }
  });
});
