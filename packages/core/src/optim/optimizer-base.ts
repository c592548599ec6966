import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { describeValue } from '../errors/describe-value';
import type { Optimizer, OptimizerSnapshot, ParamGroupOptions } from './optimizer';

interface Group {
  readonly name: string;
  readonly variables: readonly tf.Variable[];
  learningRate: number;
  readonly weightDecay: number;
}

/** Shared bookkeeping for per-variable state buffers; subclasses define the update. */
export abstract class OptimizerBase implements Optimizer {
  abstract readonly kind: 'sgd' | 'adam';
  readonly groups: Group[];
  protected readonly buffers = new Map<string, tf.Tensor[]>();
  protected readonly steps = new Map<string, number>();

  constructor(functionName: string, groups: readonly ParamGroupOptions[]) {
    if (!Array.isArray(groups) || groups.length === 0) {
      throw new InvalidArgumentError({
        functionName,
        argument: 'groups',
        expected: 'a non-empty array of { variables, learningRate } groups',
        received: describeValue(groups),
      });
    }
    const seen = new Set<string>();
    this.groups = groups.map((group, index) => {
      if (!(group.learningRate >= 0) || !Number.isFinite(group.learningRate)) {
        throw new InvalidArgumentError({
          functionName,
          argument: `groups[${index}].learningRate`,
          expected: 'a finite number >= 0',
          received: describeValue(group.learningRate),
        });
      }
      for (const variable of group.variables) {
        if (!(variable instanceof tf.Variable)) {
          throw new InvalidArgumentError({
            functionName,
            argument: `groups[${index}].variables`,
            expected: 'tf.Variable instances',
            received: describeValue(variable),
            fix: 'create parameters with tf.variable(...).',
          });
        }
        if (seen.has(variable.name)) {
          throw new InvalidArgumentError({
            functionName,
            argument: `groups[${index}].variables`,
            expected: 'each variable in exactly one group',
            received: `'${variable.name}' twice`,
          });
        }
        seen.add(variable.name);
      }
      return {
        name: group.name ?? `group${index}`,
        variables: group.variables,
        learningRate: group.learningRate,
        weightDecay: group.weightDecay ?? 0,
      };
    });
  }

  /** Computes the new value and new buffers of one variable; runs inside tf.tidy. */
  protected abstract update(
    variable: tf.Variable,
    grad: tf.Tensor,
    group: Group,
    state: tf.Tensor[] | undefined,
    step: number,
  ): { value: tf.Tensor; state: tf.Tensor[] };

  step(grads: tf.NamedTensorMap): void {
    for (const group of this.groups) {
      for (const variable of group.variables) {
        const grad = grads[variable.name];
        if (grad === undefined) continue;
        const step = (this.steps.get(variable.name) ?? 0) + 1;
        const previous = this.buffers.get(variable.name);
        const next = tf.tidy(() => {
          const g = group.weightDecay !== 0 ? tf.add(grad, tf.mul(variable, group.weightDecay)) : grad;
          const { value, state } = this.update(variable, g, group, previous, step);
          variable.assign(value);
          return state;
        });
        for (const t of next) tf.keep(t);
        if (previous) for (const t of previous) if (!next.includes(t)) t.dispose();
        this.buffers.set(variable.name, next);
        this.steps.set(variable.name, step);
      }
    }
  }

  snapshot(): OptimizerSnapshot {
    const buffers = new Map<string, tf.Tensor[]>();
    for (const [name, tensors] of this.buffers)
      buffers.set(
        name,
        tensors.map((t) => tf.keep(tf.clone(t))),
      );
    return {
      buffers,
      steps: new Map(this.steps),
      dispose: () => {
        for (const tensors of buffers.values()) for (const t of tensors) t.dispose();
        buffers.clear();
      },
    };
  }

  restore(snapshot: OptimizerSnapshot): void {
    this.reset();
    for (const [name, tensors] of snapshot.buffers)
      this.buffers.set(
        name,
        tensors.map((t) => tf.keep(tf.clone(t))),
      );
    for (const [name, step] of snapshot.steps) this.steps.set(name, step);
  }

  reset(): void {
    for (const tensors of this.buffers.values()) for (const t of tensors) t.dispose();
    this.buffers.clear();
    this.steps.clear();
  }

  stateTensorCount(): number {
    let count = 0;
    for (const tensors of this.buffers.values()) count += tensors.length;
    return count;
  }

  dispose(): void {
    this.reset();
  }
}
