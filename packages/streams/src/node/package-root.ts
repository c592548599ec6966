import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding this package's package.json. Found by walking up from this module, so it
 * works both from `src/` (tests, source condition) and from the bundled `dist/`.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
      if (name === '@zerosiam/streams') {
        cached = folder;
        return folder;
      }
    }
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error('@zerosiam/streams: cannot locate the package root from ' + import.meta.url);
    folder = parent;
  }
}

/** The folder of the data files shipped with the package (`data/`). */
export function shippedDataDir(): string {
  return join(packageRoot(), 'data');
}
