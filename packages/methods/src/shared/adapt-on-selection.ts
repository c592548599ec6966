import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, Objective, Optimizer } from '@zerosiam/core';
import { computeGradients, disposeGradients } from './compute-gradients';
import { selectionLoss } from './selection-loss';

/** A method's choice of samples for one batch. */
export interface Selection {
  /** 1 = the sample enters the loss ([batch]). */
  readonly mask: Float32Array;
  /** Detached per-sample weights ([batch]); 1 when absent. */
  readonly weights?: Float32Array;
  /** Extra per-sample forward passes the selection used (DeYO's shuffled view). */
  readonly extraForwardPasses?: number;
}

export interface SelectionContext {
  /** The batch. */
  readonly images: tf.Tensor4D;
  /** Filter score per sample (entropy, or COME's entropy of opinion), read back. */
  readonly scores: Float32Array;
  /** Adaptation logits of the first forward ([batch, classes]), on the tape. */
  readonly adaptationLogits: tf.Tensor2D;
  readonly predictionLogits: tf.Tensor2D;
}

export interface SelectionStepResult {
  /** Kept prediction logits of the first forward; the caller disposes them. */
  readonly predictionLogits: tf.Tensor2D;
  readonly selection: Selection;
  readonly selected: number;
  readonly losses: Record<string, number>;
  /** Gradients (when `keepGradients`) for callers that update themselves (SAR). */
  readonly grads?: tf.NamedTensorMap;
}

/**
 * One forward pass under the tape, a selection, and the loss
 * mean_S w·objective + mean_S regulariser (+ extra, e.g. EATA's Fisher term); then one SGD step
 * if any sample was selected. tent.py's `forward_and_adapt`, shared by Tent, EATA, DeYO and
 * their compositions.
 */
export function adaptOnSelection(options: {
  readonly model: AdaptableModel;
  readonly images: tf.Tensor4D;
  readonly variables: readonly tf.Variable[];
  readonly optimizer: Optimizer | undefined;
  readonly objective: Objective;
  readonly score: Objective;
  readonly select: (context: SelectionContext) => Selection;
  readonly extraLoss?: () => { name: string; value: tf.Scalar } | undefined;
  /** Return the gradients instead of stepping (the caller owns them). */
  readonly keepGradients?: boolean;
}): SelectionStepResult {
  const { model, images, objective, score } = options;
  let predictionLogits: tf.Tensor2D | undefined;
  let selection: Selection = { mask: new Float32Array(0) };
  let selected = 0;
  const losses: Record<string, number> = {};
  const grads = computeGradients(options.variables, () => {
    const output = model.adaptationForward(images);
    predictionLogits = tf.keep(output.predictionLogits);
    const objectiveValues = objective(output.adaptationLogits, {
      reduction: 'none',
    }) as tf.Tensor1D; // [batch]
    const scoreValues =
      score === objective
        ? objectiveValues
        : (score(output.adaptationLogits, {
            reduction: 'none',
          }) as tf.Tensor1D);
    selection = options.select({
      images,
      scores: scoreValues.dataSync() as Float32Array,
      adaptationLogits: output.adaptationLogits,
      predictionLogits: output.predictionLogits,
    });
    for (const m of selection.mask) selected += m;
    const loss = selectionLoss(objectiveValues, output.regulariser, selection.mask, selection.weights);
    let total = loss.total;
    const extra = selected > 0 ? options.extraLoss?.() : undefined;
    if (extra) total = tf.add(total, extra.value) as tf.Scalar;
    // Every loss term for the diagnostics in one read-back rather than one sync per term.
    const terms: [string, tf.Scalar][] = [['objective', loss.objective]];
    if (loss.regulariser) terms.push(['regulariser', loss.regulariser]);
    if (extra) terms.push([extra.name, extra.value]);
    terms.push(['total', total]);
    const values = tf.stack(terms.map(([, value]) => value)).dataSync();
    terms.forEach(([name], i) => {
      losses[name] = values[i]!;
    });
    return total;
  });
  if (options.keepGradients) {
    return {
      predictionLogits: predictionLogits!,
      selection,
      selected,
      losses,
      grads,
    };
  }
  if (selected > 0 && options.optimizer) options.optimizer.step(grads);
  disposeGradients(grads);
  return { predictionLogits: predictionLogits!, selection, selected, losses };
}
