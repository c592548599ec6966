import type { BenchConfig } from '../config/bench-config';
import type { Cell } from '../grid/cell';
import { streamKeyOf, type TunedRates, tunedRatesPath, tunedStreamMismatch } from '../tune/tuned-rates';
import { describePlan } from './learning-rate';
import { describeWeights } from './weights-provenance';

/**
 * The lines the grid prints before running: each method entry's learning rates and their
 * source, a note where `'tuned'` found no entry, and a WARNING where the tuned entry was chosen
 * on other weights than the ones about to run (a retrained model needs re-tuning).
 */
export async function learningRateLog(
  config: BenchConfig,
  cells: readonly Cell[],
  tuned: TunedRates,
): Promise<string[]> {
  const lines: string[] = [];
  const seen = new Set<string>();
  const untunedModels = new Set<string>();
  const tunedModels = new Set<string>();
  for (const cell of cells) {
    const id = `${cell.model}|${cell.method.label}`;
    if (seen.has(id)) continue;
    seen.add(id);
    lines.push(`  ${describePlan(cell.method.label, cell.model, cell.learningRates)}`);
    if (cell.learningRates.baseLearningRateFrom === 'tuned') tunedModels.add(cell.model);
    if (cell.learningRates.baseLearningRateFrom === 'default') untunedModels.add(cell.model);
  }
  lines.unshift('learning rates (docs/bench.md, learning rates):');
  for (const model of untunedModels) {
    const entry = tuned.models[model];
    const mismatch = entry ? tunedStreamMismatch(entry.provenance, streamKeyOf(config.scenario)) : undefined;
    lines.push(
      mismatch !== undefined
        ? `  note: the tuned rates of ${model} in ${tunedRatesPath()} were chosen on another stream (${mismatch}): this run uses B = 1e-3 and the methods' own multipliers (tune on this stream: pnpm bench tune with the same --scenario.* overrides, then pnpm bench select-rates)`
        : `  note: ${tunedRatesPath()} has no entry for some methods on ${model}: they use B = 1e-3 and their own multipliers (pnpm bench tune, then pnpm bench select-rates results/tune.jsonl)`,
    );
  }
  for (const model of tunedModels) {
    const chosenOn = tuned.models[model]?.provenance.weights;
    const current = await describeWeights(model, config);
    if (chosenOn?.sha256 !== undefined && current.sha256 !== undefined && chosenOn.sha256 !== current.sha256)
      lines.push(
        `WARNING: the tuned learning rates of ${model} were chosen on weights sha256 ${chosenOn.sha256.slice(0, 12)}… (trained ${chosenOn.trainedOn ?? '?'}), but ${current.file} is now ${current.sha256.slice(0, 12)}… (trained ${current.trainedOn ?? '?'}); re-tune: pnpm bench tune, then pnpm bench select-rates results/tune.jsonl`,
      );
  }
  return lines;
}
