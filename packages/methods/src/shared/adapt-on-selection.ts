import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, Objective, Optimizer } from '@zerosiam/core';
import { readAndDispose } from '@zerosiam/core';
import { computeGradients, disposeGradients } from './compute-gradients';
import type { ReadbackMode, ReadRequests } from './readback';
import { fulfilDeferred, fulfilSync, resolveReadback } from './readback';
import { selectionLoss } from './selection-loss';

/** A method's choice of samples for one batch. */
export interface Selection {
  /** 1 = the sample enters the loss ([batch]). */
  readonly mask: Float32Array;
  /** Detached per-sample weights ([batch]); 1 when absent. */
  readonly weights?: Float32Array;
}

export interface SelectionContext {
  /** The batch. */
  readonly images: tf.Tensor4D;
  /** Filter score per sample (entropy, or COME's entropy of opinion), read back ([batch]). */
  readonly scores: Float32Array;
  /**
   * Adaptation logits of the first forward ([batch, classes]): on the tape in `sync` mode, a
   * detached copy in `deferred` mode. Read them by yielding a tensor computed from them.
   */
  readonly adaptationLogits: tf.Tensor2D;
}

/**
 * Picks the samples of one batch. It yields each tensor whose values it needs (the driver reads
 * and disposes it) so that one rule serves both read-back modes (see `ReadbackMode`).
 */
export type SelectionRule = (context: SelectionContext) => ReadRequests<Selection>;

export interface SelectionStepResult {
  /** Kept prediction logits of the first forward; the caller disposes them. */
  readonly predictionLogits: tf.Tensor2D;
  readonly selection: Selection;
  readonly selected: number;
  readonly losses: Record<string, number>;
  /**
   * Forward passes of the batch spent only on reading the selection (deferred mode): batch, or 0
   * when nothing was selected (the probe was then the step's only forward pass).
   */
  readonly probeForwardPasses: number;
  /** Gradients (when `keepGradients`) for callers that update themselves (SAR); empty if none selected. */
  readonly grads?: tf.NamedTensorMap;
}

/** Every sample, weight 1 (Tent, ZeroSiam). */
function everySample(batch: number): Selection {
  return { mask: new Float32Array(batch).fill(1) };
}

/**
 * One forward pass under the tape, a selection, and the loss
 * mean_S w·objective + mean_S regulariser (+ extra, e.g. EATA's Fisher term); then, if any
 * sample was selected, the backward pass and one SGD step. With none selected the backward pass
 * is skipped, so a filtered-out batch costs its forward passes only. tent.py's
 * `forward_and_adapt`, shared by Tent, EATA, SAR, DeYO and their compositions.
 *
 * Without `select` every sample is used and nothing is read inside the tape. With `select`, the
 * `sync` mode selects inside the tape from the same forward pass; the `deferred` mode first runs a
 * detached forward pass to read the selection (awaited), then the taped one. Parameters do not
 * change in between, so both passes compute the same logits and the prediction logits come from
 * the first either way. Loss terms are read after the tape in both modes.
 */
