import { describe, expect, it } from 'vitest';
import { renderWasmModule } from '../../scripts/build-wat.mjs';
import { wasmBackend } from '../wasm-backend';
import { SIMD_KERNELS_WASM_BASE64 } from './simd-kernels-wasm';
import { setSimdKernelsEnabled } from './simd-kernels-switch';
import { simdKernelsAvailable } from './simd-module';

describe('the SIMD kernels module', () => {
  it('runs on this engine (Node 20 has wasm SIMD)', () => {
    expect(simdKernelsAvailable()).toBe(true);
  });

  it('ships the bytes of simd-kernels.wat (rerun `pnpm build:wat` after editing the .wat)', async () => {
    const rendered = await renderWasmModule();
    const joined = [...rendered.matchAll(/'([A-Za-z0-9+/=]+)'/g)].map((match) => match[1]).join('');
    expect(joined).toBe(SIMD_KERNELS_WASM_BASE64);
  });

  it('says in the backend description when the stock kernels were asked for', async () => {
    try {
      expect(await wasmBackend.setup({ simdKernels: false, log: () => {} })).toMatch(/, stock kernels\)$/);
      expect(await wasmBackend.setup({ log: () => {} })).not.toContain('stock kernels');
    } finally {
      setSimdKernelsEnabled(true);
    }
  });

  it('rejects a non-boolean setup option, naming it', async () => {
    await expect(wasmBackend.setup({ simdKernels: 'yes' as unknown as boolean })).rejects.toThrow(
      /simdKernels[\s\S]*a boolean/,
    );
  });
});
