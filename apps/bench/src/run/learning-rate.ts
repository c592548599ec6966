import type { BenchConfig } from '../config/bench-config';
import type { MethodSpec } from '../grid/method-spec';
import { updateBatchSize } from '../config/update-batch-size';
import { streamKeyOf, type TunedRates, tunedRatesFor } from '../tune/tuned-rates';

/** Methods whose base lr doubles at batch size 1 (methods.md §1.5, the "double-lr" rule). */
const doubledAtBatchSize1 = new Set(['sar', 'deyo', 'deyo+come', 'zerosiam', 'zerosiam+deyo']);

/** Methods that take no learning rate (they update no parameters): their rate is never shown or tuned. */
export const withoutLearningRate: ReadonlySet<string> = new Set(['source', 'norm']);

/** B when nothing sets it: 4× the paper's 2.5e-4, because our streams are 1–2 orders of magnitude shorter. */
export const fallbackBaseLearningRate = 1e-3;

/**
 * Method-entry options the bench reads itself instead of passing them to the factory:
 * `tent[baseLearningRate=4e-3]` sets B of the rule for that entry (the `tune` preset's cells).
 */
export const benchOnlyMethodOptions: readonly string[] = ['baseLearningRate'];

/** Where a number came from, most specific first. */
export type RateSource =
  /** the method entry's brackets, e.g. `zerosiam[predictorLearningRateScale=10]` */
  | 'method-entry'
  /** a `method.*` config key (preset or command line) */
  | 'config'
  /** configs/tuned-rates.json, for this model and method */
  | 'tuned'
  /** nothing set it: B = 1e-3, or the method's own multiplier */
  | 'default';

/**
 * The learning rates of one cell and where each came from (stored with every result record).
 * `predictorLearningRateScale` is null when the method's own default applies; the record then
 * holds the value the method actually used.
 */
export interface LearningRatePlan {
  /** Passed to the factory as `learningRate`. */
  readonly learningRate: number;
  /** `rule` = base(bs) from B; otherwise the override that bypassed the rule. */
  readonly learningRateFrom: 'rule' | 'method-entry' | 'config';
  /** B of the rule; null when an override bypassed the rule. */
  readonly baseLearningRate: number | null;
  readonly baseLearningRateFrom: RateSource | null;
  /** ZeroSiam compositions: the predictor multiplier; null = the method's own default (or not a ZeroSiam method). */
  readonly predictorLearningRateScale: number | null;
  readonly predictorLearningRateScaleFrom: RateSource | 'not-applicable';
}

/** The ZeroSiam compositions (`zerosiam`, `zerosiam+eata`, ...): the ones with a predictor multiplier. */
const hasPredictor = (methodName: string): boolean => methodName.startsWith('zerosiam');

/** base(bs) from B (methods.md §1.5, the ResNet50-GN row, rescaled). */
function ruleFromBase(config: BenchConfig, methodName: string, base: number): number {
  // Blind-spot adapts at its own batch size; its frozen evaluation batch size is irrelevant here.
  const batchSize = updateBatchSize(config.scenario);
  let learningRate = batchSize >= 32 ? base : (base / 64) * batchSize * 2;
  if (batchSize === 1 && config.scenario.name !== 'blind-spot' && doubledAtBatchSize1.has(methodName))
    learningRate *= 2;
  return learningRate;
}

const numberOption = (spec: MethodSpec, key: string): number | undefined => {
  const value = spec.options[key];
  return typeof value === 'number' ? value : undefined;
};

/**
 * The bench's learning-rate rule: methods.md §1.5's ResNet50-GN rule, rescaled to our models.
 *   base(bs) = B            if bs ≥ 32
 *            = (B/64)·bs·2  if bs < 32          (the R50-GN small-batch rule)
 *   ×2 when bs = 1 in a non-blind-spot scenario and the method is SAR, DeYO, DeYO+COME or ZeroSiam
 * A `learningRate` in the method entry, then `method.learningRate`, replace the whole rule. B,
 * most specific first: the entry's `baseLearningRate`; `method.baseLearningRate` when it is a
 * number; with `'tuned'` (the default) the tuned table's B for this model and method; else 1e-3.
 * The table is read only when it supplies B, because its predictor multiplier was chosen together
 * with that B: ZeroSiam's multiplier is then the entry's option, `method.predictorLearningRateScale`,
 * the table's (only when B came from it), or the method's own (×100), in that order.
 */
