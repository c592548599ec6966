import { expect, it } from 'vitest';
import { ConfigError } from '../src/config/config-error';
import { runPerf, wasmKernelChoices } from '../src/perf/perf-command';

it('perf --dawn-backend takes only the flags Dawn knows, and says which, before any child starts', async () => {
  const error = await runPerf(['perf', '--backend', 'webgpu', '--dawn-backend', 'metalx']).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toContain('vulkan, opengles, opengl, metal, d3d12, d3d11, null');
  expect((error as Error).message).toContain("got 'metalx'");
  expect((error as Error).message).toContain('--dawn-backend=opengles');
});

it('perf --wasm-kernels takes simd and/or stock, and names the choices when it gets anything else', async () => {
  expect(wasmKernelChoices(undefined)).toEqual(['simd']);
  expect(wasmKernelChoices('stock,simd,stock')).toEqual(['stock', 'simd']);
  const error = await runPerf(['perf', '--wasm-kernels=fast']).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as Error).message).toContain("--wasm-kernels takes simd, stock or simd,stock (got 'fast')");
});
