import * as tf from '@tensorflow/tfjs-core';
import { ZeroSiamError } from '../errors/zerosiam-error';

/**
 * Makes sure tfjs gradient functions are registered. The Node bundle of tfjs-core registers
 * none (`gradient function not found for Sum`); `@tensorflow/tfjs-layers` (and so
 * `@tensorflow/tfjs`) registers them all as a side effect, so we load it when needed.
 */
export async function ensureGradients(): Promise<void> {
  if (tf.getGradient('Sum') !== undefined) return;
  try {
    await import('@tensorflow/tfjs-layers');
  } catch (cause) {
    throw new ZeroSiamError(
      'Gradients are not registered in tfjs-core and @tensorflow/tfjs-layers could not be loaded to register them. ' +
        "Fix: install it (pnpm add @tensorflow/tfjs-layers@4.22.0) or import '@tensorflow/tfjs' once before adapting.",
      { cause },
    );
  }
  if (tf.getGradient('Sum') === undefined) {
    throw new ZeroSiamError(
      'Gradients are still not registered after loading @tensorflow/tfjs-layers; two copies of @tensorflow/tfjs-core are probably installed. ' +
        'Fix: dedupe tfjs-core (pnpm dedupe / npm dedupe) so every package shares one.',
    );
  }
}
