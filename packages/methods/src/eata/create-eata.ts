import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, Objective, Optimizer, TtaMethod } from '@zerosiam/core';
import { describeValue, InvalidArgumentError } from '@zerosiam/core';
import type { Selection } from '../shared/adapt-on-selection';
import { adaptOnSelection } from '../shared/adapt-on-selection';
import { setUpAdaptation } from '../shared/set-up-adaptation';
import type { StepOutcome } from '../shared/define-method';
import { defineMethod } from '../shared/define-method';
import type { GradientMethodOptions } from '../shared/method-options';
import { resolveGradientOptions } from '../shared/method-options';
import { resolveObjective } from '../shared/resolve-objective';
import type { ReadbackMode } from '../shared/readback';
import { splitRows } from '../shared/split-rows';
import type { FisherEstimate } from './estimate-fisher';
import { estimateFisher, fisherPenalty } from './estimate-fisher';

/** EATA (Niu et al., ICML 2022) as run by ZeroSiam's main.py (methods.md §4.2). */
export interface EATAOptions extends GradientMethodOptions {
  /** Reliability margin E0: keep E < E0; paper: 0.4·ln C (`e_margin`). */
  readonly entropyMargin?: number;
  /** Redundancy margin ε: keep |cos(m, p)| < ε; paper: 0.05 (`d_margin`). */
  readonly redundancyMargin?: number;
  /** Fisher weight β of β·Σ F(θ − θ₀)²; paper: 2000 (`fisher_alpha`). 0 turns the term off. */
  readonly fisherAlpha?: number;
  /** Clean (in-distribution) images for the Fisher estimate, [n, H, W, C]; paper: 2000 clean val images. Required when fisherAlpha > 0. */
  readonly fisherImages?: tf.Tensor4D;
  /** Batch size of the Fisher estimate; paper: the test batch size (64). */
  readonly fisherBatchSize?: number;
}

/** EATA's per-method state: the EMA probability vector m (null before the first update). */
export interface EATAState {
  modelProbabilities: Float32Array | null;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    normA += a[i]! * a[i]!;
    normB += b[i]! * b[i]!;
  }
  // PyTorch's cosine_similarity: x·y / max(‖x‖‖y‖, 1e-8).
  return dot / Math.max(Math.sqrt(normA) * Math.sqrt(normB), 1e-8);
}

/**
 * EATA's selection (steps 1–3 of §4.2): S1 = {E < E0}; S2 = S1 ∩ {|cos(m, p)| < ε}, the cosine
 * filter skipped while m is unset (the "first update" is the first step with any reliable
 * sample, §9.5); m ← 0.9·m + 0.1·mean_{S2} p (m = mean_{S1} p the first time); weights exp(E0 − E).
 */
export function eataSelect(
  scores: Float32Array,
  probabilities: readonly Float32Array[],
  state: EATAState,
  entropyMargin: number,
  redundancyMargin: number,
): Selection {
  const batch = scores.length;
  const mask = new Float32Array(batch);
  const weights = new Float32Array(batch);
  const previous = state.modelProbabilities;
  const chosen: Float32Array[] = [];
  for (let i = 0; i < batch; i++) {
    if (!(scores[i]! < entropyMargin)) continue;
    if (previous !== null && !(Math.abs(cosine(previous, probabilities[i]!)) < redundancyMargin)) continue;
    mask[i] = 1;
    weights[i] = Math.exp(entropyMargin - scores[i]!);
    chosen.push(probabilities[i]!);
  }
  if (chosen.length > 0) {
    const classes = chosen[0]!.length;
    const mean = new Float32Array(classes);
    for (const row of chosen) for (let c = 0; c < classes; c++) mean[c]! += row[c]! / chosen.length;
    if (previous === null) state.modelProbabilities = mean;
    else state.modelProbabilities = previous.map((m, c) => 0.9 * m + 0.1 * mean[c]!);
  }
  return { mask, weights };
}

/** One EATA step: forward, selection, weighted loss + Fisher term, SGD step when |S2| > 0. */
export async function eataForwardAndAdapt(
  images: tf.Tensor4D,
  model: AdaptableModel,
  optimizer: Optimizer,
  variables: readonly tf.Variable[],
  objective: Objective,
  score: Objective,
  state: EATAState,
  settings: {
    entropyMargin: number;
    redundancyMargin: number;
    fisherAlpha: number;
    fisher: FisherEstimate | undefined;
  },
  readback: ReadbackMode = 'auto',
): Promise<StepOutcome> {
  const batch = images.shape[0];
  const step = await adaptOnSelection({
    model,
    images,
    variables,
    optimizer,
    objective,
    score,
    readback,
    select: function* ({ scores, adaptationLogits }) {
      const probabilities = splitRows(yield tf.softmax(adaptationLogits), model.numClasses); // [batch][classes]
      return eataSelect(scores, probabilities, state, settings.entropyMargin, settings.redundancyMargin);
    },
    extraLoss: () =>
      settings.fisher && settings.fisherAlpha > 0
        ? {
            name: 'fisher',
            value: fisherPenalty(settings.fisher, variables, settings.fisherAlpha),
          }
        : undefined,
  });
  return {
    predictionLogits: step.predictionLogits,
    selected: step.selected,
    losses: step.losses,
    forwardPasses: batch + step.probeForwardPasses,
    backwardPasses: step.selected > 0 ? batch : 0,
  };
}

/** Creates EATA bound to `model`. Estimates the Fisher from `fisherImages` once, at creation. */
export function createEATA(
  model: AdaptableModel,
  options: EATAOptions = {},
  id = 'eata',
): TtaMethod<EATAOptions> {
  const resolved = resolveGradientOptions(options, { normSelection: 'all' }, id);
  const { objective, score } = resolveObjective(resolved.objective);
  const logClasses = Math.log(model.numClasses);
  const entropyMargin = options.entropyMargin ?? 0.4 * logClasses;
  const redundancyMargin = options.redundancyMargin ?? 0.05;
  const fisherAlpha = options.fisherAlpha ?? 2000;
  if (fisherAlpha > 0 && options.fisherImages === undefined) {
    throw new InvalidArgumentError({
      functionName: id,
      argument: 'options.fisherImages',
      expected:
        'clean in-distribution images [n, H, W, C] for the Fisher estimate (paper: 2000 clean images)',
      received: describeValue(options.fisherImages),
      fix: 'pass fisherImages (e.g. a slice of the source test set), or set fisherAlpha: 0 to drop the anti-forgetting term.',
    });
  }
  const { groups, variables, optimizer } = setUpAdaptation(model, resolved, id);
  // The Fisher covers the norm parameters (EATA's own parameters); a wrapper's predictor is not regularised.
  const fisher =
    fisherAlpha > 0 && options.fisherImages
      ? estimateFisher(model, groups[0]!.variables, options.fisherImages, options.fisherBatchSize ?? 64)
      : undefined;
  const state: EATAState = { modelProbabilities: null };
  return defineMethod({
    id,
    options,
    model,
    optimizer,
    forwardAndAdapt: (images) =>
      eataForwardAndAdapt(
        images,
        model,
        optimizer,
        variables,
        objective,
        score,
        state,
        {
          entropyMargin,
          redundancyMargin,
          fisherAlpha,
          fisher,
        },
        resolved.readback,
      ),
    resetState: () => {
      state.modelProbabilities = null;
    },
    disposeState: () => fisher?.dispose(),
  });
}
