import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, ensureGradients } from '@zerosiam/core';
import type { BackendSetupOptions, ComputeBackend } from '@zerosiam/core';
import {
  adapterOptions,
  describeAdapter,
  getGpu,
  installDawnGlobals,
  isNode,
  isSoftwareAdapter,
  probeWebgpuAdapter,
} from './probe-webgpu-adapter';
import type { GpuAdapterLike } from './probe-webgpu-adapter';
import { type ErrorReportingDevice, watchDeviceErrors } from './webgpu-errors';
import type { WebgpuOptions } from './webgpu-options';

export interface CreateWebgpuBackendOptions extends WebgpuOptions {
  /** Priority under `selectBackend('auto')`; default 30, or 5 with `allowSoftwareAdapter`. */
  readonly priority?: number;
  /**
   * Loads `@tensorflow/tfjs-backend-webgpu` inside `setup()`. Bundlers (Vite, webpack, esbuild) need it: pass
   * `() => import('@tensorflow/tfjs-backend-webgpu')` so they see a static specifier and emit a lazy chunk.
   * Default: an import through a variable specifier, which Node resolves at run time and bundlers leave alone,
   * so Node users without the peer installed never fail at build or load time.
   */
  readonly loadTfjsWebgpu?: () => Promise<TfjsWebgpuModule>;
}

/** The part of `@tensorflow/tfjs-backend-webgpu` that `setup()` uses. */
export interface TfjsWebgpuModule {
  // `never` parameters accept the real class, whose constructor takes GPUDevice / GPUAdapterInfo
  // (types this package does not depend on); setup() passes the device and info it requested.
  readonly WebGPUBackend: new (
    device: never,
    adapterInfo?: never,
  ) => tf.KernelBackend;
}

/** `setup()` options: the shared ones plus `webgpu`, which overrides the factory's options. */
export interface WebgpuSetupOptions extends BackendSetupOptions {
  readonly webgpu?: WebgpuOptions;
}

// Variable specifier: the tfjs backend is a peer, imported only inside setup(), and invisible to bundlers.
const tfjsWebgpuSpecifier = '@tensorflow/tfjs-backend-webgpu';
const importTfjsWebgpu = () => import(/* @vite-ignore */ tfjsWebgpuSpecifier) as Promise<TfjsWebgpuModule>;

// The limits raised to the adapter's maxima: those tfjs-backend-webgpu's own factory raises, and one more.
const raisedLimits = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
  // Not raised by tfjs: ops with many inputs (concat, addN) bind one storage buffer per input.
  'maxStorageBuffersPerShaderStage',
] as const;

/**
 * A WebGPU `ComputeBackend`: `navigator.gpu` in browsers; in Node, Dawn from the optional
 * `webgpu` npm package. `setup()` creates the GPU object and Dawn's globals *before* importing
 * `@tensorflow/tfjs-backend-webgpu`, then registers the `webgpu` tfjs backend with a factory that
 * requests the adapter with these options (tfjs's own factory cannot pass `featureLevel`, which
 * Dawn's GLES backend needs).
 *
 * Under `auto`, only a hardware adapter counts as supported unless `allowSoftwareAdapter` is set.
 */
