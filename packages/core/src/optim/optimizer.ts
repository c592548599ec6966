import type * as tf from '@tensorflow/tfjs-core';

/** A set of variables updated with its own hyper-parameters (PyTorch's param_groups). */
export interface ParamGroupOptions {
  /** Shown in diagnostics and errors, e.g. `norm` or `predictor`. */
  readonly name?: string;
  readonly variables: readonly tf.Variable[];
  /** Learning rate of this group. */
  readonly learningRate: number;
  /** L2 penalty added to the gradient (PyTorch `weight_decay`); default 0. */
  readonly weightDecay?: number;
}

/** Saved optimiser state (buffers and step counters); owns cloned tensors until disposed. */
export interface OptimizerSnapshot {
  readonly buffers: ReadonlyMap<string, readonly tf.Tensor[]>;
  readonly steps: ReadonlyMap<string, number>;
  dispose(): void;
}

/** An optimiser over explicit variable lists. Gradients arrive keyed by `variable.name`. */
export interface Optimizer {
  readonly kind: 'sgd' | 'adam';
  readonly groups: readonly {
    readonly name: string;
    readonly variables: readonly tf.Variable[];
    learningRate: number;
  }[];
  /** Applies one update. Variables with no entry in `grads` are skipped (PyTorch's `grad is None`). */
  step(grads: tf.NamedTensorMap): void;
  /** Clones the current state. */
  snapshot(): OptimizerSnapshot;
  /** Replaces the current state with a copy of `snapshot`. */
  restore(snapshot: OptimizerSnapshot): void;
  /** Drops all state, as if freshly created. */
  reset(): void;
  /** Number of tensors of state currently held. */
  stateTensorCount(): number;
  dispose(): void;
}
