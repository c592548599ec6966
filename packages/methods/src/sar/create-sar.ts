import * as tf from '@tensorflow/tfjs-core';
import type {
  AdaptableModel,
  ModelSnapshot,
  Objective,
  Optimizer,
  OptimizerSnapshot,
  TtaMethod,
} from '@zerosiam/core';
import { addMany, readAndDispose } from '@zerosiam/core';
import { adaptOnSelection } from '../shared/adapt-on-selection';
import { disposeGradients } from '../shared/compute-gradients';
import { setUpAdaptation } from '../shared/set-up-adaptation';
import type { StepOutcome } from '../shared/define-method';
import { defineMethod } from '../shared/define-method';
import type { GradientMethodOptions } from '../shared/method-options';
import { resolveGradientOptions } from '../shared/method-options';
import type { ReadbackMode } from '../shared/readback';
import { resolveObjective } from '../shared/resolve-objective';

/** SAR (Niu et al., ICLR 2023) as run by ZeroSiam's code (methods.md §4.3, §9.1–9.2). */
export interface SAROptions extends GradientMethodOptions {
  /** Reliability margin E0: keep E < E0 (both passes); paper: 0.4·ln C. */
  readonly entropyMargin?: number;
  /** SAM radius ρ of ε = ρ·g/(‖g‖ + 1e-12); paper: 0.05. */
  readonly rho?: number;
  /** Recovery threshold e_m: reset when the EMA of the second-pass loss falls below it; paper: 0.2 (hard-coded). */
  readonly resetThreshold?: number;
  /** EMA coefficient: ema ← c·ema + (1 − c)·L2; paper: 0.9. */
  readonly emaMomentum?: number;
  /** Clear the EMA on a recovery reset; official: false (the EMA is reassigned, so resets repeat, §9.1). */
  readonly resetClearsEma?: boolean;
  /** Clear the SGD momentum on a recovery reset; official: false (SAM's load_state_dict keeps it, §9.2). */
  readonly resetMomentum?: boolean;
}

export interface SARState {
  ema: number | null;
}

/**
 * One SAR step (§4.3): (1) forward, S1 = {E < E0}, gradient g of mean_{S1}; (2) θ ← θ + ρ·g/(‖g‖ + 1e-12);
 * (3) second forward of the whole batch, S2 = {i ∈ S1 : E2 < E0}, EMA of L2 = mean_{S2} E2;
 * (4) restore θ and take the SGD step with the gradient at θ + ε; (5) recovery reset if ema < e_m.
 * Empty S1 or S2 skips the update (PyTorch would still apply the momentum buffer; §4.3 edge case).
 */
