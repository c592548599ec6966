import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SeededRng } from '@zerosiam/core';
import { expect } from 'vitest';
import { wasmBackend } from '../src/wasm-backend';

/** Plain data that survives a backend switch. */
export interface PlainTensor {
  readonly shape: number[];
  readonly values: number[];
  readonly dtype?: 'float32' | 'int32';
}

/** One differentiable case: the inputs (differentiated unless int32) and the forward function. */
export interface GradientCase {
  readonly name: string;
  readonly inputs: Record<string, PlainTensor>;
  readonly forward: (inputs: Record<string, tf.Tensor>) => tf.Tensor;
}

export interface CaseResult {
  readonly output: PlainTensor;
  readonly gradients: Record<string, PlainTensor>;
}

let wasmReady: Promise<string> | undefined;

/** Activates a backend; wasm goes through wasmBackend.setup() once per process. */
export async function activate(backend: 'cpu' | 'wasm'): Promise<void> {
  // The wasm setup also registers the tfjs gradients, which the cpu runs need as well.
  wasmReady ??= wasmBackend.setup({ log: () => {} });
  await wasmReady;
  if (!(await tf.setBackend(backend))) throw new Error(`could not activate ${backend}`);
}

/** Seeded normal values as a plain tensor. */
export function randomTensor(rng: SeededRng, shape: number[], scale = 1): PlainTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return {
    shape,
    values: Array.from({ length: size }, () => rng.normal(0, scale)),
  };
}

/**
 * Runs the case on the active backend: the output, and the gradients of Σ output·projection
 * (a fixed seeded projection, so every output element gets a different upstream gradient).
 */
export function runCase(testCase: GradientCase): CaseResult {
  return tf.tidy(() => {
    const names = Object.keys(testCase.inputs);
    const tensors = names.map((name) => {
      const input = testCase.inputs[name] as PlainTensor;
      return tf.tensor(input.values, input.shape, input.dtype ?? 'float32');
    });
    const asRecord = (values: tf.Tensor[]) =>
      Object.fromEntries(names.map((name, i) => [name, values[i] as tf.Tensor]));
    const output = testCase.forward(asRecord(tensors));
    const projection = randomTensor(new SeededRng(7), output.shape);
    const projectionTensor = tf.tensor(projection.values, projection.shape);
    const differentiated = names.filter((_, i) => tensors[i]?.dtype === 'float32');
    const gradientFunction = tf.grads((...xs: tf.Tensor[]) => {
      const all = tensors.map((t, i) => {
        const position = differentiated.indexOf(names[i] as string);
        return position >= 0 ? (xs[position] as tf.Tensor) : t;
      });
      return tf.sum(tf.mul(testCase.forward(asRecord(all)), projectionTensor));
    });
    const gradients = gradientFunction(tensors.filter((t) => t.dtype === 'float32'));
    return {
      output: { shape: output.shape, values: Array.from(output.dataSync()) },
      gradients: Object.fromEntries(
        differentiated.map((name, i) => {
          const gradient = gradients[i] as tf.Tensor;
          return [name, { shape: gradient.shape, values: Array.from(gradient.dataSync()) }];
        }),
      ),
    };
  });
}

/** Runs the case on cpu, then on wasm; returns both. */
export async function runOnCpuAndWasm(
  testCase: GradientCase,
): Promise<{ cpu: CaseResult; wasm: CaseResult }> {
  await activate('cpu');
  const cpu = runCase(testCase);
  await activate('wasm');
  const wasm = runCase(testCase);
  return { cpu, wasm };
}

/** |actual − expected| ≤ tolerance · max(|expected|), elementwise, with equal shapes. */
export function expectRelativeClose(
  actual: PlainTensor,
  expected: PlainTensor,
  tolerance: number,
  label: string,
): void {
  expect(actual.shape, `${label} shape`).toEqual(expected.shape);
  const scale = Math.max(1e-6, ...expected.values.map(Math.abs));
  let worst = 0;
  for (let i = 0; i < expected.values.length; i++) {
    worst = Math.max(worst, Math.abs((actual.values[i] as number) - (expected.values[i] as number)));
  }
  expect(worst / scale, `${label}: max error relative to max |expected| (${scale})`).toBeLessThanOrEqual(
    tolerance,
  );
}

/** Asserts cpu and wasm agree on the output and every gradient. */
export function expectSameResults(results: { cpu: CaseResult; wasm: CaseResult }, tolerance = 1e-4): void {
  expectRelativeClose(results.wasm.output, results.cpu.output, tolerance, 'output');
  for (const [name, expected] of Object.entries(results.cpu.gradients)) {
    const actual = results.wasm.gradients[name];
    expect(actual, `gradient of ${name}`).toBeDefined();
    expectRelativeClose(actual as PlainTensor, expected, tolerance, `gradient of ${name}`);
  }
}

/**
 * Runs `forward` (which must read its result inside a tidy) on cpu, on wasm with the SIMD kernels
 * and on wasm with the stock kernels, checks that wasm leaks no tensor, and holds both wasm results
 * to the cpu one. The SIMD kernels are switched back on afterwards.
 */
export async function expectSimdAndStockMatchCpu(
  forward: () => PlainTensor,
  label: string,
  tolerance = 1e-5,
): Promise<void> {
  const { setSimdKernelsEnabled } = await import('../src/simd-kernels/simd-kernels-switch');
  await activate('cpu');
  const cpu = forward();
  await activate('wasm');
  const before = tf.memory().numTensors;
  try {
    const simd = forward();
    setSimdKernelsEnabled(false);
    const stock = forward();
    expect(tf.memory().numTensors, `${label}: tensors after the wasm runs`).toBe(before);
    expectRelativeClose(simd, cpu, tolerance, `${label} (SIMD kernels)`);
    expectRelativeClose(stock, cpu, tolerance, `${label} (stock kernels)`);
  } finally {
    setSimdKernelsEnabled(true);
  }
}
