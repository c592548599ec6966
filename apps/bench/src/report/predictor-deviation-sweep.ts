import type { ResultRecord } from '../results/result-record';
import type { PlotSpec } from './plot-spec';
import { csvTable, markdownTable, mean, orderedMethods, slug, unique } from './report-utilities';

/** The report sections, CSV files and plots of the ‖P − I‖-against-imbalance-ratio figures. */
export interface PredictorDeviationSweeps {
  readonly sections: readonly string[];
  readonly csv: Readonly<Record<string, string>>;
  readonly plots: Readonly<Record<string, PlotSpec>>;
}

/**
 * Fig. 2a of the paper: the predictor's final deviation ‖P − I‖_F against the imbalance ratio,
 * one figure and table per preset whose label-shift cells span more than one ratio.
 *
 * Kept per preset and per model because ‖P − I‖ depends on the stream length and on the width of
 * the model's feature: averaging `quick` (640 steps) with `imbalance-sweep` (2,000 steps), or a
 * 64-wide ResNet with a 192-wide ViT, would draw a curve no run produced. Each value is the mean
 * over the preset's corruptions and seeds.
 */
export function predictorDeviationSweeps(
  records: readonly ResultRecord[],
  asset: (name: string) => string,
): PredictorDeviationSweeps {
  const sections: string[] = [];
  const csv: Record<string, string> = {};
  const plots: Record<string, PlotSpec> = {};
  const withDeviation = records.filter(
    (r) => r.cell.scenario === 'label-shift' && r.online.finalPredictorDeviation !== undefined,
  );
  for (const preset of unique(withDeviation.map((r) => r.config.preset)).sort()) {
    const own = withDeviation.filter((r) => r.config.preset === preset);
    const ratios = unique(own.map((r) => r.cell.imbalanceRatio)).sort((a, b) => a - b);
    if (ratios.length < 2) continue;
    const models = unique(own.map((r) => r.cell.model)).sort();
    const lines = orderedMethods(own).flatMap((method) =>
      models
        .filter((model) => own.some((r) => r.cell.method.label === method && r.cell.model === model))
        .map((model) => ({ method, model })),
    );
    // One value per line and ratio: null where that cell was not run.
    const values = lines.map(({ method, model }) =>
      ratios.map((ratio) => {
        const hits = own.filter(
          (r) => r.cell.method.label === method && r.cell.model === model && r.cell.imbalanceRatio === ratio,
        );
        return hits.length > 0 ? mean(hits.map((r) => r.online.finalPredictorDeviation!)) : null;
      }),
    );
    const name = `${slug(preset)}-predictor-deviation-vs-ir`;
    plots[name] = {
      title: `${preset}: ‖P − I‖_F at the end of the stream against the imbalance ratio`,
      xLabel: 'imbalance ratio (log scale)',
      yLabel: '‖P − I‖_F',
      logX: true,
      markers: true,
      series: lines.map(({ method, model }, index) => ({
        name: models.length > 1 ? `${method} · ${model}` : method,
        x: ratios.map((ratio) => Math.max(ratio, 1)),
        y: values[index]!,
      })),
    };
    const header = ['method', 'model', ...ratios.map((ratio) => `IR ${ratio}`)];
    const rows = lines.map(({ method, model }, index) => [
      method,
      model,
      ...values[index]!.map((value) => (value === null ? '–' : value.toFixed(3))),
    ]);
    csv[`${name}.csv`] = csvTable(header, rows);
    sections.push(
      `## ${preset}: predictor deviation against imbalance ratio`,
      '',
      `‖P − I‖_F at the end of each stream, mean over corruptions and seeds.`,
      '',
      markdownTable(header, rows),
      '',
      `![P − I against IR](${asset(`${name}.svg`)})`,
      '',
    );
  }
  return { sections, csv, plots };
}
