import * as tf from '@tensorflow/tfjs-core';
import { describeValue } from '../errors/describe-value';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { NonFiniteError } from '../errors/non-finite-error';
import { readAndDispose } from '../read-and-dispose';

export interface ArgumentContext {
  /** The public function doing the check, named in the error. */
  functionName: string;
  /** The argument being checked, named in the error. */
  argument: string;
}

/** Throws unless `value` is a tf.Tensor of the given rank (and float dtype when asked). */
export function assertTensor(
  value: unknown,
  context: ArgumentContext,
  options: { rank?: number; dtype?: 'float32' | 'int32' } = {},
): asserts value is tf.Tensor {
  if (!(value instanceof tf.Tensor)) {
    throw new InvalidArgumentError({
      ...context,
      expected: options.rank === undefined ? 'a tf.Tensor' : `a rank-${options.rank} tf.Tensor`,
      received: describeValue(value),
      fix: 'wrap the data with tf.tensor(...) of the right shape.',
    });
  }
  if (value.isDisposed) {
    throw new InvalidArgumentError({
      ...context,
      expected: 'a live tensor',
      received: 'a disposed tensor',
      fix: 'keep the tensor alive (do not dispose it or let tf.tidy collect it) until the call returns.',
    });
  }
  if (options.rank !== undefined && value.rank !== options.rank) {
    throw new InvalidArgumentError({
      ...context,
      expected: `a rank-${options.rank} tensor`,
      received: `a rank-${value.rank} tensor of shape [${value.shape.join(', ')}]`,
      fix:
        options.rank === 2
          ? 'pass a [batch, classes] tensor; add a batch axis with tf.expandDims(x, 0) for one sample.'
          : undefined,
    });
  }
  if (options.dtype !== undefined && value.dtype !== options.dtype) {
    throw new InvalidArgumentError({
      ...context,
      expected: `dtype ${options.dtype}`,
      received: `dtype ${value.dtype}`,
      fix: `cast with tf.cast(x, '${options.dtype}').`,
    });
  }
}

/**
 * Backends whose tensors can be read back synchronously. WebGPU/WebGL in Node read back through
 * an OffscreenCanvas that Node lacks, so content checks (NaN, probabilities) are skipped there;
 * shape and dtype checks still run everywhere.
 */
const SYNC_READABLE_BACKENDS = new Set(['cpu', 'wasm', 'tensorflow']);

/** Whether the active backend supports the synchronous content checks below. */
export function canReadSynchronously(): boolean {
  const name = (tf.engine() as unknown as { backendName?: string | null }).backendName;
  return name != null && SYNC_READABLE_BACKENDS.has(name);
}

/** Throws a NonFiniteError naming the first NaN/Inf element of read-back values. */
function checkFiniteValues(data: ArrayLike<number>, context: ArgumentContext, fix?: string): void {
  for (let i = 0; i < data.length; i++) {
    const x = data[i]!;
    if (!Number.isFinite(x)) throw new NonFiniteError({ ...context, index: i, value: x, fix });
  }
}

/**
 * Throws a NonFiniteError naming the first NaN/Inf element. Reads the tensor back (sync); a no-op
 * on backends without synchronous read-back (use `assertFiniteDeferred` there).
 */
export function assertFinite(value: tf.Tensor, context: ArgumentContext, fix?: string): void {
  if (!canReadSynchronously()) return;
  checkFiniteValues(value.dataSync(), context, fix);
}

/**
 * `assertFinite` for every backend, awaited: one scalar comes back, sum(x·0), which is NaN exactly
 * when some element is NaN or ±Infinity; only then is the whole tensor read to name the element.
 */
export async function assertFiniteDeferred(
  value: tf.Tensor,
  context: ArgumentContext,
  fix?: string,
): Promise<void> {
  const [sum] = await readAndDispose(tf.tidy(() => tf.sum(tf.mul(value, tf.scalar(0, value.dtype)))));
  if (Number.isFinite(sum)) return;
  checkFiniteValues(await value.data(), context, fix);
}

/**
 * Checks a [batch, classes] logits tensor: rank 2, float, at least one class, finite, and not
 * obviously probabilities (every row non-negative and summing to 1), which is the most common
 * mistake when calling logit-based losses.
 */
export function assertLogits(value: unknown, context: ArgumentContext): asserts value is tf.Tensor2D {
  assertTensor(value, context, { rank: 2, dtype: 'float32' });
  const [batch, classes] = value.shape as [number, number];
  if (classes < 2) {
    throw new InvalidArgumentError({
      ...context,
      expected: 'logits over at least 2 classes ([batch, classes] with classes >= 2)',
      received: `shape [${value.shape.join(', ')}]`,
    });
  }
  if (!canReadSynchronously()) return;
  const data = value.dataSync();
  let looksLikeProbabilities = batch > 0 && classes > 2;
  for (let b = 0; b < batch; b++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const x = data[b * classes + c]!;
      if (!Number.isFinite(x)) {
        throw new NonFiniteError({ ...context, index: b * classes + c, value: x });
      }
      if (x < 0 || x > 1) looksLikeProbabilities = false;
      sum += x;
    }
    if (Math.abs(sum - 1) > 1e-4) looksLikeProbabilities = false;
  }
  if (looksLikeProbabilities) {
    throw new InvalidArgumentError({
      ...context,
      expected: 'logits (unnormalised scores)',
      received: 'rows that are non-negative and sum to 1, i.e. probabilities',
      fix: 'pass the logits from before the softmax; the function applies logSoftmax itself.',
    });
  }
}
