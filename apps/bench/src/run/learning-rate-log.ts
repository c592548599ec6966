import type { BenchConfig } from '../config/bench-config';
import type { Cell } from '../grid/cell';
import {
  shapeLabel,
  streamKeyOf,
  type TunedRates,
  tunedEntriesOf,
  tunedEntryFor,
  tunedRatesPath,
  tunedStreamMismatch,
} from '../tune/tuned-rates';
import { describePlan, withoutLearningRate } from './learning-rate';
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
    lines.push(
      withoutLearningRate.has(cell.method.name)
        ? `  ${cell.method.label} on ${cell.model}: no learning rate (updates no parameters)`
        : `  ${describePlan(cell.method.label, cell.model, cell.learningRates)}`,
    );
    if (cell.learningRates.baseLearningRateFrom === 'tuned') tunedModels.add(cell.model);
    // `source` and `norm` have nothing to tune: no note for them.
    if (cell.learningRates.baseLearningRateFrom === 'default' && !withoutLearningRate.has(cell.method.name))
      untunedModels.add(cell.model);
  }
  lines.unshift('learning rates (docs/bench.md, learning rates):');
  const stream = streamKeyOf(config.scenario);
  for (const model of untunedModels) {
    const entries = tunedEntriesOf(tuned, model);
    const own = tunedEntryFor(tuned, model, stream);
    const mismatches = own ? [] : entries.map((entry) => tunedStreamMismatch(entry.provenance, stream));
    lines.push(
      mismatches.length === 1
        ? `  note: the tuned rates of ${model} in ${tunedRatesPath()} were chosen on another stream (${mismatches[0]}): this run uses B = 1e-3 and the methods' own multipliers (tune on this stream: pnpm bench tune with the same --scenario.* overrides, then pnpm bench select-rates)`
        : mismatches.length > 1
          ? `  note: ${tunedRatesPath()} has ${model} entries for other streams only (${entries.map((entry) => shapeLabel(entry.provenance)).join('; ')}; this run: ${shapeLabel(stream)}): it uses B = 1e-3 and the methods' own multipliers (tune on this stream: pnpm bench tune with the same --scenario.* overrides, then pnpm bench select-rates)`
          : `  note: ${tunedRatesPath()} has no entry for some methods on ${model} (${shapeLabel(stream)}): they use B = 1e-3 and their own multipliers (pnpm bench tune, then pnpm bench select-rates results/tune.jsonl)`,
    );
  }
  for (const model of tunedModels) {
    const chosenOn = tunedEntryFor(tuned, model, stream)?.provenance.weights;
    const current = await describeWeights(model, config);
    if (chosenOn?.sha256 !== undefined && current.sha256 !== undefined && chosenOn.sha256 !== current.sha256)
      lines.push(
        `WARNING: the tuned learning rates of ${model} were chosen on weights sha256 ${chosenOn.sha256.slice(0, 12)}… (trained ${chosenOn.trainedOn ?? '?'}), but ${current.file} is now ${current.sha256.slice(0, 12)}… (trained ${current.trainedOn ?? '?'}); re-tune: pnpm bench tune, then pnpm bench select-rates results/tune.jsonl`,
      );
  }
  return lines;
}