/**
 * The tuned entry of `methodName`; a ZeroSiam plug-in (`zerosiam+eata`, `zerosiam+deyo`) without one
 * of its own takes ZeroSiam's. The `tune` preset searches ZeroSiam's B and predictor multiplier only,
 * and a plug-in steps the same parameters (norm affine and the predictor) with the same asymmetric
 * term; without this the plug-in would run at the untuned ×100 predictor multiplier beside a tuned
 * ZeroSiam, and the plug-in table would compare two different step sizes.
 */
function tunedRatesOf(
  tuned: TunedRates,
  model: string,
  methodName: string,
  stream: ReturnType<typeof streamKeyOf>,
): ReturnType<typeof tunedRatesFor> {
  const own = tunedRatesFor(tuned, model, methodName, stream);
  if (own !== undefined || !methodName.startsWith('zerosiam+')) return own;
  return tunedRatesFor(tuned, model, 'zerosiam', stream);
}

export function planLearningRates(
  config: BenchConfig,
  cell: { readonly method: MethodSpec; readonly model: string },
  tuned: TunedRates,
): LearningRatePlan {
  const { method } = cell;
  const entryLearningRate = numberOption(method, 'learningRate');
  const entryBase = numberOption(method, 'baseLearningRate');
  const override: [number, 'method-entry' | 'config'] | undefined =
    entryLearningRate !== undefined
      ? [entryLearningRate, 'method-entry']
      : config.method.learningRate !== null
        ? [config.method.learningRate, 'config']
        : undefined;
  const table =
    override === undefined && entryBase === undefined && config.method.baseLearningRate === 'tuned'
      ? tunedRatesOf(tuned, cell.model, method.name, streamKeyOf(config.scenario))
      : undefined;

  let predictorLearningRateScale: number | null = null;
  let predictorLearningRateScaleFrom: LearningRatePlan['predictorLearningRateScaleFrom'] = 'not-applicable';
  if (hasPredictor(method.name)) {
    const fromEntry = numberOption(method, 'predictorLearningRateScale');
    if (fromEntry !== undefined) {
      predictorLearningRateScale = fromEntry;
      predictorLearningRateScaleFrom = 'method-entry';
    } else if (config.method.predictorLearningRateScale !== null) {
      predictorLearningRateScale = config.method.predictorLearningRateScale;
      predictorLearningRateScaleFrom = 'config';
    } else if (table?.predictorLearningRateScale !== undefined) {
      predictorLearningRateScale = table.predictorLearningRateScale;
      predictorLearningRateScaleFrom = 'tuned';
    } else {
      predictorLearningRateScaleFrom = 'default';
    }
  }
  const predictor = { predictorLearningRateScale, predictorLearningRateScaleFrom };

  if (override !== undefined)
    return {
      learningRate: override[0],
      learningRateFrom: override[1],
      baseLearningRate: null,
      baseLearningRateFrom: null,
      ...predictor,
    };
  const [base, baseFrom]: [number, RateSource] =
    entryBase !== undefined
      ? [entryBase, 'method-entry']
      : typeof config.method.baseLearningRate === 'number'
        ? [config.method.baseLearningRate, 'config']
        : table !== undefined
          ? [table.baseLearningRate, 'tuned']
          : [fallbackBaseLearningRate, 'default'];
  return {
    learningRate: ruleFromBase(config, method.name, base),
    learningRateFrom: 'rule',
    baseLearningRate: base,
    baseLearningRateFrom: baseFrom,
    ...predictor,
  };
}

/** One line per plan for the run log: `tent on resnet20-gn: lr 1e-3 = rule(B 1e-3 from tuned)`. */
export function describePlan(label: string, model: string, plan: LearningRatePlan): string {
  const lr =
    plan.learningRateFrom === 'rule'
      ? `lr ${plan.learningRate} = rule(B ${plan.baseLearningRate} from ${plan.baseLearningRateFrom})`
      : `lr ${plan.learningRate} from ${plan.learningRateFrom} (rule bypassed)`;
  const predictor =
    plan.predictorLearningRateScaleFrom === 'not-applicable'
      ? ''
      : plan.predictorLearningRateScale === null
        ? ', predictor × the method default'
        : `, predictor ×${plan.predictorLearningRateScale} from ${plan.predictorLearningRateScaleFrom}`;
  return `${label} on ${model}: ${lr}${predictor}`;
}
