import { spawn } from 'node:child_process';
import type { Progress } from '../cli/progress';

/**
 * Runs a grid in `workers` child processes, one shard each (`--shard=k/workers`), all appending
 * to the same results file (each record is one whole-line append). wasm runs one thread per
 * process, so on an n-core machine n workers finish about n times sooner. Children print plain
 * progress lines, prefixed with their worker number. Returns the highest exit code.
 */
export async function runWorkers(
  gridArguments: readonly string[],
  workers: number,
  progress: Progress,
): Promise<number> {
  const script = process.argv[1];
  if (!script) throw new Error('cannot find the bench entry point to start workers');
  const codes = await Promise.all(
    Array.from({ length: workers }, (_, index) => {
      const child = spawn(
        process.execPath,
        [...process.execArgv, script, ...gridArguments, `--shard=${index + 1}/${workers}`],
        {
          stdio: ['ignore', 'inherit', 'pipe'],
        },
      );
      let pending = '';
      child.stderr.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        // The resolved config is printed once by the parent; keep only progress and warnings.
        for (const line of lines)
          if (/^\[\d+\/\d+\]|^ {2}\S.*ETA|warning|WARNING|FAILED|error|cells run/i.test(line))
            progress.log(`[w${index + 1}] ${line}`);
      });
      return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    }),
  );
  return Math.max(...codes);
}