export async function sarForwardAndAdapt(
  images: tf.Tensor4D,
  model: AdaptableModel,
  optimizer: Optimizer,
  variables: readonly tf.Variable[],
  objective: Objective,
  score: Objective,
  state: SARState,
  settings: {
    entropyMargin: number;
    rho: number;
    resetThreshold: number;
    emaMomentum: number;
    resetClearsEma: boolean;
    resetMomentum: boolean;
    recover: (resetMomentum: boolean) => void;
  },
  readback: ReadbackMode = 'auto',
): Promise<StepOutcome> {
  const batch = images.shape[0];
  const reliable = new Float32Array(batch);
  const first = await adaptOnSelection({
    model,
    images,
    variables,
    optimizer,
    objective,
    score,
    readback,
    keepGradients: true,
    // biome-ignore lint/correctness/useYield: a threshold on the scores needs no further reads
    select: function* ({ scores }) {
      for (let i = 0; i < batch; i++) reliable[i] = scores[i]! < settings.entropyMargin ? 1 : 0;
      return { mask: reliable };
    },
  });
  const losses: Record<string, number> = { ...first.losses };
  let forwardPasses = batch + first.probeForwardPasses;
  let backwardPasses = 0;
  let selected = 0;
  if (first.selected > 0) {
    const grads = first.grads!;
    const squared = tf.tidy(() => addMany(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
    const gradientNorm = Math.sqrt((await readAndDispose(squared))[0]!);
    const scale = settings.rho / (gradientNorm + 1e-12);
    const saved = new Map<tf.Variable, tf.Tensor>();
    for (const variable of variables) {
      const grad = grads[variable.name];
      if (grad === undefined) continue;
      saved.set(variable, tf.keep(tf.clone(variable)));
      tf.tidy(() => variable.assign(tf.add(variable, tf.mul(grad, scale))));
    }
    disposeGradients(grads);
    backwardPasses += batch;
    const second = await adaptOnSelection({
      model,
      images,
      variables,
      optimizer,
      objective,
      score,
      readback,
      keepGradients: true,
      // biome-ignore lint/correctness/useYield: a threshold on the scores needs no further reads
      select: function* ({ scores }) {
        const mask = new Float32Array(batch);
        for (let i = 0; i < batch; i++)
          mask[i] = reliable[i]! === 1 && scores[i]! < settings.entropyMargin ? 1 : 0;
        return { mask };
      },
    });
    second.predictionLogits.dispose();
    forwardPasses += batch + second.probeForwardPasses;
    for (const [variable, value] of saved) {
      variable.assign(value);
      value.dispose();
    }
    selected = second.selected;
    for (const [name, value] of Object.entries(second.losses)) losses[`second_${name}`] = value;
    if (second.selected > 0) {
      const loss2 = second.losses.objective!;
      state.ema =
        state.ema === null ? loss2 : settings.emaMomentum * state.ema + (1 - settings.emaMomentum) * loss2;
      optimizer.step(second.grads!);
      backwardPasses += batch;
    }
    disposeGradients(second.grads!);
  } else {
    disposeGradients(first.grads!);
  }
  let didReset = false;
  if (state.ema !== null && state.ema < settings.resetThreshold) {
    settings.recover(settings.resetMomentum);
    if (settings.resetClearsEma) state.ema = null;
    didReset = true;
  }
  if (state.ema !== null) losses.ema = state.ema;
  return {
    predictionLogits: first.predictionLogits,
    selected,
    losses,
    forwardPasses,
    backwardPasses,
    didReset,
  };
}

/** Creates SAR bound to `model`; adapts the norm layers except the last stage (§4.0). */
export function createSAR(
  model: AdaptableModel,
  options: SAROptions = {},
  id = 'sar',
): TtaMethod<SAROptions> {
  const resolved = resolveGradientOptions(options, { normSelection: 'exclude-last-stage' }, id);
  const { objective, score } = resolveObjective(resolved.objective);
  const { variables, optimizer } = setUpAdaptation(model, resolved, id);
  const initialModel: ModelSnapshot = model.snapshot();
  const initialOptimizer: OptimizerSnapshot = optimizer.snapshot();
  const state: SARState = { ema: null };
  const settings = {
    entropyMargin: options.entropyMargin ?? 0.4 * Math.log(model.numClasses),
    rho: options.rho ?? 0.05,
    resetThreshold: options.resetThreshold ?? 0.2,
    emaMomentum: options.emaMomentum ?? 0.9,
    resetClearsEma: options.resetClearsEma ?? false,
    resetMomentum: options.resetMomentum ?? false,
    recover: (resetMomentum: boolean) => {
      model.restore(initialModel);
      if (resetMomentum) optimizer.restore(initialOptimizer);
    },
  };
  return defineMethod({
    id,
    options,
    model,
    optimizer,
    forwardAndAdapt: (images) =>
      sarForwardAndAdapt(
        images,
        model,
        optimizer,
        variables,
        objective,
        score,
        state,
        settings,
        resolved.readback,
      ),
    resetState: () => {
      state.ema = null;
    },
    disposeState: () => {
      initialModel.dispose();
      initialOptimizer.dispose();
    },
  });
}
