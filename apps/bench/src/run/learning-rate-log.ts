import type { BenchConfig } from '../config/bench-config';
import type { Cell } from '../grid/cell';
import { type TunedRates, tunedRatesPath } from '../tune/tuned-rates';
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
  for (const model of untunedModels)
    lines.push(
      `  note: ${tunedRatesPath()} has no entry for some methods on ${model}: they use B = 1e-3 and their own multipliers (pnpm bench tune, then pnpm bench select-rates results/tune.jsonl)`,
    );
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
