import type { BenchConfig } from '../config/bench-config';
import { readResults } from '../results/results-file';
import { describeWeights } from '../run/weights-provenance';
import { type Cell, expandCells } from './cell';
import { finishedCells } from './finished-cells';
import { type Shard, selectShard } from './shard';

/**
 * Where a cell stands against the output file: `done` (its key is there, on the current weights),
 * `stale` (only records computed on other weights than the shipped file: it runs again), `to-run`.
 */
export type CellStatus = 'done' | 'stale' | 'to-run';

/** Cells of one method on one model cost about the same whatever the corruption: the ETA's unit. */
export function cellKind(cell: Pick<Cell, 'method' | 'model'>): string {
  return `${cell.method.label} · ${cell.model}`;
}

export interface GridPlan {
  /** Every cell of the config (or of one shard), in run order, with its status. */
  readonly cells: readonly { readonly cell: Cell; readonly status: CellStatus }[];
  /**
   * Mean wall seconds per cell, by kind, of this grid's cells already in the output file (all
   * shards; set-up included, as the progress bar counts it). A resumed grid prices the cells it
   * still has to run with these before any of its own has finished.
   */
  readonly meanSecondsByKind: ReadonlyMap<string, number>;
  /** The cells a run would compute, in order: the not-done ones, or all of them with `force`. */
  readonly todo: readonly Cell[];
  /** Lines of the output file that were ignored (half-written or unreadable), for a warning. */
  readonly ignoredLines: readonly { readonly line: number; readonly reason: string }[];
}

/**
 * What a grid would do right now: expands the config (one shard of it), reads the output file and
 * the current weights' hashes, and sorts the cells into done, stale and to run. `grid` runs the
 * plan's `todo`; `grid --dry-run` prints the plan and runs nothing.
 */
export async function planGrid(
  config: BenchConfig,
  options: { readonly shard?: Shard; readonly force?: boolean } = {},
): Promise<GridPlan> {
  const allCells = expandCells(config);
  const cells: Cell[] = selectShard(allCells, options.shard);
  const existing = readResults(config.output);
  // A cell computed on other weights (the shipped model was retrained since) is not done: resuming
  // must not mix two models in one table. The re-run's record supersedes it in `report` (newest wins).
  const currentSha = new Map<string, string | undefined>();
  for (const model of new Set(cells.map((cell) => cell.model)))
    currentSha.set(model, (await describeWeights(model, config)).sha256);
  const { done, stale, current } = finishedCells(existing.records, currentSha);
  const statusOf = (cell: Cell): CellStatus =>
    done.has(cell.key) ? 'done' : stale.has(cell.key) ? 'stale' : 'to-run';
  const planned = cells.map((cell) => ({ cell, status: statusOf(cell) }));
  // Timings from every shard's finished cells of this very grid (another stream size in the same
  // file has other keys and other costs), on the current weights only: a retrained model's old
  // records priced another model (and a key re-run since would count twice).
  const gridKeys = new Set(allCells.map((cell) => cell.key));
  const timings = new Map<string, { cells: number; seconds: number }>();
  for (const record of current) {
    if (!gridKeys.has(record.key)) continue;
    const seconds = (Date.parse(record.finishedAt) - Date.parse(record.startedAt)) / 1000;
    if (!Number.isFinite(seconds) || seconds < 0) continue;
    const kind = cellKind(record.cell);
    const entry = timings.get(kind) ?? { cells: 0, seconds: 0 };
    timings.set(kind, { cells: entry.cells + 1, seconds: entry.seconds + seconds });
  }
  return {
    cells: planned,
    meanSecondsByKind: new Map([...timings].map(([kind, t]) => [kind, t.seconds / t.cells])),
    todo: options.force ? cells : planned.filter(({ status }) => status !== 'done').map(({ cell }) => cell),
    ignoredLines: existing.skipped,
  };
}
