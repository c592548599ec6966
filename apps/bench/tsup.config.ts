import { defineConfig } from 'tsup';

// One ESM file with a node shebang; workspace packages and tfjs stay external (resolved from
// node_modules at run time, through their built dist).
export default defineConfig({
  entry: { cli: 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  clean: true,
  banner: { js: '#!/usr/bin/env node' },
  tsconfig: 'tsconfig.build.json',
});
