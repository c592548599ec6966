import { wasmBackend } from '@zerosiam/backend-wasm';
import type { ComputeBackend } from '@zerosiam/core';
import { selectBackend } from '@zerosiam/core';
import { ConfigError } from '../config/config-error';
import { importOptionalBackend } from './optional-backend';

/** Dawn's backend flags (`--dawn-backend`), as `@zerosiam/backend-webgpu` accepts them. */
export const dawnBackends = ['vulkan', 'opengles', 'opengl', 'metal', 'd3d12', 'd3d11', 'null'] as const;

/** Checks a `--dawn-backend` value before any work starts. */
export function checkDawnBackend(value: string | true | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (dawnBackends as readonly string[]).includes(value)) return value;
  throw new ConfigError(
    `--dawn-backend takes one of ${dawnBackends.join(', ')} (got '${String(value)}'); e.g. --dawn-backend=opengles for Mesa's llvmpipe.`,
  );
}

/**
 * `--wasm-kernels` of run/grid: `stock` keeps wasm on tfjs' own BatchMatMul and depthwise conv (to
 * reproduce a cell written before the SIMD kernels bit for bit), `simd` is the default. Returns the
 * `simdKernels` option, undefined when the flag is absent. Only wasm (or `auto`, which is wasm) has them.
 */
export function checkWasmKernels(value: string | true | undefined, backend: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value !== 'simd' && value !== 'stock')
    throw new ConfigError(
      `--wasm-kernels takes simd or stock (got '${String(value)}'); stock runs tfjs' own BatchMatMul and depthwise conv on wasm, e.g. to reproduce a record whose software.wasmSimdKernels is false.`,
    );
  if (backend !== 'wasm' && backend !== 'auto')
    throw new ConfigError(
      `--wasm-kernels applies to the wasm backend only, but this run uses --backend=${backend}; drop the flag or pass --backend=wasm.`,
    );
  return value === 'simd';
}

/**
 * Activates a backend by name and returns its description. wasm and cpu are always there; an
 * explicit `webgpu`, `tfjs-node` or `tfjs-node-gpu` also loads that optional package (`auto` does
 * not, so an everyday run never probes for a GPU). `threads` > 1 asks wasm for its experimental
 * threads (worth it only at large batches on idle cores, docs/performance.md); `dawnBackend` goes
 * to the webgpu backend's setup (Node only, e.g. `opengles` for Mesa's llvmpipe); `simdKernels:
 * false` keeps wasm on tfjs' stock BatchMatMul and depthwise conv (perf's `--wasm-kernels=stock`).
 */
export async function selectBenchBackend(
  name: string,
  log: (line: string) => void,
  options: { threads?: number; simdKernels?: boolean; dawnBackend?: string } = {},
): Promise<string> {
  const backends: ComputeBackend[] = [wasmBackend];
  const optional = await importOptionalBackend(name);
  if (optional) backends.push(optional);
  const selected = await selectBackend(name, {
    backends,
    log,
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    ...(options.simdKernels !== undefined ? { simdKernels: options.simdKernels } : {}),
    ...(options.dawnBackend !== undefined ? { webgpu: { dawnBackend: options.dawnBackend } } : {}),
  });
  return selected.description;
}
