import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, selectBackend } from '@zerosiam/core';
import { getMethod } from '@zerosiam/methods';
import { createTinyConvNet, expectClose, TIMEOUTS, useBackend } from '@zerosiam/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { findTestAdapter, noAdapterReason } from './find-test-adapter';
import { isSoftwareAdapter } from './probe-webgpu-adapter';
import type { GpuAdapterLike } from './probe-webgpu-adapter';
import { createWebgpuBackend, webgpuBackend } from './webgpu-backend';

const fakeAdapter = (info: GpuAdapterLike['info'], isFallbackAdapter?: boolean): GpuAdapterLike => ({
  info,
  isFallbackAdapter,
  features: new Set<string>(),
  limits: {},
  requestDevice: async () => ({}),
});

describe('webgpu descriptors', () => {
  it('follow the ComputeBackend contract: priority 30, or 5 when software adapters are allowed', () => {
    expect(webgpuBackend).toMatchObject({
      specificationVersion: 'v1',
      name: 'webgpu',
      tfjsName: 'webgpu',
      priority: 30,
    });
    expect(createWebgpuBackend({ allowSoftwareAdapter: true }).priority).toBe(5);
    expect(createWebgpuBackend({ priority: 12 }).priority).toBe(12);
  });

  it('tell software adapters from hardware ones by flag or by name', () => {
    expect(isSoftwareAdapter(fakeAdapter({ device: 'llvmpipe-llvm-15-0-6-256-bits-' }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ description: 'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)' }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ vendor: 'google', device: 'SwiftShader Device' }))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ vendor: 'mesa' }, true))).toBe(true);
    expect(isSoftwareAdapter(fakeAdapter({ vendor: 'nvidia', device: 'NVIDIA H100 80GB HBM3' }, false))).toBe(
      false,
    );
  });
});

const found = await findTestAdapter();

