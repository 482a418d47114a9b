// The layer rules of DESIGN §1 are enforced by lint: this proves a forbidden import fails it,
// and that the allowed ones pass, using ESLint with the project's own configuration.
import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: [string, string][] = [
  ['src/main/core/db/x.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['src/main/core/x.ts', "import { registerIpc } from '../electron/ipc';\nexport const a = registerIpc;"],
  ['src/main/core/x.ts', "import { App } from '../../renderer/App';\nexport const a = App;"],
  ['src/renderer/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;"],
  ['src/renderer/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;"],
  ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
  ['src/renderer/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;"],
  ['src/renderer/x.ts', "import { createApp } from '../main/core/app';\nexport const a = createApp;"],
  ['src/renderer/components/x.ts', "export { createApp } from '../../main/core/app';"],
  ['src/common/x.ts', "import { join } from 'node:path';\nexport const a = join;"],
  ['src/common/x.ts', "import { Planner } from '../main/core/planner/planner';\nexport const a = Planner;"],
  ['src/common/x.ts', "import { usePlanner } from '../renderer/store';\nexport const a = usePlanner;"],
  ['src/preload/x.ts', "import { createApp } from '../main/core/app';\nexport const a = createApp;"],
  ['src/preload/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;"],
  ['src/main/electron/x.ts', "import { App } from '../../renderer/App';\nexport const a = App;"],
];

const allowed: [string, string][] = [
  ['src/main/core/x.ts', "import { join } from 'node:path';\nimport { parseInput } from '../../common/validate';\nexport const a = [join, parseInput];"],
  ['src/main/electron/x.ts', "import { app } from 'electron';\nimport { createApp } from '../core/app';\nexport const a = [app, createApp];"],
  ['src/preload/x.ts', "import { contextBridge } from 'electron';\nimport { createBridge } from '../common/ipc/bridge';\nexport const a = [contextBridge, createBridge];"],
  ['src/renderer/x.ts', "import { create } from 'zustand';\nimport { formatMinutes } from '../common/duration';\nexport const a = [create, formatMinutes];"],
  ['src/common/x.ts', "import { z } from 'zod';\nimport { addDays } from './dates';\nexport const a = [z, addDays];"],
];

describe('layer rules (lint)', () => {
  it.each(forbidden)('%s: forbidden import fails lint', async (file, code) => {
    expect(await layerErrors(file, code)).not.toEqual([]);
  });

  it.each(allowed)('%s: allowed imports pass', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

});
