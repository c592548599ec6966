import type { ZeroSiamOptions } from '@zerosiam/asymmetric';
import { withZeroSiam } from '@zerosiam/asymmetric';
import type { AdaptableModel, TtaMethod } from '@zerosiam/core';
import type { GradientMethodOptions } from '../shared/method-options';

/** Options of a ZeroSiam composition: the wrapper's options plus the base method's. */
export type ZeroSiamMethodOptions<BaseOptions extends GradientMethodOptions> = BaseOptions &
  Omit<ZeroSiamOptions, 'predictorLearningRateScale'> & {
    /** Norm-layer lr multiplier; paper: lr_scale = 10 (ResNet50-GN, ViT-S, ConvNeXt-T, Swin-T; 5 for ViT-B, §1.5). */
    readonly normLearningRateScale?: number;
    /** Predictor lr multiplier; paper: lr_p = 100 (ResNet50-GN, ViT-S, ConvNeXt-T; 50 Swin-T; 5 ViT-B, §1.5). */
    readonly predictorLearningRateScale?: number;
  };

/**
 * Builds `base` over `withZeroSiam(model)`: ZeroSiam is Tent over the wrapped model (methods.md
 * §1), `zerosiam+eata` is EATA over it, and so on. The wrapper is owned by the method: its
 * predictor is disposed with the method. The learning-rate multipliers default to ZeroSiam's
 * (norm ×10, predictor ×100) for every composition [guess for the plug-ins, §4.6].
 */
export function composeZeroSiam<BaseOptions extends GradientMethodOptions>(
  id: string,
  base: (model: AdaptableModel, options: BaseOptions, id: string) => TtaMethod<BaseOptions>,
  model: AdaptableModel,
  options: ZeroSiamMethodOptions<BaseOptions> = {} as ZeroSiamMethodOptions<BaseOptions>,
): TtaMethod<ZeroSiamMethodOptions<BaseOptions>> {
  const wrapped = withZeroSiam(model, {
    predictor: options.predictor,
    divergence: options.divergence,
    alpha: options.alpha,
    stopGradient: options.stopGradient,
    seed: options.seed,
    predictorLearningRateScale: options.predictorLearningRateScale ?? 100,
  });
  const method = base(
    wrapped,
    {
      ...options,
      normLearningRateScale: options.normLearningRateScale ?? 10,
      predictorLearningRateScale: undefined,
    },
    id,
  );
  return {
    ...method,
    options,
    dispose() {
      method.dispose();
      wrapped.dispose();
    },
  };
}
