import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../.config/vitest.shared';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // One browser test that may build the site first: generous, named limits instead of the 60 s default.
      testTimeout: 240_000,
      hookTimeout: 300_000,
      maxWorkers: 1,
    },
  }),
);
