import { expect } from 'vitest';
import { main } from '../src/cli';
import type { ResultRecord } from '../src/results/result-record';
import { readResults } from '../src/results/results-file';

/**
 * Runs `zerosiam-bench grid smoke …args --output=<output>` in this process with its progress output
 * muted, expects exit code 0, and returns the records of `output`. Call one at a time: it swaps
 * `process.stderr.write` for the run.
 */
export async function runQuietGrid(output: string, args: readonly string[]): Promise<ResultRecord[]> {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    expect(await main(['grid', 'smoke', ...args, `--output=${output}`])).toBe(0);
  } finally {
    process.stderr.write = write;
  }
  return readResults(output).records;
}
