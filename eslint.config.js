// Lint, including the layer rules of DESIGN §1: folders say where code runs, and an import
// that crosses a layer the wrong way fails lint (tests/lint/layers.test.ts proves it).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import { stintPlugin } from './lint/noSilentCatch.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'keytar', 'electron'];

// Our own folders, matched anywhere in a relative import path (`.*/` anchors to `./` or `../`,
// so a package such as `@fullcalendar/core` is not mistaken for our `core`).
const ours = (folder) => [`.*/**/${folder}`, `.*/**/${folder}/**`];

const layer = (files, { paths = [], patterns = [] }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: paths.map((name) => ({ name, message: 'Layer rule (DESIGN §1): this layer may not import it.' })),
        patterns: patterns.length
          ? [{ group: patterns, message: 'Layer rule (DESIGN §1): this layer may not import that folder.' }]
          : [],
      },
    ],
  },
});

// Time is an input (DESIGN §10): the core and the tests take "now" from a Clock
// (src/common/clock.ts, the one module that reads the wall clock). Elapsed time is measured on
// the monotonic `performance.now()`, which libfaketime and a test's clock leave alone.
const WALL_CLOCK_MESSAGE = 'Time is an input (DESIGN §10): take "now" from the injected Clock (src/common/clock.ts; tests: tests/helpers/clock.ts), or performance.now() for elapsed time.';
export const WALL_CLOCK_SELECTORS = [
  "MemberExpression[object.name='Date'][property.name='now']",
  "NewExpression[callee.name='Date'][arguments.length=0]",
];
// Files that may read the wall clock, each with its reason.
export const WALL_CLOCK_ALLOWED = {
  'src/common/clock.ts': 'the clock module: the one place the wall clock is read',
  'tests/main/core/sync/scheduler.test.ts': 'runs under vi.useFakeTimers, whose fake Date is the clock it reads',
  'tests/common/clock.test.ts': 'checks that systemClock is the wall clock',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'build/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    ignores: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Every error reaches a person or a log (issue 20): no silent catch in the app's code.
    files: ['src/**'],
    plugins: { stint: stintPlugin },
    rules: { 'stint/no-silent-catch': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/main/core/**', 'tests/**'],
    ignores: Object.keys(WALL_CLOCK_ALLOWED),
    rules: {
      'no-restricted-syntax': ['error', ...WALL_CLOCK_SELECTORS.map((selector) => ({ selector, message: WALL_CLOCK_MESSAGE }))],
    },
  },
  // common: pure TypeScript; imports nothing of ours, no Node, no DOM-only runtime, no electron.
  layer(['src/common/**'], {
    paths: [...nodeBuiltins, ...nodeOnlyPackages, 'react', 'react-dom'],
    patterns: [...ours('main'), ...ours('renderer'), ...ours('preload'), ...ours('core'), ...ours('electron')],
  }),
  // main/core: plain Node; never electron, never the shell, preload or renderer.
  layer(['src/main/core/**'], {
    paths: ['electron'],
    patterns: [...ours('electron'), ...ours('renderer'), ...ours('preload')],
  }),
  // main/electron: the shell; imports core and common, never the renderer or preload.
  layer(['src/main/electron/**'], {
    patterns: [...ours('renderer'), ...ours('preload')],
  }),
  // preload: common and electron only.
  layer(['src/preload/**'], {
    paths: [...nodeBuiltins, 'better-sqlite3', 'keytar'],
    patterns: [...ours('main'), ...ours('renderer'), ...ours('core')],
  }),
  // renderer: common only; never Node or electron.
  {
    ...layer(['src/renderer/**'], {
      paths: [...nodeBuiltins, ...nodeOnlyPackages],
      patterns: [...ours('main'), ...ours('preload'), ...ours('core'), ...ours('electron')],
    }),
    languageOptions: { globals: { ...globals.browser } },
  },
);
