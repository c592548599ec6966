// Picks the demo worker's compute backend with the project's selectBackend: WebGPU on a hardware adapter, else
// wasm, else the pure-JS cpu backend. A backend whose setup fails hands over to the next one, and the page is told
// what was tried, so a slow run on cpu or on wasm instead of WebGPU never goes unexplained.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { wasmBackend } from '@zerosiam/backend-wasm';
import { createWebgpuBackend, probeWebgpuAdapter } from '@zerosiam/backend-webgpu';
import type { ComputeBackend } from '@zerosiam/core';
import { cpuBackend, readAndDispose, selectBackend } from '@zerosiam/core';
import type { DemoBackendRequest } from './demo-protocol';

export interface DemoBackend {
  /** The backend that runs: 'webgpu', 'wasm' or 'cpu'. */
  readonly name: string;
  /** What the page shows: selectBackend's description, then why a faster backend was not used. */
  readonly description: string;
}

// The static import() lets Vite emit tfjs-backend-webgpu as a lazy chunk of the worker, fetched only when an
// adapter exists (the package's default import goes through a variable specifier that bundlers cannot follow).
const tfjsWebgpu = createWebgpuBackend({
  loadTfjsWebgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
});

// The methods read back with `await data()` on WebGPU (their `auto` read-back mode), never with dataSync, whose
// canvas path returns zeros instead of failing where it is broken (measured: headless Chromium 156 on
// SwiftShader). A device that cannot even read back asynchronously fails here, so the fallback below moves on to
// wasm and the page says why, instead of plotting a model with all-zero logits.
const webgpuBackend: ComputeBackend = {
  ...tfjsWebgpu,
  async setup(options) {
    const description = await tfjsWebgpu.setup(options);
    // [[1, 2], [3, 4]] · [1, −1]ᵀ = [−1, −1]; a matMul runs on the GPU, so this reads a GPU buffer back.
    const values = await readAndDispose(
      tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, -1], [2, 1]))),
    );
    if (values.length !== 2 || values[0] !== -1 || values[1] !== -1) {
      throw new Error(
        `read-back (data) returned [${Array.from(values).join(', ')}] for [-1, -1] on ${description}; ` +
          "this browser's WebGPU device does not return results",
      );
    }
    return description;
  },
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `requested` is 'auto' (the page's default) or a backend the page's `?backend=` parameter forces; an explicit
 * 'webgpu' also runs on a software adapter (SwiftShader), which `auto` skips because it is slower than wasm.
 */
export async function startDemoBackend(
  assetsUrl: string,
  requested: DemoBackendRequest,
): Promise<DemoBackend> {
  setWasmPaths(`${assetsUrl}wasm/`);
  const failures = new Map<string, string>();
  // Remember which backend's setup threw, so the fallback below neither retries it nor loses its message.
  const recorded = (backend: ComputeBackend): ComputeBackend => ({
    ...backend,
    async setup(options) {
      try {
        return await backend.setup(options);
      } catch (error) {
        failures.set(backend.name, message(error));
        throw error;
      }
    },
  });
  const backends = [webgpuBackend, wasmBackend, cpuBackend].map(recorded);

  for (const name of [...new Set([requested, 'wasm', 'cpu'])]) {
    if (failures.has(name)) continue;
    let selected: Awaited<ReturnType<typeof selectBackend>>;
    try {
      selected = await selectBackend(name, { backends, log: () => {} });
    } catch (error) {
      if (!failures.has(name) && name !== 'auto') failures.set(name, message(error));
      continue;
    }
    const notes = [...failures].map(([failed, reason]) => `${failed} failed: ${reason}`);
    if (selected.name !== 'webgpu' && !failures.has('webgpu')) notes.push(await whyNotWebgpu());
    return { name: selected.name, description: [selected.description, ...notes].join(' — ') };
  }
  const tried = [...failures].map(([failed, reason]) => `${failed}: ${reason}`).join('; ');
  throw new Error(`no compute backend could be started in this worker (${tried})`);
}

async function whyNotWebgpu(): Promise<string> {
  const probe = await probeWebgpuAdapter();
  if (probe.available && probe.software) {
    return `WebGPU not used: ${probe.description} is a software adapter, slower than wasm (add ?backend=webgpu to the page's address to use it anyway)`;
  }
  if (probe.available) return `WebGPU not used: ${probe.description} was not selected`;
  return `WebGPU not used: ${probe.reason ?? probe.description}`;
}
