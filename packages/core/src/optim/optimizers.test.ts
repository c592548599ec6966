import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import fixture from '../__fixtures__/optimizers.json';
import { cpuBackend } from '../backend/cpu-backend';
import { selectBackend } from '../backend/select-backend';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createAdam } from './adam';
import type { Optimizer } from './optimizer';
import { createSgd } from './sgd';

type Case = keyof typeof fixture.cases;

function makeParams(prefix: string) {
  return {
    a: tf.variable(tf.tensor(fixture.init.a.data, fixture.init.a.shape), true, `${prefix}/a`),
    b: tf.variable(tf.tensor(fixture.init.b.data, fixture.init.b.shape), true, `${prefix}/b`),
  };
}

function expectMatches(actual: ArrayLike<number>, expected: number[], label: string) {
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-6 + 1e-5 * Math.abs(expected[i]!);
    expect(Math.abs(actual[i]! - expected[i]!), `${label}[${i}]`).toBeLessThanOrEqual(tolerance);
  }
}

function runAgainstTorch(name: Case, make: (p: ReturnType<typeof makeParams>) => Optimizer) {
  const params = makeParams(`optim-${name}`);
  const optimizer = make(params);
  fixture.cases[name].forEach((expected, step) => {
    const grads = fixture.grads[step]!;
    tf.tidy(() =>
      optimizer.step({
        [params.a.name]: tf.tensor(grads.a, params.a.shape),
        [params.b.name]: tf.tensor(grads.b, params.b.shape),
      }),
    );
    expectMatches(params.a.dataSync(), expected.a, `${name} step ${step + 1} a`);
    expectMatches(params.b.dataSync(), expected.b, `${name} step ${step + 1} b`);
  });
  optimizer.dispose();
  params.a.dispose();
  params.b.dispose();
}

describe('optimisers match PyTorch (fixture from parity/optimizers.py)', () => {
  beforeAll(async () => {
    await selectBackend('cpu', { backends: [cpuBackend], log: () => {} });
  });

  it('SGD with momentum 0.9 and two parameter groups', () => {
    runAgainstTorch('sgd_momentum', (p) =>
      createSgd([
        { name: 'a', variables: [p.a], learningRate: 0.1 },
        { name: 'b', variables: [p.b], learningRate: 0.01 },
      ]),
    );
  });

  it('SGD with L2 weight decay', () => {
    runAgainstTorch('sgd_weight_decay', (p) =>
      createSgd([{ variables: [p.a, p.b], learningRate: 0.05, weightDecay: 0.01 }]),
    );
  });

  it('SGD with Nesterov momentum', () => {
    runAgainstTorch('sgd_nesterov', (p) =>
      createSgd([{ variables: [p.a, p.b], learningRate: 0.05 }], { nesterov: true }),
    );
  });

  it('Adam', () => {
    runAgainstTorch('adam', (p) => createAdam([{ variables: [p.a, p.b], learningRate: 0.01 }]));
  });

  it('AdamW (decoupled weight decay)', () => {
    runAgainstTorch('adamw', (p) =>
      createAdam([{ variables: [p.a, p.b], learningRate: 0.01, weightDecay: 0.1 }], {
        decoupledWeightDecay: true,
      }),
    );
  });

  it('skips variables without a gradient and keeps no tensors beyond its state', () => {
    const params = makeParams('optim-skip');
    const before = Float32Array.from(params.b.dataSync());
    const optimizer = createSgd([{ variables: [params.a, params.b], learningRate: 0.1 }]);
    const count = tf.memory().numTensors;
    tf.tidy(() => optimizer.step({ [params.a.name]: tf.onesLike(params.a) }));
    expect(Array.from(params.b.dataSync())).toEqual(Array.from(before));
    // One momentum buffer for `a` is the only new tensor.
    expect(tf.memory().numTensors - count).toBe(1);
    expect(optimizer.stateTensorCount()).toBe(1);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(count);
    params.a.dispose();
    params.b.dispose();
  });

  it('snapshot/restore reproduces the same trajectory', () => {
    const params = makeParams('optim-snap');
    const optimizer = createAdam([{ variables: [params.a], learningRate: 0.01 }]);
    const grad = () => ({ [params.a.name]: tf.tensor(fixture.grads[0]!.a, params.a.shape) });
    tf.tidy(() => optimizer.step(grad()));
    const savedValue = tf.keep(tf.clone(params.a));
    const saved = optimizer.snapshot();
    tf.tidy(() => optimizer.step(grad()));
    const firstRun = Float32Array.from(params.a.dataSync());
    params.a.assign(savedValue);
    optimizer.restore(saved);
    tf.tidy(() => optimizer.step(grad()));
    expect(Array.from(params.a.dataSync())).toEqual(Array.from(firstRun));
    saved.dispose();
    savedValue.dispose();
    optimizer.dispose();
    params.a.dispose();
    params.b.dispose();
  });

  it('rejects bad groups with typed errors', () => {
    expect(() => createSgd([])).toThrow(InvalidArgumentError);
    const v = tf.variable(tf.zeros([1]), true, 'optim-bad');
    expect(() => createSgd([{ variables: [v], learningRate: Number.NaN }])).toThrow(/learningRate/);
    expect(() =>
      createSgd([
        { variables: [v], learningRate: 1 },
        { variables: [v], learningRate: 1 },
      ]),
    ).toThrow(/exactly one group/);
    expect(() =>
      createSgd([{ variables: [tf.zeros([1]) as unknown as tf.Variable], learningRate: 1 }]),
    ).toThrow(/tf.Variable/);
    v.dispose();
  });
});
