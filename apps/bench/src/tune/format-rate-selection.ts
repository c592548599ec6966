import type { ModelSelection } from './select-rates';
import type { WeightsProvenance } from './tuned-rates';

const percent = (value: number | undefined) => (value === undefined ? '–' : (value * 100).toFixed(2));

function describeWeights(weights: WeightsProvenance | undefined): string {
  if (weights === undefined) return 'weights not recorded in the results';
  if (weights.kind === 'fresh') return 'fresh (seeded) weights';
  const accuracy =
    weights.cleanTestAccuracy === undefined
      ? ''
      : `, clean test accuracy ${percent(weights.cleanTestAccuracy)}%`;
  return `\`${weights.file ?? '?'}\` (sha256 ${weights.sha256?.slice(0, 12) ?? '?'}…${accuracy})`;
}

/**
 * The selection as Markdown: per model, every candidate of every method with its accuracy on
 * each validation corruption and the mean the selection ranks; the chosen row is marked.
 */
export function formatRateSelection(
  selections: readonly ModelSelection[],
  context: { readonly command: string; readonly weights: ReadonlyMap<string, WeightsProvenance | undefined> },
): string {
  const lines = ['# Learning-rate selection', '', `Produced by \`${context.command}\`.`, ''];
  for (const selection of selections) {
    // A mixed stream has no per-corruption steps: it is one shuffled stream of all the images.
    // Blind-spot's recorded batch size is its adaptation's (the frozen evaluation's does not matter).
    const stream =
      selection.scenario === 'mixed'
        ? `mixed (one never-reset stream pooling ${selection.samplesPerDomain} images of each corruption), batch size ${selection.batchSize}`
        : `${selection.scenario}, ${selection.scenario === 'blind-spot' ? 'updates at ' : ''}batch size ${selection.batchSize}, ${selection.samplesPerDomain} images and ${selection.steps} steps per corruption`;
    // Only label-shift streams have an imbalance ratio; the others record 0.
    const imbalance = selection.imbalanceRatios.some((ratio) => ratio > 0)
      ? `, IR ${selection.imbalanceRatios.join(', ')}`
      : '';
    lines.push(
      `## ${selection.model}`,
      '',
      `${stream}${imbalance}, seeds ${selection.seeds.join(', ')}; ${selection.cells} cells; ${describeWeights(context.weights.get(selection.model))}.`,
      'Online accuracy (%) on the validation corruptions; the selection ranks the mean, ties go to the smaller rate.',
      '',
      `| method | B | predictor × | ${selection.corruptions.join(' | ')} | mean | chosen |`,
      `| --- | ---: | ---: | ${selection.corruptions.map(() => '---:').join(' | ')} | ---: | :---: |`,
    );
    for (const { method, candidates, winner } of selection.methods) {
      for (const candidate of candidates) {
        const chosen = candidate === winner;
        const mean = percent(candidate.meanAccuracy);
        lines.push(
          `| ${method} | ${candidate.baseLearningRate} | ${candidate.predictorLearningRateScale ?? '–'} | ${selection.corruptions.map((c) => percent(candidate.accuracyByCorruption[c])).join(' | ')} | ${chosen ? `**${mean}**` : mean} | ${chosen ? '✓' : ''} |`,
        );
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}
