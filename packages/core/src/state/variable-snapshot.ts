import * as tf from '@tensorflow/tfjs-core';
import { ZeroSiamError } from '../errors/zerosiam-error';

/** Cloned values of named variables. */
export interface VariableSnapshot {
  readonly tensors: ReadonlyMap<string, tf.Tensor>;
  dispose(): void;
}

/** Clones the current values of `variables` (by name) so they can be restored later. */
export function snapshotVariables(variables: ReadonlyMap<string, tf.Variable>): VariableSnapshot {
  const tensors = new Map<string, tf.Tensor>();
  for (const [name, variable] of variables) tensors.set(name, tf.keep(tf.clone(variable)));
  return {
    tensors,
    dispose: () => {
      for (const t of tensors.values()) t.dispose();
      tensors.clear();
    },
  };
}

/** Writes a snapshot's values back into the variables; every snapshot entry must match a variable. */
export function restoreVariables(
  variables: ReadonlyMap<string, tf.Variable>,
  snapshot: { readonly tensors: ReadonlyMap<string, tf.Tensor> },
): void {
  for (const [name, value] of snapshot.tensors) {
    const variable = variables.get(name);
    if (!variable) {
      throw new ZeroSiamError(
        `restoreVariables: the snapshot holds '${name}', which this model does not have. Fix: restore a snapshot taken from the same model.`,
      );
    }
    if (value.isDisposed) {
      throw new ZeroSiamError(
        `restoreVariables: the snapshot of '${name}' was disposed. Fix: keep the snapshot alive until every restore is done.`,
      );
    }
    variable.assign(value);
  }
}
