import * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel, Objective, Optimizer, TtaMethod } from '@zerosiam/core';
import { SeededRng } from '@zerosiam/core';
import { adaptOnSelection } from '../shared/adapt-on-selection';
import { setUpAdaptation } from '../shared/set-up-adaptation';
import type { StepOutcome } from '../shared/define-method';
import { defineMethod } from '../shared/define-method';
import type { GradientMethodOptions } from '../shared/method-options';
import { resolveGradientOptions } from '../shared/method-options';
import { resolveObjective } from '../shared/resolve-objective';
import type { ReadbackMode } from '../shared/readback';
import { splitRows } from '../shared/split-rows';
import { patchShuffle } from './patch-shuffle';

/** Supplies one permutation of 0..patches−1 per selected sample (for fixtures; default: seeded). */
export type PermutationSource = (count: number, patches: number) => readonly ArrayLike<number>[];

/** DeYO (Lee et al., ICLR 2024) as run by ZeroSiam's code (methods.md §4.4). */
export interface DeYOOptions extends GradientMethodOptions {
  /** Entropy filter: keep E < margin; paper: 0.5·ln C (`deyo_margin`). */
  readonly entropyMargin?: number;
  /** Reweighting margin E0 of exp(−(E − E0)); paper: 0.4·ln C (`deyo_margin_e0`). */
  readonly reweightMargin?: number;
  /** PLPD threshold τ: keep PLPD > τ; paper: 0.2. */
  readonly plpdThreshold?: number;
  /** Patch grid of the shuffled view; paper: 4 (4×4 patches). */
  readonly patchGrid?: number;
  /** Seed of the patch permutations. */
  readonly seed?: number;
  /** Overrides the seeded permutations (parity fixtures pass theirs in). */
  readonly permutations?: PermutationSource;
}

/**
 * One DeYO step: S1 = {E < 0.5 ln C}; the S1 samples, patch-shuffled, go through a second forward
 * (no update from it; BN uses the subset's statistics, §9.5); PLPD = p[ŷ] − p'[ŷ] with ŷ = argmax p;
 * S2 = {PLPD > τ}; loss = mean_{S2} (exp(−(E − E0)) + exp(PLPD))·objective; SGD step if |S2| > 0.
 */
export async function deyoForwardAndAdapt(
  images: tf.Tensor4D,
  model: AdaptableModel,
  optimizer: Optimizer,
  variables: readonly tf.Variable[],
  objective: Objective,
  score: Objective,
  settings: {
    entropyMargin: number;
    reweightMargin: number;
    plpdThreshold: number;
    patchGrid: number;
    permutations: PermutationSource;
  },
  readback: ReadbackMode = 'auto',
): Promise<
  StepOutcome & {
    readonly plpd: Float32Array;
    readonly firstSelection: Float32Array;
  }
> {
  const batch = images.shape[0];
  const classes = model.numClasses;
  const plpd = new Float32Array(batch).fill(Number.NaN);
  const firstSelection = new Float32Array(batch);
  let shuffledCount = 0;
  const step = await adaptOnSelection({
    model,
    images,
    variables,
    optimizer,
    objective,
    score,
    readback,
    select: function* ({ scores, adaptationLogits }) {
      const mask = new Float32Array(batch);
      const weights = new Float32Array(batch);
      const kept: number[] = [];
      for (let i = 0; i < batch; i++) if (scores[i]! < settings.entropyMargin) kept.push(i);
      for (const i of kept) firstSelection[i] = 1;
      shuffledCount = kept.length;
      if (kept.length === 0) return { mask, weights };
      const probabilities = splitRows(yield tf.softmax(adaptationLogits), classes); // [batch][classes]
      const shuffledProbabilities = splitRows(
        yield tf.tidy(() => {
          const subset = tf.gather(images, tf.tensor1d(kept, 'int32'));
          const permutations = settings.permutations(kept.length, settings.patchGrid * settings.patchGrid);
          const output = model.adaptationForward(
            patchShuffle(subset as tf.Tensor4D, permutations, settings.patchGrid),
          );
          return tf.softmax(output.adaptationLogits);
        }),
        classes,
      ); // [kept][classes]
      kept.forEach((i, k) => {
        const p = probabilities[i]!;
        let label = 0;
        for (let c = 1; c < p.length; c++) if (p[c]! > p[label]!) label = c;
        plpd[i] = p[label]! - shuffledProbabilities[k]![label]!;
        if (plpd[i]! > settings.plpdThreshold) {
          mask[i] = 1;
          weights[i] = Math.exp(-(scores[i]! - settings.reweightMargin)) + Math.exp(plpd[i]!);
        }
      });
      return { mask, weights };
    },
  });
  return {
    predictionLogits: step.predictionLogits,
    selected: step.selected,
    losses: step.losses,
    forwardPasses: batch + shuffledCount + step.probeForwardPasses,
    backwardPasses: step.selected > 0 ? batch : 0,
    plpd,
    firstSelection,
  };
}

/** Creates DeYO bound to `model`; adapts the norm layers except the last stage (§4.0). */
export function createDeYO(
  model: AdaptableModel,
  options: DeYOOptions = {},
  id = 'deyo',
): TtaMethod<DeYOOptions> {
  const resolved = resolveGradientOptions(options, { normSelection: 'exclude-last-stage' }, id);
  const { objective, score } = resolveObjective(resolved.objective);
  const { variables, optimizer } = setUpAdaptation(model, resolved, id);
  const seed = options.seed ?? 0;
  let rng = new SeededRng(seed);
  const logClasses = Math.log(model.numClasses);
  const settings = {
    entropyMargin: options.entropyMargin ?? 0.5 * logClasses,
    reweightMargin: options.reweightMargin ?? 0.4 * logClasses,
    plpdThreshold: options.plpdThreshold ?? 0.2,
    patchGrid: options.patchGrid ?? 4,
    permutations:
      options.permutations ??
      ((count: number, patches: number) => Array.from({ length: count }, () => rng.permutation(patches))),
  };
  return defineMethod({
    id,
    options,
    model,
    optimizer,
    forwardAndAdapt: (images) =>
      deyoForwardAndAdapt(images, model, optimizer, variables, objective, score, settings, resolved.readback),
    resetState: () => {
      rng = new SeededRng(seed);
    },
  });
}
