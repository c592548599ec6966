import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BackendUnavailableError, selectBackend } from '@zerosiam/core';
import { useBackend } from '@zerosiam/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTfjsNodeBackend } from './create-tfjs-node-backend';
import { tfjsNodeBackend } from './tfjs-node-backend';
import { tfjsNodeGpuBackend } from './tfjs-node-gpu-backend';

const optionalPeers = [
  [tfjsNodeGpuBackend, '@tensorflow/tfjs-node-gpu'],
  [tfjsNodeBackend, '@tensorflow/tfjs-node'],
] as const;

async function isInstalled(packageName: string): Promise<boolean> {
  try {
    await import(/* @vite-ignore */ packageName);
    return true;
  } catch {
    return false;
  }
}

describe('tfjs-node backends', () => {
  it('describe themselves per the ComputeBackend contract', () => {
    expect(tfjsNodeGpuBackend).toMatchObject({
      specificationVersion: 'v1',
      name: 'tfjs-node-gpu',
      tfjsName: 'tensorflow',
      priority: 40,
    });
    expect(tfjsNodeBackend).toMatchObject({
      specificationVersion: 'v1',
      name: 'tfjs-node',
      tfjsName: 'tensorflow',
      priority: 20,
    });
  });

  for (const [backend, packageName] of optionalPeers) {
    describe(backend.name, async () => {
      const installed = await isInstalled(packageName);

      it.skipIf(installed)(
        `absent: isSupported() is false and setup() says to install ${packageName}`,
        async () => {
          expect(await backend.isSupported()).toBe(false);
          const error = await backend.setup().catch((e: unknown) => e);
          expect(BackendUnavailableError.isInstance(error)).toBe(true);
          const message = (error as Error).message;
          expect(message).toContain(`npm install ${packageName}@4.22.0`);
          expect(message).toContain('downloads libtensorflow');
          expect(message).toContain('@zerosiam/backend-wasm');
          expect((error as BackendUnavailableError).backend).toBe(backend.name);
        },
      );
    });
  }

  it("selectBackend('auto') falls back to cpu when neither is installed, and says why", async () => {
    const installed =
      (await isInstalled('@tensorflow/tfjs-node')) || (await isInstalled('@tensorflow/tfjs-node-gpu'));
    if (installed) return;
    const lines: string[] = [];
    const selected = await selectBackend('auto', {
      backends: [tfjsNodeGpuBackend, tfjsNodeBackend],
      log: (line) => lines.push(line),
    });
    expect(selected.name).toBe('cpu');
    expect(lines.join('\n')).toMatch(/unavailable: .*tfjs-node-gpu.*tfjs-node/);
  });

  it('explicit selection of an absent one throws instead of falling back', async () => {
    if (await isInstalled('@tensorflow/tfjs-node-gpu')) return;
    await expect(
      selectBackend('tfjs-node-gpu', { backends: [tfjsNodeGpuBackend], log: () => {} }),
    ).rejects.toThrow(BackendUnavailableError);
  });
});

describe('createTfjsNodeBackend with a stand-in package', () => {
  afterEach(async () => {
    for (const kernel of tf.getKernelsForBackend('tensorflow'))
      tf.unregisterKernel(kernel.kernelName, 'tensorflow');
    if (tf.findBackendFactory('tensorflow')) tf.removeBackend('tensorflow');
    await useBackend('cpu');
  });

  it('a package whose native addon is missing (pnpm keeps it; import throws) reports the cause', async () => {
    const backend = createTfjsNodeBackend({
      name: 'tfjs-node',
      packageName: '@tensorflow/tfjs-node',
      priority: 20,
      load: async () => {
        throw new Error('The Node.js native addon module (tfjs_binding.node) can not be found at path: ...');
      },
    });
    expect(await backend.isSupported()).toBe(false);
    await expect(backend.setup()).rejects.toThrow(/tfjs_binding\.node.*downloads libtensorflow/s);
  });

  it('a package that registers with another tfjs-core copy asks for a dedupe', async () => {
    const backend = createTfjsNodeBackend({
      name: 'tfjs-node',
      packageName: '@tensorflow/tfjs-node',
      priority: 20,
      load: async () => ({}),
    });
    expect(await backend.isSupported()).toBe(false);
    await expect(backend.setup()).rejects.toThrow(/dedupe/);
  });

  it("a package that registers 'tensorflow' is activated, with gradients", async () => {
    // Stand-in for tfjs-node: registers a 'tensorflow' backend (here the cpu kernels) on import.
    const backend = createTfjsNodeBackend({
      name: 'tfjs-node',
      packageName: '@tensorflow/tfjs-node',
      priority: 20,
      load: async () => {
        tf.registerBackend('tensorflow', () => new MathBackendCPU(), 3);
        for (const kernel of tf.getKernelsForBackend('cpu'))
          tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
        return {};
      },
    });
    expect(await backend.isSupported()).toBe(true);
    const description = await backend.setup();
    expect(description).toMatch(/^tfjs-node \(@tensorflow\/tfjs-node, libtensorflow, /);
    expect(tf.getBackend()).toBe('tensorflow');
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2]));
    expect(Array.from(gradient.dataSync())).toEqual([2, 4]);
  });
});
