import * as tf from '@tensorflow/tfjs-core';
import type { NormMode } from '@zerosiam/core';
import { SeededRng } from '@zerosiam/core';

/** How a parameter is initialised (all draws come from the store's seeded generator). */
export type Initializer =
  /** N(0, 2 / fanOut): torchvision's `kaiming_normal_(mode='fan_out', nonlinearity='relu')` for convs. */
  | { readonly kind: 'kaiming-normal-fan-out'; readonly fanOut: number }
  /** U(−1/√fanIn, 1/√fanIn): PyTorch's default for `nn.Linear` / `nn.Conv2d` weight and bias. */
  | { readonly kind: 'uniform-fan-in'; readonly fanIn: number }
  /** N(0, std²) truncated at ±2·std: timm's `trunc_normal_(std=.02)` for transformers. */
  | { readonly kind: 'truncated-normal'; readonly std: number }
  | { readonly kind: 'constant'; readonly value: number };

/** One normalisation module: its name (PyTorch style) and affine variables. */
export interface NormModule {
  readonly name: string;
  readonly kind: 'batch-norm' | 'group-norm' | 'layer-norm';
  readonly weight: tf.Variable;
  readonly bias: tf.Variable;
}

/** How a parameter's PyTorch layout differs from the tfjs one (the weights loader converts). */
export type ParameterLayout =
  /** tfjs [K, K, in, out] ⇄ PyTorch [out, in, K, K] */
  | 'conv'
  /** tfjs [K, K, C, 1] ⇄ PyTorch [C, 1, K, K] */
  | 'depthwise'
  /** tfjs [in, out] ⇄ PyTorch [out, in] */
  | 'linear'
  | 'plain';

let storeCount = 0;

/**
 * Owns a model's variables. tfjs variable names must be unique in the whole process, so each store
 * prefixes them with a per-instance id; `named` keeps the stable PyTorch-style names
 * (`layer1.0.conv1.weight`) used for weights files, snapshots and optimiser state.
 */
export class ParameterStore {
  readonly prefix: string;
  readonly named = new Map<string, tf.Variable>();
  readonly normModules: NormModule[] = [];
  readonly layouts = new Map<string, ParameterLayout>();
  /** Shared forward-pass state read by the layers. */
  readonly state: {
    normMode: NormMode;
    /** When true, BatchNorm layers in `batch` mode update their running statistics (PyTorch train mode). */
    training: boolean;
    /** Closed-form gradients (tf.customGrad) for conv, dense and norm layers; `false` gives plain autodiff. */
    closedFormGradients: boolean;
    /** The only variables that will be differentiated (`restrictGradients`); `undefined` = all of them. */
    gradientTargets: ReadonlySet<tf.Variable> | undefined;
  } = { normMode: 'running', training: false, closedFormGradients: true, gradientTargets: undefined };
  private readonly rng: SeededRng;
  /** Tensors derived from frozen variables (flipped conv filters, transposed weights), by variable and kind. */
  private readonly derivedCache = new Map<string, { readonly dataId: object; readonly value: tf.Tensor }>();

  constructor(label: string, seed: number) {
    this.prefix = `${label}_${storeCount++}`;
    this.rng = new SeededRng(seed);
  }

  /** False when `restrictGradients` left `variable` out: its layer may skip computing its gradient. */
  needsGradient(variable: tf.Variable): boolean {
    return this.state.gradientTargets === undefined || this.state.gradientTargets.has(variable);
  }

  /**
   * A tensor computed from a frozen variable and kept across steps: the backward pass of a frozen conv
   * needs its filter flipped and transposed on every step (at batch 1 those `Reverse`/`Transpose`
   * kernels cost as much as the convs). Recomputed when the variable is reassigned (`assign` gives it
   * a new dataId, e.g. on `restore`); freed by `dispose`.
   */
  derived<T extends tf.Tensor>(variable: tf.Variable, kind: string, compute: (value: tf.Variable) => T): T {
    const key = `${variable.name}#${kind}`;
    const cached = this.derivedCache.get(key);
    if (cached !== undefined && cached.dataId === variable.dataId) return cached.value as T;
    cached?.value.dispose();
    const value = tf.keep(tf.tidy(() => compute(variable)));
    this.derivedCache.set(key, { dataId: variable.dataId, value });
    return value;
  }

  /** Creates a variable with a stable name; `trainable: false` marks buffers (BN running statistics). */
  add(
    name: string,
    shape: readonly number[],
    initializer: Initializer,
    trainable = true,
    layout: ParameterLayout = 'plain',
  ): tf.Variable {
    if (this.named.has(name)) throw new Error(`ParameterStore: duplicate parameter name '${name}'`);
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    const rng = this.rng;
    switch (initializer.kind) {
      case 'kaiming-normal-fan-out': {
        const std = Math.sqrt(2 / initializer.fanOut);
        for (let i = 0; i < size; i++) data[i] = rng.normal(0, std);
        break;
      }
      case 'uniform-fan-in': {
        const bound = 1 / Math.sqrt(initializer.fanIn);
        for (let i = 0; i < size; i++) data[i] = rng.uniform(-bound, bound);
        break;
      }
      case 'truncated-normal': {
        for (let i = 0; i < size; i++) {
          let value = rng.normal(0, initializer.std);
          while (Math.abs(value) > 2 * initializer.std) value = rng.normal(0, initializer.std);
          data[i] = value;
        }
        break;
      }
      case 'constant':
        data.fill(initializer.value);
        break;
    }
    // tf.variable shares the initial tensor's data and takes a reference: dispose the initial tensor,
    // or the weights would outlive dispose() (one leaked tensor and buffer per parameter).
    const initial = tf.tensor(data, [...shape], 'float32');
    const variable = tf.variable(initial, trainable, `${this.prefix}/${name}`);
    initial.dispose();
    this.named.set(name, variable);
    this.layouts.set(name, layout);
    return variable;
  }

  get(name: string): tf.Variable {
    const variable = this.named.get(name);
    if (!variable) throw new Error(`ParameterStore: no parameter '${name}'`);
    return variable;
  }

  registerNorm(module: NormModule): void {
    this.normModules.push(module);
  }

  dispose(): void {
    for (const { value } of this.derivedCache.values()) value.dispose();
    this.derivedCache.clear();
    for (const variable of this.named.values()) variable.dispose();
    this.named.clear();
    this.layouts.clear();
    this.normModules.length = 0;
  }
}
