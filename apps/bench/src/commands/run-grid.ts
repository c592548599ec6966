import type { BenchConfig } from '../config/bench-config';
import { ConfigError } from '../config/config-error';
import { cellKind, planGrid } from '../grid/plan-grid';
import type { Shard } from '../grid/shard';
import { appendResult } from '../results/results-file';
import type { Progress } from '../cli/progress';
import { assertNoDeviceErrors } from '../cli/optional-backend';
import { runCell } from '../run/run-cell';
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
  const plan = await planGrid(config, {
    ...(options.shard ? { shard: options.shard } : {}),
    force: options.force ?? false,
  });
  for (const skip of plan.ignoredLines)
    progress.log(`warning: ${config.output}:${skip.line}: ignored (${skip.reason})`);
  const rerun = plan.cells.filter(({ status }) => status === 'stale').length;
  if (rerun > 0)
    progress.log(
      `${rerun} cell(s) in ${config.output} were computed on other weights than the current shipped files; re-running them`,
    );
  const { cells, todo } = plan;
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
  progress.plan?.(todo.map(cellKind), plan.meanSecondsByKind);
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
