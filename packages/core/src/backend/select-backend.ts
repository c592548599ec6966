import * as tf from '@tensorflow/tfjs-core';
import type { BackendSetupOptions, ComputeBackend } from '../contracts/compute-backend';
import { BackendUnavailableError } from '../errors/backend-unavailable-error';
import { UnknownNameError } from '../errors/unknown-name-error';
import { cpuBackend } from './cpu-backend';

const registered = new Map<string, ComputeBackend>([[cpuBackend.name, cpuBackend]]);

/** Backends that live in their own package, so an unregistered name can say what to install. */
const knownPackages: Record<string, string> = {
  wasm: '@zerosiam/backend-wasm',
  webgpu: '@zerosiam/backend-webgpu',
  'tfjs-node': '@zerosiam/backend-node',
  'tfjs-node-gpu': '@zerosiam/backend-node',
};

/** Makes a backend selectable by name and by `auto`. Re-registering a name replaces it. */
export function registerBackend(backend: ComputeBackend): void {
  registered.set(backend.name, backend);
}

/** Names currently selectable (plus `auto`). */
export function registeredBackendNames(): string[] {
  return [...registered.keys()];
}

export interface SelectBackendOptions extends BackendSetupOptions {
  /** Backends to consider besides the registered ones (they are registered as a side effect). */
  readonly backends?: readonly ComputeBackend[];
}

export interface SelectedBackend {
  readonly name: string;
  readonly tfjsName: string;
  /** What the backend said it set up, e.g. `wasm (SIMD, 1 thread)`. */
  readonly description: string;
}

/**
 * Activates a backend by name. `auto` tries the registered backends from the highest priority
 * down (tfjs-node-gpu 40, webgpu on hardware 30, tfjs-node 20, wasm 10, cpu 0) and takes the
 * first that is supported. The choice is logged with a `[backend]` tag; switching while
 * tensors are alive logs a warning, since those tensors stay on the old backend.
 */
export async function selectBackend(
  name = 'auto',
  options: SelectBackendOptions = {},
): Promise<SelectedBackend> {
  for (const backend of options.backends ?? []) registerBackend(backend);
  const log = options.log ?? ((message: string) => console.info(message));
  // Read the engine field directly: tf.getBackend() and tf.memory() would initialise a backend.
  const previous: string | undefined =
    (tf.engine() as unknown as { backendName?: string | null }).backendName ?? undefined;
  const live = previous ? tf.memory().numTensors : 0;

  let candidates: ComputeBackend[];
  if (name === 'auto') {
    candidates = [...registered.values()].sort((a, b) => b.priority - a.priority);
  } else {
    const backend = registered.get(name);
    if (!backend) {
      const pkg = knownPackages[name];
      if (pkg) {
        throw new BackendUnavailableError({
          backend: name,
          reason: `it is provided by ${pkg}, which has not been registered`,
          fix: `install ${pkg} and pass its backend: selectBackend('${name}', { backends: [...] }) or registerBackend(...) first`,
        });
      }
      throw new UnknownNameError({
        kind: 'backend',
        requested: name,
        available: ['auto', ...registered.keys()],
      });
    }
    candidates = [backend];
  }

  const skipped: string[] = [];
  for (const backend of candidates) {
    if (name === 'auto' && !(await backend.isSupported())) {
      skipped.push(backend.name);
      continue;
    }
    if (previous && previous !== backend.tfjsName && live > 0) {
      log(
        `[backend] warning: switching from '${previous}' to '${backend.tfjsName}' with ${live} live tensors; they stay on '${previous}'.`,
      );
    }
    const description = await backend.setup(options);
    log(
      `[backend] using ${description}` +
        (name === 'auto' ? ` (auto${skipped.length ? `; unavailable: ${skipped.join(', ')}` : ''})` : ''),
    );
    return { name: backend.name, tfjsName: backend.tfjsName, description };
  }
  throw new BackendUnavailableError({
    backend: name,
    reason: `none of the registered backends is supported here (${candidates.map((c) => c.name).join(', ')})`,
    fix: 'install @tensorflow/tfjs-backend-cpu, or register @zerosiam/backend-wasm',
  });
}