describe.skipIf(!found)(
  `webgpu on a real adapter${found ? `: ${found.probe.description}` : ` (skipped: ${noAdapterReason})`}`,
  () => {
    const options = found?.options ?? {};

    afterAll(async () => {
      await useBackend('cpu');
    });

    it(
      "selectBackend('auto') does not pick a software adapter unless allowed",
      async () => {
        const strict = createWebgpuBackend(options);
        expect(await strict.isSupported()).toBe(!found!.probe.software);
        expect(await createWebgpuBackend({ ...options, allowSoftwareAdapter: true }).isSupported()).toBe(
          true,
        );
      },
      TIMEOUTS.backendSetup,
    );

    it(
      'batch_size>1: tiny convnet entropy gradients match the cpu backend',
      async () => {
        await useBackend('cpu');
        const images = tf.tidy(() => tf.randomUniform([4, 8, 8, 3], 0, 1, 'float32', 3).arraySync());
        const gradientsOn = async (): Promise<number[][]> => {
          const model = createTinyConvNet({ norm: 'bn', seed: 4 });
          const parameters = model.normParameters('all');
          const x = tf.tensor4d(images as number[][][][]);
          const { grads } = tf.variableGrads(() => {
            const logProbabilities = tf.logSoftmax(model.forward(x));
            return tf.neg(
              tf.mean(tf.sum(tf.mul(tf.exp(logProbabilities), logProbabilities), 1)),
            ) as tf.Scalar;
          }, parameters as tf.Variable[]);
          // dataSync() would throw on webgpu in Node: tfjs reads back synchronously through an
          // OffscreenCanvas, which Node lacks. data() maps the buffer asynchronously.
          const values = await Promise.all(
            parameters.map(async (p) => Array.from(await grads[p.name]!.data())),
          );
          tf.dispose([x, ...Object.values(grads)]);
          model.dispose();
          return values;
        };
        await useBackend('cpu');
        const reference = await gradientsOn();
        const backend = createWebgpuBackend({ ...options, allowSoftwareAdapter: true });
        const selected = await selectBackend('webgpu', { backends: [backend], log: () => {} });
        expect(selected.description).toMatch(/^webgpu \(/);
        expect(tf.getBackend()).toBe('webgpu');
        const onWebgpu = await gradientsOn();
        for (const [i, expected] of reference.entries()) {
          expectClose(onWebgpu[i]!, expected, { atol: 1e-4, rtol: 1e-3, label: `parameter ${i}` });
        }
      },
      TIMEOUTS.gradientSuite,
    );

    it(
      'TTA steps run on webgpu in Node (deferred read-back: no dataSync, no OffscreenCanvas) and match cpu',
      async () => {
        await useBackend('cpu');
        const images = tf.tidy(() => {
          const noise = tf.randomNormal([6, 8, 8, 3], 0, 1, 'float32', 21);
          return tf.mul(noise, tf.reshape(tf.linspace(0.3, 3, 6), [6, 1, 1, 1])).arraySync();
        });
        const stepsOn = async (name: string) => {
          const model = createTinyConvNet({ norm: name === 'sar' ? 'gn' : 'bn', seed: 2 });
          const head = model.namedParameters().get('fc.weight')!;
          tf.tidy(() => head.assign(tf.mul(head, 6))); // confident enough that the filters split the batch
          const method = getMethod(name)(model, {
            learningRate: 1e-2,
            ...(name === 'eata' ? { fisherAlpha: 0 } : {}),
          });
          const x = tf.tensor4d(images as number[][][][]);
          const steps = [];
          for (let step = 0; step < 2; step++) steps.push(await method.adapt(x));
          const parameters = await Promise.all(
            [...method.model.namedParameters().values()].map(async (p) => Array.from(await p.data())),
          );
          x.dispose();
          method.dispose();
          model.dispose();
          return { steps, parameters };
        };
        const names = ['tent', 'eata', 'sar', 'deyo', 'zerosiam'];
        const reference = [];
        for (const name of names) reference.push(await stepsOn(name));
        await selectBackend('webgpu', {
          backends: [createWebgpuBackend({ ...options, allowSoftwareAdapter: true })],
          log: () => {},
        });
        expect(tf.getBackend()).toBe('webgpu');
        for (const [i, name] of names.entries()) {
          const onWebgpu = await stepsOn(name);
          const expected = reference[i]!;
          onWebgpu.steps.forEach((result, step) => {
            const cpu = expected.steps[step]!;
            expect(Array.from(result.predictions), `${name} step ${step}`).toEqual(
              Array.from(cpu.predictions),
            );
            expect(result.diagnostics.selected, `${name} step ${step} selected`).toBe(
              cpu.diagnostics.selected,
            );
            expectClose(result.logits, cpu.logits, {
              atol: 1e-3,
              rtol: 1e-3,
              label: `${name} step ${step} logits`,
            });
          });
          onWebgpu.parameters.forEach((values, k) => {
            expectClose(values, expected.parameters[k]!, {
              atol: 1e-4,
              rtol: 1e-3,
              label: `${name} parameter ${k}`,
            });
          });
        }
      },
      TIMEOUTS.gradientSuite,
    );

    it(
      'loadTfjsWebgpu: setup() runs on the module the loader returns (a static import(), as bundlers need)',
      async () => {
        let calls = 0;
        const backend = createWebgpuBackend({
          ...options,
          allowSoftwareAdapter: true,
          loadTfjsWebgpu: () => {
            calls += 1;
            return import('@tensorflow/tfjs-backend-webgpu');
          },
        });
        const selected = await selectBackend('webgpu', { backends: [backend], log: () => {} });
        expect(calls).toBe(1);
        expect(selected.description).toMatch(/^webgpu \(/);
        expect(tf.getBackend()).toBe('webgpu');
        const sum = tf.add(tf.tensor1d([1, 2, 3]), tf.tensor1d([10, 20, 30]));
        expect(Array.from(await sum.data())).toEqual([11, 22, 33]);
        sum.dispose();
      },
      TIMEOUTS.backendSetup,
    );

    it(
      'loadTfjsWebgpu: a loader that fails or returns the wrong module gives BackendUnavailableError naming the fix',
      async () => {
        const failing = createWebgpuBackend({
          ...options,
          allowSoftwareAdapter: true,
          loadTfjsWebgpu: () => Promise.reject(new Error('chunk webgpu-123.js failed to load')),
        });
        const loadError = await failing.setup().catch((e: unknown) => e);
        expect(BackendUnavailableError.isInstance(loadError)).toBe(true);
        expect((loadError as Error).message).toContain(
          'loadTfjsWebgpu option (chunk webgpu-123.js failed to load)',
        );
        expect((loadError as Error).cause).toBeInstanceOf(Error);

        const wrongModule = createWebgpuBackend({
          ...options,
          allowSoftwareAdapter: true,
          // A common mistake: the module's default export (tfjs-backend-webgpu has none) instead of the module.
          loadTfjsWebgpu: async () => ({ default: undefined }) as never,
        });
        const shapeError = await wrongModule.setup().catch((e: unknown) => e);
        expect(BackendUnavailableError.isInstance(shapeError)).toBe(true);
        expect((shapeError as Error).message).toMatch(/without a WebGPUBackend class \(keys: default\)/);
        expect((shapeError as Error).message).toContain(
          "loadTfjsWebgpu: () => import('@tensorflow/tfjs-backend-webgpu')",
        );
      },
      TIMEOUTS.backendSetup,
    );
  },
);

describe('webgpu without an adapter', () => {
  it(
    'an impossible adapter filter reports unsupported and a clear error',
    async () => {
      const backend = createWebgpuBackend({ dawnBackend: 'null', adapterName: 'no-such-adapter-xyz' });
      expect(await backend.isSupported()).toBe(false);
      const error = await backend.setup().catch((e: unknown) => e);
      expect(BackendUnavailableError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/webgpu|adapter/i);
    },
    TIMEOUTS.backendSetup,
  );

  it(
    'loadTfjsWebgpu is not called when there is no adapter (the chunk is only fetched for a usable GPU)',
    async () => {
      let calls = 0;
      const backend = createWebgpuBackend({
        dawnBackend: 'null',
        adapterName: 'no-such-adapter-xyz',
        loadTfjsWebgpu: () => {
          calls += 1;
          return import('@tensorflow/tfjs-backend-webgpu');
        },
      });
      expect(await backend.isSupported()).toBe(false);
      const error = await backend.setup().catch((e: unknown) => e);
      expect(BackendUnavailableError.isInstance(error)).toBe(true);
      expect(calls).toBe(0);
    },
    TIMEOUTS.backendSetup,
  );
});
