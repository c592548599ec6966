import type * as tf from '@tensorflow/tfjs-core';
import type { AdaptableModel } from './adaptable-model';

/** Per-step numbers a method reports besides its predictions. */
export interface StepDiagnostics {
  /** Samples that passed the method's filters and entered the loss. */
  readonly selected: number;
  /** Each loss term by name (e.g. `objective`, `regulariser`, `fisher`, `total`), batch means. */
  readonly losses: Readonly<Record<string, number>>;
  /** Mean L2 norm of the reported (prediction) logits. */
  readonly logitNorm: number;
  /** ‖P − I‖_F of the ZeroSiam predictor, for wrapped models. */
  readonly predictorDeviation?: number;
  /** Forward passes over the batch (or a subset) this step used, counted per sample. */
  readonly forwardPasses: number;
  /** Backward passes this step used, counted per sample. */
  readonly backwardPasses: number;
  /** Whether the method reset itself during this step (SAR's recovery). */
  readonly didReset?: boolean;
}

/** The outcome of one adaptation step, with predictions made *before* the step's update. */
export interface StepResult {
  readonly batchSize: number;
  readonly numClasses: number;
  /** argmax of the prediction logits, per sample. */
  readonly predictions: Int32Array;
  /** The prediction logits, row-major [batch, classes]. */
  readonly logits: Float32Array;
  readonly diagnostics: StepDiagnostics;
}

/** A test-time adaptation method bound to one model. */
export interface TtaMethod<Options = unknown> {
  readonly specificationVersion: 'v1';
  /** Registry id, e.g. `tent`, `zerosiam+eata`. */
  readonly id: string;
  readonly options: Readonly<Options>;
  readonly model: AdaptableModel;
  /**
   * Predict on `images` ([batch, H, W, C], normalised) and then adapt on them: the returned
   * predictions never see this batch's own update.
   */
  adapt(images: tf.Tensor4D): Promise<StepResult>;
  /** Predict without adapting (frozen evaluation, e.g. after blind-spot adaptation). */
  predict(images: tf.Tensor4D): Promise<StepResult>;
  /** Restore the model and every piece of method state to how they were at creation. */
  reset(): void;
  /** Release every tensor the method owns (not the model's). */
  dispose(): void;
}
