import type { ResultRecord } from '../results/result-record';
import { withoutLearningRate } from '../run/learning-rate';
import { markdownTable, unique } from './report-utilities';

/**
 * Three significant digits, without the float noise of the batch-size rule (2.5000000000000006e-4),
 * and small rates as powers of ten, the way the docs write them: 1e-3, 3.13e-5.
 */
function short(value: number | null): string {
  if (value === null) return '?';
  const rounded = Number(value.toPrecision(3));
  return rounded !== 0 && Math.abs(rounded) < 0.01 ? rounded.toExponential() : String(rounded);
}

/** One cell's rates, short: `1e-3 (B 1e-3, default) · predictor ×100 (default)`. */
function describeRates(record: ResultRecord): string {
  if (withoutLearningRate.has(record.cell.method.name)) return '–';
  // Records written before the bench stored its rates.
  const plan = record.cell.learningRates;
  if (plan === undefined) return '?';
  const lr =
    plan.learningRateFrom === 'rule'
      ? `${short(plan.learningRate)} (B ${short(plan.baseLearningRate)}, ${plan.baseLearningRateFrom})`
      : `${short(plan.learningRate)} (${plan.learningRateFrom})`;
  if (plan.predictorLearningRateScaleFrom === 'not-applicable') return lr;
  const scale =
    plan.predictorLearningRateScale === null ? 'method default' : `×${plan.predictorLearningRateScale}`;
  return `${lr} · predictor ${scale} (${plan.predictorLearningRateScaleFrom})`;
}

/**
 * A methods × models table of the learning rates the group's cells ran at and where each came from
 * (`tuned`: apps/bench/configs/tuned-rates.json for this stream; `default`: B = 1e-3 and the
 * method's own multipliers). Two groups can then be compared knowing whether both were tuned.
 */
export function learningRateTable(
  records: readonly ResultRecord[],
  methods: readonly string[],
  models: readonly string[],
): string {
  const rows = methods.map((method) => [
    method,
    ...models.map((model) => {
      const described = unique(
        records
          .filter((r) => r.cell.method.label === method && r.cell.model === model)
          .map((r) => describeRates(r)),
      );
      return described.length > 0 ? described.join('; ') : '';
    }),
  ]);
  return markdownTable(['method', ...models], rows, { textColumns: true });
}
