import type { BenchConfig } from '../config/bench-config';

/** Methods whose base lr doubles at batch size 1 (methods.md §1.5, the "double-lr" rule). */
const doubledAtBatchSize1 = new Set(['sar', 'deyo', 'deyo+come', 'zerosiam', 'zerosiam+deyo']);

/**
 * The bench's learning-rate rule: methods.md §1.5's ResNet50-GN rule, rescaled to our models.
 *   base(bs) = B            if bs ≥ 32
 *            = (B/64)·bs·2  if bs < 32          (the R50-GN small-batch rule)
 *   ×2 when bs = 1 in a non-blind-spot scenario and the method is SAR, DeYO, DeYO+COME or ZeroSiam
 * B = `method.baseLearningRate` (1e-3 by default: 4× the paper's 2.5e-4, because our streams
 * are one to two orders of magnitude shorter; the `tune` preset checks it on the validation
 * corruptions). Method multipliers (ZeroSiam's lr_scale 10 and lr_p 100) are the methods'
 * own defaults unless `method.normLearningRateScale` / `method.predictorLearningRateScale` are set.
 * `method.learningRate` overrides the whole rule.
 */
export function resolveLearningRate(config: BenchConfig, methodName: string): number {
  if (config.method.learningRate !== null) return config.method.learningRate;
  // Blind-spot adapts at its own batch size; its frozen evaluation batch size is irrelevant here.
  const batchSize =
    config.scenario.name === 'blind-spot' ? config.scenario.adaptBatchSize : config.scenario.batchSize;
  const base = config.method.baseLearningRate;
  let learningRate = batchSize >= 32 ? base : (base / 64) * batchSize * 2;
  if (batchSize === 1 && config.scenario.name !== 'blind-spot' && doubledAtBatchSize1.has(methodName))
    learningRate *= 2;
  return learningRate;
}
