import type { NormSelection, Objective } from '@zerosiam/core';
import type { ReadbackMode } from './readback';
import { checkReadback } from './readback';

/** Options every gradient-based method accepts. */
export interface GradientMethodOptions {
  /** Base learning rate; paper: 2.5e-4 (ResNet50-GN at batch size 64, methods.md §1.5). */
  readonly learningRate?: number;
  /** SGD momentum; paper: 0.9, no dampening, no Nesterov (§4.0). */
  readonly momentum?: number;
  /** Per-sample objective on the adaptation logits, a name (`entropy`, `slr`, `ce`, `neg-p2`, `come`) or an Objective; paper: `entropy`. */
  readonly objective?: string | Objective;
  /** Multiplier of the base lr for the normalisation parameters; paper: 1 (baselines), 10 (ZeroSiam lr_scale, §1.5). */
  readonly normLearningRateScale?: number;
  /** Overrides the lr multiplier of the model's auxiliary groups (the ZeroSiam predictor); default: each group's own. */
  readonly predictorLearningRateScale?: number;
  /** Which normalisation layers adapt; paper: `all` for Tent/EATA/ZeroSiam, `exclude-last-stage` for SAR/DeYO (§4.0). */
  readonly normSelection?: NormSelection;
  /** How the step reads selection values back: `auto` (default), `sync` or `deferred` (see ReadbackMode). */
  readonly readback?: ReadbackMode;
}

export interface ResolvedGradientOptions {
  readonly learningRate: number;
  readonly momentum: number;
  readonly objective: string | Objective;
  readonly normLearningRateScale: number;
  readonly predictorLearningRateScale: number | undefined;
  readonly normSelection: NormSelection;
  readonly readback: ReadbackMode;
}

export function resolveGradientOptions(
  options: GradientMethodOptions,
  defaults: { normSelection: NormSelection; normLearningRateScale?: number },
  methodId: string,
): ResolvedGradientOptions {
  return {
    learningRate: options.learningRate ?? 2.5e-4,
    momentum: options.momentum ?? 0.9,
    objective: options.objective ?? 'entropy',
    normLearningRateScale: options.normLearningRateScale ?? defaults.normLearningRateScale ?? 1,
    predictorLearningRateScale: options.predictorLearningRateScale,
    normSelection: options.normSelection ?? defaults.normSelection,
    readback: checkReadback(options.readback, methodId),
  };
}
