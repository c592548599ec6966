import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, ensureGradients } from '@zerosiam/core';
import type { BackendSetupOptions, ComputeBackend } from '@zerosiam/core';

/** How a native package is loaded; replaceable in tests. */
export type ModuleLoader = (specifier: string) => Promise<unknown>;

export interface TfjsNodeBackendOptions {
  /** Our backend name: `tfjs-node` or `tfjs-node-gpu`. */
  readonly name: string;
  /** The npm package that provides it. */
  readonly packageName: '@tensorflow/tfjs-node' | '@tensorflow/tfjs-node-gpu';
  /** Priority under `selectBackend('auto')`. */
  readonly priority: number;
  /** Loads the package; default a dynamic `import()`. */
  readonly load?: ModuleLoader;
}

// A variable specifier keeps bundlers and TypeScript from resolving the optional peer at build
// time: neither package is a dependency, and installing them may be impossible (see below).
const dynamicImport: ModuleLoader = (specifier) => import(/* @vite-ignore */ specifier);

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

function causeMessage(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  const firstLine = message.split('\n')[0] ?? message;
  return firstLine.length > 160 ? `${firstLine.slice(0, 157)}...` : firstLine;
}

/** What to install, and what that install does, in one sentence for BackendUnavailableError. */
export function installAdvice(packageName: TfjsNodeBackendOptions['packageName']): string {
  const gpu = packageName.endsWith('-gpu');
  return (
    `install the optional peer next to @tensorflow/tfjs-core 4.22: \`npm install ${packageName}@4.22.0\` ` +
    `(or \`pnpm add ${packageName}@4.22.0\` followed by \`pnpm approve-builds\`, since pnpm 10 blocks its install script). ` +
    `That install script downloads libtensorflow 2.9.1 (${gpu ? 'GPU' : 'CPU'} build, Linux/macOS/Windows x64) ` +
    `and a prebuilt native addon from storage.googleapis.com, so it needs network access at install time ` +
    `(or TFJS_NODE_CDN_STORAGE / TFJS_NODE_BASE_URI pointing at a mirror)` +
    (gpu ? '; the GPU build also needs CUDA 11.2 and cuDNN 8.1 on Linux x64' : '') +
    `. Without it, use @zerosiam/backend-wasm (no native code)`
  );
}

/**
 * A `ComputeBackend` for one of TensorFlow.js's native Node packages. They are optional peers,
 * detected at run time: the package is imported inside try/catch, so a missing package, or one
 * whose native addon failed to build (pnpm keeps such a package and its import throws), makes
 * `isSupported()` false and `setup()` throw a `BackendUnavailableError` that says what to install.
 */
export function createTfjsNodeBackend(options: TfjsNodeBackendOptions): ComputeBackend {
  const load = options.load ?? dynamicImport;
  const { name, packageName } = options;

  /** Imports the package; returns why it cannot run, or undefined when 'tensorflow' is registered. */
  async function tryLoad(): Promise<BackendUnavailableError | undefined> {
    if (!isNode()) {
      return new BackendUnavailableError({
        backend: name,
        reason: `${packageName} runs only in Node.js`,
        fix: 'in a browser use @zerosiam/backend-webgpu or @zerosiam/backend-wasm',
      });
    }
    try {
      await load(packageName);
    } catch (cause) {
      return new BackendUnavailableError({
        backend: name,
        reason: `${packageName} could not be loaded (${causeMessage(cause)})`,
        fix: installAdvice(packageName),
        cause,
      });
    }
    // The package registers its backend with the tfjs-core copy it imports. If that is not ours
    // (two copies installed), setBackend('tensorflow') on ours would fail.
    if (!tf.findBackendFactory('tensorflow')) {
      return new BackendUnavailableError({
        backend: name,
        reason: `${packageName} loaded, but its 'tensorflow' backend is not registered with this copy of @tensorflow/tfjs-core`,
        fix: `make every package share one @tensorflow/tfjs-core 4.22 (npm dedupe / pnpm dedupe), so ${packageName} registers with it`,
      });
    }
    return undefined;
  }

  return Object.freeze({
    specificationVersion: 'v1' as const,
    name,
    tfjsName: 'tensorflow',
    priority: options.priority,
    async isSupported() {
      try {
        return (await tryLoad()) === undefined;
      } catch {
        return false;
      }
    },
    async setup(_options: BackendSetupOptions = {}) {
      const failure = await tryLoad();
      if (failure) throw failure;
      await ensureGradients();
      if (!(await tf.setBackend('tensorflow'))) {
        throw new BackendUnavailableError({
          backend: name,
          reason: "tf.setBackend('tensorflow') failed: libtensorflow could not be initialised",
          fix: `reinstall ${packageName} so its install script fetches libtensorflow again (check the log of that step)`,
        });
      }
      await tf.ready();
      // tfjs-node-gpu falls back to CPU kernels when CUDA is missing; its backend says which it uses.
      const usingGpu = (tf.backend() as { isUsingGpuDevice?: unknown }).isUsingGpuDevice;
      const device = usingGpu === true ? 'GPU' : usingGpu === false ? 'CPU' : 'device unknown';
      return `${name} (${packageName}, libtensorflow, ${device})`;
    },
  });
}
