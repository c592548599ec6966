import type * as tf from '@tensorflow/tfjs-core';
import { Dense } from './dense';
import { gelu } from './gelu';
import type { Initializer, ParameterStore } from './parameter-store';

/** timm's `Mlp`: fc1 (D → hidden) → GELU (erf) → fc2 (hidden → D). Accepts [..., D]. */
export class Mlp {
  readonly fc1: Dense;
  readonly fc2: Dense;

  constructor(
    store: ParameterStore,
    readonly name: string,
    dimension: number,
    hidden: number,
    initializer?: Initializer,
  ) {
    const bias: Initializer = { kind: 'constant', value: 0 };
    this.fc1 = new Dense(store, `${name}.fc1`, {
      inFeatures: dimension,
      outFeatures: hidden,
      initializer,
      biasInitializer: initializer ? bias : undefined,
    });
    this.fc2 = new Dense(store, `${name}.fc2`, {
      inFeatures: hidden,
      outFeatures: dimension,
      initializer,
      biasInitializer: initializer ? bias : undefined,
    });
  }

  apply<T extends tf.Tensor>(x: T): T {
    return this.fc2.apply(gelu(this.fc1.apply(x)));
  }
}
