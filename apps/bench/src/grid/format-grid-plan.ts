import { formatSeconds } from '../cli/format-seconds';
import { cellKind, type GridPlan } from './plan-grid';
import type { Shard } from './shard';

/** The counts of a plan, overall or for one method on one model. */
interface PlanCounts {
  cells: number;
  done: number;
  stale: number;
  toRun: number;
}

function count(statuses: readonly GridPlan['cells'][number][], force: boolean): PlanCounts {
  const done = statuses.filter(({ status }) => status === 'done').length;
  const stale = statuses.filter(({ status }) => status === 'stale').length;
  return { cells: statuses.length, done, stale, toRun: force ? statuses.length : statuses.length - done };
}

/**
 * `grid --dry-run` as text: one line with the totals, then a table with a row per method on a
 * model (cells of one row cost about the same, so the table is also a rough bill of the work left).
 */
export function formatGridPlan(
  plan: GridPlan,
  context: { readonly output: string; readonly shard?: Shard; readonly force: boolean },
): string {
  const rows = new Map<string, GridPlan['cells'][number][]>();
  for (const entry of plan.cells) {
    const kind = cellKind(entry.cell);
    rows.set(kind, [...(rows.get(kind) ?? []), entry]);
  }
  const total = count(plan.cells, context.force);
  const where = `${context.output}${context.shard ? ` (shard ${context.shard.index}/${context.shard.count})` : ''}`;
  const lines = [
    `grid plan for ${where}: ${total.cells} cells: ${total.done} done, ${total.stale} on other weights (run again), ${total.toRun} to run${context.force ? ' (--force runs every cell)' : ''}`,
    '',
    '| method · model | cells | done | other weights | to run | time per done cell |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  let secondsLeft = 0;
  let unpriced = 0;
  for (const [kind, entries] of rows) {
    const row = count(entries, context.force);
    const mean = plan.meanSecondsByKind.get(kind);
    if (mean === undefined) unpriced += row.toRun;
    else secondsLeft += mean * row.toRun;
    lines.push(
      `| ${kind} | ${row.cells} | ${row.done} | ${row.stale} | ${row.toRun} | ${mean === undefined ? '–' : formatSeconds(mean)} |`,
    );
  }
  if (total.toRun > 0 && secondsLeft > 0)
    lines.push(
      '',
      `Time left at the done cells' pace: ${unpriced > 0 ? '≥ ' : ''}${formatSeconds(secondsLeft)} of cell time${unpriced > 0 ? ` (${unpriced} cell(s) of kinds with no done cell not counted)` : ''}; N workers take about 1/N of it.`,
    );
  if (plan.ignoredLines.length > 0)
    lines.push(
      '',
      `${plan.ignoredLines.length} line(s) of ${context.output} were ignored (half-written or unreadable): lines ${plan.ignoredLines.map(({ line }) => line).join(', ')}`,
    );
  lines.push('', total.toRun === 0 ? 'Nothing to run.' : 'Nothing was run (--dry-run).');
  return lines.join('\n');
}

/** `grid --dry-run --json`: the totals and every cell with its key and status. */
export function gridPlanJson(plan: GridPlan, force: boolean) {
  const { cells, done, stale, toRun } = count(plan.cells, force);
  return {
    planned: cells,
    done,
    stale,
    toRun,
    /** Mean wall seconds of this grid's done cells, by `method · model`. */
    secondsPerDoneCell: Object.fromEntries(plan.meanSecondsByKind),
    cells: plan.cells.map(({ cell, status }) => ({
      key: cell.key,
      method: cell.method.label,
      model: cell.model,
      scenario: cell.scenario,
      corruption: cell.corruption,
      imbalanceRatio: cell.imbalanceRatio,
      seed: cell.seed,
      status,
      willRun: force || status !== 'done',
    })),
  };
}
