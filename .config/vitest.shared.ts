import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@zerosiam/source`
// export condition, so tests never need a prior build of their dependencies.
const conditions = ['@zerosiam/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@zerosiam/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores on CI: tfjs tests are CPU-bound, so more workers only thrash.
    maxWorkers: 2,
    passWithNoTests: false,
    // The JSON report feeds the one-line summary printed by `pnpm test` (.config/run-tests.mjs).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
