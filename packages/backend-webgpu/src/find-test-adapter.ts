import { probeWebgpuAdapter } from './probe-webgpu-adapter';
import type { WebgpuOptions } from './webgpu-options';

/** Why the adapter-bound suites skip on a machine without one. */
export const noAdapterReason = 'no WebGPU adapter here (Dawn default/Vulkan and GLES both failed)';

/**
 * The first Dawn setup that finds an adapter, for tests: Dawn's default (a real GPU through
 * Vulkan), then Dawn's GLES backend, which finds Mesa's llvmpipe on a GPU-less Linux box with
 * libegl1/libgles2/libegl-mesa0. Undefined when neither does.
 */
export async function findTestAdapter() {
  const candidates: WebgpuOptions[] = [{}, { dawnBackend: 'opengles' }];
  for (const options of candidates) {
    const probe = await probeWebgpuAdapter(options);
    if (probe.available) return { options, probe };
  }
  return undefined;
}
