/** Methods whose base lr doubles at batch size 1 (methods.md §1.5). */
const doubledAtBatchSize1 = new Set(['sar', 'deyo', 'zerosiam']);

/**
 * The perf command's learning rate, shared with the PyTorch side so both take the same step:
 * the R50-GN rule of methods.md §1.5 (2.5e-4 at bs ≥ 32, (2.5e-4/64)·bs·2 below), doubled at
 * bs 1 for SAR, DeYO and ZeroSiam. The lr does not change the cost of a step.
 */
export function perfLearningRate(method: string, batchSize: number): number {
  const base = 2.5e-4;
  let learningRate = batchSize >= 32 ? base : (base / 64) * batchSize * 2;
  if (batchSize === 1 && doubledAtBatchSize1.has(method)) learningRate *= 2;
  return learningRate;
}

/**
 * Method options that open every sample filter, so the measured step is the full-cost one
 * (every sample enters the loss and the backward pass) whatever the untrained model predicts;
 * a fresh model's near-uniform outputs would otherwise make EATA/SAR/DeYO skip their backward.
 * The PyTorch script (apps/bench/torch/perf_step.py) applies the same settings.
 */
export function perfMethodOptions(method: string, batchSize: number): Record<string, unknown> {
  const options: Record<string, unknown> = { learningRate: perfLearningRate(method, batchSize), seed: 0 };
  if (method === 'eata') Object.assign(options, { entropyMargin: 1e9, redundancyMargin: 2 });
  if (method === 'sar') Object.assign(options, { entropyMargin: 1e9, resetThreshold: 0 });
  if (method === 'deyo') Object.assign(options, { entropyMargin: 1e9, plpdThreshold: -1e9 });
  return options;
}