export async function adaptOnSelection(options: {
  readonly model: AdaptableModel;
  readonly images: tf.Tensor4D;
  readonly variables: readonly tf.Variable[];
  readonly optimizer: Optimizer | undefined;
  readonly objective: Objective;
  readonly score: Objective;
  /** Absent: every sample, weight 1. */
  readonly select?: SelectionRule;
  readonly readback: ReadbackMode;
  readonly extraLoss?: () => { name: string; value: tf.Scalar } | undefined;
  /** Return the gradients instead of stepping (the caller owns them). */
  readonly keepGradients?: boolean;
}): Promise<SelectionStepResult> {
  const { model, images, objective, score, select } = options;
  const batch = images.shape[0];
  const mode = resolveReadback(options.readback);
  const scoresOf = (adaptationLogits: tf.Tensor2D, objectiveValues?: tf.Tensor1D): tf.Tensor1D =>
    score === objective && objectiveValues !== undefined
      ? objectiveValues
      : (score(adaptationLogits, { reduction: 'none' }) as tf.Tensor1D); // [batch]

  let predictionLogits: tf.Tensor2D | undefined;
  let selection: Selection | undefined = select ? undefined : everySample(batch);
  let probeForwardPasses = 0;
  if (select && mode === 'deferred') {
    let hasRegulariser = false;
    const probe = tf.tidy(() => {
      const output = model.adaptationForward(images);
      hasRegulariser = output.regulariser !== undefined;
      return {
        prediction: output.predictionLogits,
        adaptation: output.adaptationLogits,
        scores: scoresOf(output.adaptationLogits),
      };
    });
    try {
      const scores = (await probe.scores.data()) as Float32Array;
      selection = await fulfilDeferred(select({ images, scores, adaptationLogits: probe.adaptation }));
    } catch (error) {
      probe.prediction.dispose();
      throw error;
    } finally {
      // A model without a wrapper returns one tensor as both logits; keep it for the predictions.
      if (probe.adaptation !== probe.prediction) probe.adaptation.dispose();
      probe.scores.dispose();
    }
    predictionLogits = probe.prediction;
    const chosen = selection.mask.reduce((sum, m) => sum + m, 0);
    if (chosen === 0) {
      // Nothing to learn from and the predictions are in hand: the taped forward would only feed
      // a backward pass that is skipped, so the probe was this step's one forward pass. The loss
      // terms of an empty selection are 0, as selectionLoss computes them in sync mode.
      const losses: Record<string, number> = { objective: 0 };
      if (hasRegulariser) losses.regulariser = 0;
      losses.total = 0;
      const result = { predictionLogits, selection, selected: 0, losses, probeForwardPasses: 0 };
      return options.keepGradients ? { ...result, grads: {} } : result;
    }
    probeForwardPasses = batch;
  }

  let selected = 0;
  let termNames: string[] = [];
  let termValues: tf.Tensor1D | undefined;
  let grads: tf.NamedTensorMap;
  try {
    grads = computeGradients(options.variables, () => {
      const output = model.adaptationForward(images);
      if (predictionLogits === undefined) predictionLogits = tf.keep(output.predictionLogits);
      const objectiveValues = objective(output.adaptationLogits, { reduction: 'none' }) as tf.Tensor1D; // [batch]
      if (selection === undefined) {
        // sync mode with a rule: select from this very forward pass, reading inside the tape.
        const scoreValues = scoresOf(output.adaptationLogits, objectiveValues);
        selection = fulfilSync(
          select!({
            images,
            scores: scoreValues.dataSync() as Float32Array,
            adaptationLogits: output.adaptationLogits,
          }),
        );
      }
      for (const m of selection.mask) selected += m;
      const loss = selectionLoss(objectiveValues, output.regulariser, selection.mask, selection.weights);
      let total = loss.total;
      const extra = selected > 0 ? options.extraLoss?.() : undefined;
      if (extra) total = tf.add(total, extra.value) as tf.Scalar;
      // Every loss term for the diagnostics, kept as one tensor and read once after the tape.
      const terms: [string, tf.Scalar][] = [['objective', loss.objective]];
      if (loss.regulariser) terms.push(['regulariser', loss.regulariser]);
      if (extra) terms.push([extra.name, extra.value]);
      terms.push(['total', total]);
      termNames = terms.map(([name]) => name);
      termValues = tf.keep(tf.stack(terms.map(([, value]) => value)) as tf.Tensor1D);
      // No sample to learn from: skip the backward pass, whose gradients every caller would
      // discard (EATA's and DeYO's official code skip `loss.backward()` the same way; SAR skips
      // its update on an empty selection). The kept logits and loss terms survive.
      return selected === 0 ? null : total;
    });
  } catch (error) {
    predictionLogits?.dispose();
    termValues?.dispose();
    throw error;
  }
  const losses: Record<string, number> = {};
  try {
    const values = await readAndDispose(termValues!);
    termNames.forEach((name, i) => {
      losses[name] = values[i]!;
    });
  } catch (error) {
    predictionLogits?.dispose();
    disposeGradients(grads);
    throw error;
  }
  const result = {
    predictionLogits: predictionLogits!,
    selection: selection!,
    selected,
    losses,
    probeForwardPasses,
  };
  if (options.keepGradients) return { ...result, grads };
  if (selected > 0 && options.optimizer) options.optimizer.step(grads);
  disposeGradients(grads);
  return result;
}
