// Every error reaches a person or a log (issue 20): lint rejects a catch that drops an error
// without a word, in the app's code, unless a comment starting "expected:" says why.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function silentCatches(code: string, file = 'src/main/core/x.ts'): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'stint/no-silent-catch').length;
}

describe('stint/no-silent-catch', () => {
  it.each([
    ['an empty catch', 'export function f(g: () => void) { try { g(); } catch { } }'],
    ['a catch with only a comment', 'export function f(g: () => void) { try { g(); } catch {\n  // ignore\n} }'],
    ['an empty promise handler', 'export const f = (p: Promise<void>) => p.catch(() => {});'],
    ['a handler that answers a constant', 'export const f = (p: Promise<string>) => p.catch(() => null);'],
    ['a typed constant answer', "export const f = (p: Promise<string>) => p.catch((): string => 'error');"],
    ['a handler that answers undefined', 'export const f = (p: Promise<void>) => p.catch(() => undefined);'],
  ])('rejects %s', async (_what, code) => {
    expect(await silentCatches(code)).toBe(1);
  });

  it.each([
    ['a catch that logs', 'export function f(g: () => void, log: (e: unknown) => void) { try { g(); } catch (e) { log(e); } }'],
    ['a catch that rethrows', 'export function f(g: () => void) { try { g(); } catch (e) { throw new Error("x", { cause: e }); } }'],
    ['a reason in the block', 'export function f(g: () => void) { try { g(); } catch {\n  // expected: not JSON, so no message\n} }'],
    ['a reason above the call, over two lines', 'export const f = (p: Promise<void>) =>\n  // expected: the caller awaits it later;\n  // this only avoids an unhandled rejection\n  p.catch(() => {});'],
    ['a handler that uses the error', 'export const f = (p: Promise<void>, log: (e: unknown) => void) => p.catch((e) => log(e));'],
    ["zod's .catch(value)", "import { z } from 'zod';\nexport const s = z.string().catch('');"],
  ])('accepts %s', async (_what, code) => {
    expect(await silentCatches(code)).toBe(0);
  });

  it('applies to the renderer and the shell as well as the core', async () => {
    for (const file of ['src/renderer/x.ts', 'src/main/electron/x.ts', 'src/common/x.ts']) {
      expect(await silentCatches('export const f = (p: Promise<void>) => p.catch(() => {});', file), file).toBe(1);
    }
  });
});
