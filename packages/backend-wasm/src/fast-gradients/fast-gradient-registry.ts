import * as tf from '@tensorflow/tfjs-core';

/** A fast gradient: returns the gradient thunks, or `undefined` to let the stock gradient run. */
export type FastGradientFunc = (
  dy: tf.Tensor,
  saved: tf.Tensor[],
  attrs: tf.NamedAttrMap,
  stock: tf.GradConfig,
) => Record<string, () => tf.Tensor> | undefined;

let fastGradientsEnabled = true;

/**
 * Turns the rewritten gradients on or off without unregistering them, so one process can
 * compare both (the benchmark). Off means: the stock tfjs gradients, still with the fallback
 * kernels and the MaxPoolGrad fix.
 */
export function setFastGradientsEnabled(enabled: boolean): void {
  fastGradientsEnabled = enabled;
}

/** Whether the rewritten gradients run right now: enabled and the active backend is wasm. */
export function fastGradientsActive(): boolean {
  return fastGradientsEnabled && tf.getBackend() === 'wasm';
}

// Keyed by kernel name: our config, so a second registration is a no-op.
const installed = new Map<string, tf.GradConfig>();

/**
 * Replaces the gradient of `kernelName` by one that runs `fast` on wasm and delegates to the
 * stock gradient (saved here with tf.getGradient) everywhere else. The gradient registry is
 * global, not per backend, so the check happens on every call.
 */
export function registerFastGradient(kernelName: string, fast: FastGradientFunc): void {
  const current = tf.getGradient(kernelName);
  const ours = installed.get(kernelName);
  if (ours !== undefined && current === ours) return;
  if (current === undefined) {
    throw new Error(`no stock gradient is registered for '${kernelName}'; call ensureGradients() first`);
  }
  const stock = current;
  const config: tf.GradConfig = {
    kernelName,
    inputsToSave: stock.inputsToSave,
    outputsToSave: stock.outputsToSave,
    saveAllInputs: stock.saveAllInputs,
    gradFunc: (dy, saved, attrs) => {
      if (fastGradientsActive() && !Array.isArray(dy)) {
        const grads = fast(dy, saved, attrs, stock);
        if (grads !== undefined) return grads;
      }
      return stock.gradFunc(dy, saved, attrs);
    },
  };
  tf.registerGradient(config);
  installed.set(kernelName, config);
}
