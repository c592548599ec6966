import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench's own folder (the CLI's working directory in tests). */
export const benchRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs the CLI in a child process exactly as a user would (TypeScript sources through tsx), for
 * tests that kill or signal it. `stderr()` is everything written so far; `exit` resolves to the code.
 */
export function spawnCli(args: readonly string[]) {
  const child = spawn(
    process.execPath,
    ['--conditions=@zerosiam/source', '--import', 'tsx', join(benchRoot, 'src/bin.ts'), ...args],
    { cwd: benchRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exit, stderr: () => stderr };
}
