import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // Without a keychain: one warning line naming the skipped keychain tests (with one required: fail).
    globalSetup: ['tests/setup/keychainNotice.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
