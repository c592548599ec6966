import type { ComputeBackend } from '@zerosiam/core';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where each optional backend lives: the package, and its export. */
const optionalBackends: Record<string, { pkg: string; folder: string; exportName: string }> = {
  webgpu: { pkg: '@zerosiam/backend-webgpu', folder: 'backend-webgpu', exportName: 'webgpuBackend' },
  'tfjs-node': { pkg: '@zerosiam/backend-node', folder: 'backend-node', exportName: 'tfjsNodeBackend' },
  'tfjs-node-gpu': {
    pkg: '@zerosiam/backend-node',
    folder: 'backend-node',
    exportName: 'tfjsNodeGpuBackend',
  },
};

// Functions of loaded backend packages that return (and clear) errors their device reported.
const errorSources = new Set<() => string[]>();

/**
 * Imports an optional backend package: by name when the bench depends on it, else from the
 * workspace folder (packages/<folder>/dist, built by `pnpm build`), so the bench can reach every
 * backend of a clone without depending on GPU packages. Undefined for other names.
 */
export async function importOptionalBackend(name: string): Promise<ComputeBackend | undefined> {
  const module = await importOptionalModule(name);
  if (module && typeof module.takeWebgpuErrors === 'function')
    errorSources.add(module.takeWebgpuErrors as () => string[]);
  return module?.[optionalBackends[name]!.exportName] as ComputeBackend | undefined;
}

/**
 * Throws when a loaded backend's device reported errors since the last call (WebGPU validation
 * errors never throw where they happen: the results are silently wrong), naming what they spoil.
 */
export function assertNoDeviceErrors(what: string): void {
  const errors = [...errorSources].flatMap((take) => take());
  if (errors.length === 0) return;
  throw new Error(
    `the WebGPU device reported ${errors.length} error(s) while computing ${what}, so its numbers are wrong and were not kept (first: ${errors[0]}). Fix: run it on --backend=wasm, and report the error with the command.`,
  );
}

async function importOptionalModule(name: string): Promise<Record<string, unknown> | undefined> {
  const entry = optionalBackends[name];
  if (!entry) return undefined;
  let module: Record<string, unknown> | undefined;
  try {
    module = (await import(entry.pkg)) as Record<string, unknown>;
  } catch {
    const here = dirname(fileURLToPath(import.meta.url));
    for (const root of [join(here, '..', '..', '..'), join(here, '..', '..', '..', '..')]) {
      const file = join(root, 'packages', entry.folder, 'dist', 'index.js');
      try {
        createRequire(import.meta.url).resolve(file);
        module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
        break;
      } catch {
        // try the next root
      }
    }
  }
  return module;
}
