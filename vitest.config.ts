import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Repositories that risk tests read as data, tests included.
    exclude: [...configDefaults.exclude, 'test/fixtures/risk-content/**'],
    setupFiles: ['test/setup/git-identity.ts', 'test/setup/network.ts'],
    // Suites whose system tool is missing are skipped and named in one line at the end.
    globalSetup: ['test/setup/tool-skips.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
