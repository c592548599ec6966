import type { BenchConfig } from '../config/bench-config';
import { ConfigError } from '../config/config-error';
import { type Cell, expandCells } from '../grid/cell';
import { finishedCells } from '../grid/finished-cells';
import { type Shard, selectShard } from '../grid/shard';
import { appendResult, readResults } from '../results/results-file';
import type { Progress } from '../cli/progress';
import { assertNoDeviceErrors } from '../cli/optional-backend';
import { runCell } from '../run/run-cell';
import { describeWeights } from '../run/weights-provenance';
import type { ResultRecord } from '../results/result-record';

export interface RunGridOptions {
  readonly config: BenchConfig;
  readonly shard?: Shard;
  readonly command: string;
  readonly backend: string;
  readonly progress: Progress;
  /** Called with each finished record (for `--json`). */
  readonly onRecord?: (record: ResultRecord) => void;
  /** Re-run cells whose key is already in the output file. */
  readonly force?: boolean;
}

export interface RunGridSummary {
  readonly planned: number;
  readonly skipped: number;
  readonly ran: number;
  /** Keys of cells that threw; they are not in the output file. */
  readonly failed: readonly string[];
}

/**
 * Runs every cell of the config (or of one shard) that the output file does not hold yet, and
 * appends each result as soon as it is done: an interrupted grid resumes where it stopped.
 */
export async function runGrid(options: RunGridOptions): Promise<RunGridSummary> {
  const { config, progress } = options;
  const cells: Cell[] = selectShard(expandCells(config), options.shard);
  const existing = readResults(config.output);
  for (const skip of existing.skipped)
    progress.log(`warning: ${config.output}:${skip.line}: ignored (${skip.reason})`);
  // A cell computed on other weights (the shipped model was retrained since) is not done: resuming
  // must not mix two models in one table. The re-run's record supersedes it in `report` (newest wins).
  const currentSha = new Map<string, string | undefined>();
  for (const model of new Set(cells.map((cell) => cell.model)))
    currentSha.set(model, (await describeWeights(model, config)).sha256);
  const { done, stale } = finishedCells(existing.records, currentSha);
  const rerun = cells.filter((cell) => stale.has(cell.key)).length;
  if (rerun > 0)
    progress.log(
      `${rerun} cell(s) in ${config.output} were computed on other weights than the current shipped files; re-running them`,
    );
  const todo = options.force ? cells : cells.filter((cell) => !done.has(cell.key));
  const skipped = cells.length - todo.length;
  if (skipped > 0)
    progress.log(`${skipped} of ${cells.length} cells already in ${config.output}; skipping them`);
  if (config.weights === 'fresh' && config.models.some((model) => !model.startsWith('tiny-'))) {
    progress.log(
      'WARNING: weights=fresh — models are freshly initialised, not the shipped source models; accuracies are meaningless.',
    );
  }
  let position = 0;
  const failed: string[] = [];
  // Cells of one method on one model cost about the same whatever the corruption.
  progress.plan?.(todo.map((cell) => `${cell.method.label} · ${cell.model}`));
  for (const cell of todo) {
    position += 1;
    const label = `${cell.method.label} · ${cell.model} · ${cell.scenario} · ${cell.corruption}${cell.scenario === 'label-shift' ? ` · IR ${cell.imbalanceRatio}` : ''} · seed ${cell.seed}`;
    progress.startCell(label, position, todo.length);
    let record: ResultRecord;
    try {
      record = await runCell(cell, config, {
        command: options.command,
        backend: options.backend,
        onProgress: (p) => progress.update(p.samples / Math.max(1, p.total), p.accuracy),
      });
      assertNoDeviceErrors('this cell');
    } catch (error) {
      // One broken cell (an unknown method, a missing weight file) must not stop the grid; it
      // is not written, so a re-run retries it.
      failed.push(cell.key);
      progress.finishCell(`${label}: FAILED — ${error instanceof Error ? error.message : String(error)}`, {
        failed: true,
      });
      continue;
    }
    appendResult(config.output, record);
    progress.finishCell(
      `${label}: acc ${(record.accuracy * 100).toFixed(2)}%, ${record.online.imagesPerSecond.toFixed(0)} img/s${record.online.collapse.detected ? ', COLLAPSE' : ''}`,
    );
    options.onRecord?.(record);
  }
  progress.done();
  return { planned: cells.length, skipped, ran: todo.length - failed.length, failed };
}

/** `run` is one method × model × scenario; it may still span several corruptions and seeds. */
export function checkSingleRun(config: BenchConfig): void {
  const many = (['methods', 'models'] as const).filter((key) => config[key].length !== 1);
  if (many.length > 0 || config.scenario.imbalanceRatios.length > 1) {
    throw new ConfigError(
      `'run' takes exactly one method, one model and one imbalance ratio (got ${config.methods.length} methods, ${config.models.length} models, ${config.scenario.imbalanceRatios.length} ratios); use 'grid' for more, or set --methods=<one> --models=<one>.`,
    );
  }
}
