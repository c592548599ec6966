import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bench package folder (apps/bench), found from this module: the sources sit two folders
 * below it and the bundled dist/cli.js one, so walk up to the first folder with a package.json.
 */
export function benchRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    folder = dirname(folder);
  }
  throw new Error(`cannot find the bench package.json above ${fileURLToPath(import.meta.url)}`);
}