export function createWebgpuBackend(options: CreateWebgpuBackendOptions = {}): ComputeBackend {
  const priority = options.priority ?? (options.allowSoftwareAdapter ? 5 : 30);
  return Object.freeze({
    specificationVersion: 'v1' as const,
    name: 'webgpu',
    tfjsName: 'webgpu',
    priority,
    async isSupported() {
      try {
        const probe = await probeWebgpuAdapter(options);
        return probe.available && (!probe.software || options.allowSoftwareAdapter === true);
      } catch {
        return false;
      }
    },
    async setup(setupOptions: WebgpuSetupOptions = {}) {
      const resolved: WebgpuOptions = { ...options, ...setupOptions.webgpu };
      const probe = await probeWebgpuAdapter(resolved);
      if (!probe.available) {
        throw new BackendUnavailableError({
          backend: 'webgpu',
          reason: probe.reason ?? probe.description,
          fix: probe.fix ?? 'use @zerosiam/backend-wasm',
        });
      }
      const gpu = await getGpu(resolved);
      // tfjs-backend-webgpu checks navigator.gpu when it loads and uses the GPUBufferUsage /
      // GPUMapMode globals, which Node lacks: both must exist before the import below.
      await installDawnGlobals();
      installNavigatorGpu(gpu);
      const module = await loadTfjsWebgpu(options.loadTfjsWebgpu);
      let adapterDescription = probe.description;
      let software = probe.software;
      const factory = async () => {
        const adapter = (await gpu.requestAdapter(adapterOptions(resolved))) as GpuAdapterLike | null;
        if (!adapter) throw new Error('requestAdapter returned null');
        adapterDescription = describeAdapter(adapter);
        software = isSoftwareAdapter(adapter);
        const requiredLimits: Record<string, number> = {};
        for (const limit of raisedLimits) requiredLimits[limit] = adapter.limits[limit]!;
        const requiredFeatures = ['timestamp-query', 'bgra8unorm-storage'].filter((f) =>
          adapter.features.has(f),
        );
        const device = await adapter.requestDevice({ requiredFeatures, requiredLimits });
        watchDeviceErrors(device as ErrorReportingDevice);
        return new module.WebGPUBackend(device as never, adapter.info as never);
      };
      // Replace whatever factory the import registered (it would request a core-level adapter
      // with default flags); a live 'webgpu' backend is disposed by removeBackend.
      if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
      tf.registerBackend('webgpu', factory, 3);
      await ensureGradients();
      if (!(await tf.setBackend('webgpu'))) {
        throw new BackendUnavailableError({
          backend: 'webgpu',
          reason: `the WebGPU device on '${adapterDescription}' could not be initialised (tfjs logged the cause above)`,
          fix: 'update the GPU driver, or use @zerosiam/backend-wasm',
        });
      }
      await tf.ready();
      const where = isNode() ? `Dawn ${resolved.dawnBackend ?? 'default backend'}` : 'browser';
      return `webgpu (${adapterDescription}; ${software ? 'software adapter' : 'hardware adapter'}; ${where})`;
    },
  });
}

/** Runs the loader (or the default import) and checks that it gave tfjs-backend-webgpu's module. */
async function loadTfjsWebgpu(
  loader: (() => Promise<TfjsWebgpuModule>) | undefined,
): Promise<TfjsWebgpuModule> {
  const source = loader ? 'the loadTfjsWebgpu option' : 'import("@tensorflow/tfjs-backend-webgpu")';
  let module: TfjsWebgpuModule;
  try {
    module = await (loader ?? importTfjsWebgpu)();
  } catch (cause) {
    throw new BackendUnavailableError({
      backend: 'webgpu',
      reason: `@tensorflow/tfjs-backend-webgpu could not be loaded by ${source} (${
        cause instanceof Error ? cause.message.split('\n')[0] : String(cause)
      })`,
      fix: loader
        ? "check that the loader returns import('@tensorflow/tfjs-backend-webgpu') and that the package is installed"
        : 'install @tensorflow/tfjs-backend-webgpu@4.22.0 next to @tensorflow/tfjs-core; in a bundled app pass ' +
          "createWebgpuBackend({ loadTfjsWebgpu: () => import('@tensorflow/tfjs-backend-webgpu') })",
      cause,
    });
  }
  if (typeof module?.WebGPUBackend !== 'function') {
    const keys =
      module && typeof module === 'object' ? Object.keys(module).slice(0, 8).join(', ') : String(module);
    throw new BackendUnavailableError({
      backend: 'webgpu',
      reason: `${source} resolved to a value without a WebGPUBackend class (keys: ${keys || 'none'})`,
      fix: "pass loadTfjsWebgpu: () => import('@tensorflow/tfjs-backend-webgpu'), the module itself rather than its default export",
    });
  }
  return module;
}

/** Makes `navigator.gpu` the given GPU object in Node (Node 20 has no navigator; 21+ has one without gpu). */
function installNavigatorGpu(gpu: unknown): void {
  if (!isNode()) return;
  const scope = globalThis as { navigator?: { gpu?: unknown } };
  if (scope.navigator?.gpu === gpu) return;
  if (scope.navigator) {
    Object.defineProperty(scope.navigator, 'gpu', { value: gpu, configurable: true, writable: true });
  } else {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  }
}

/**
 * WebGPU with the defaults: Dawn's default backend in Node, priority 30, picked by
 * `selectBackend('auto')` only on a hardware adapter.
 */
export const webgpuBackend: ComputeBackend = createWebgpuBackend();
