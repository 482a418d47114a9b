// Types for what tests import from eslint.config.js (tests/lint/clock.test.ts).
export declare const WALL_CLOCK_SELECTORS: readonly string[];
export declare const WALL_CLOCK_ALLOWED: Readonly<Record<string, string>>;
declare const config: unknown;
export default config;
