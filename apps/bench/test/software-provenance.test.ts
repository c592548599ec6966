import { execFileSync } from 'node:child_process';
import { setSimdKernelsEnabled } from '@zerosiam/backend-wasm';
import { useBackend } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { presets } from '../configs/index';
import { resolveConfig } from '../src/config/resolve-config';
import { expandCells } from '../src/grid/cell';
import { runCell } from '../src/run/run-cell';
import { softwareProvenance } from '../src/run/software-provenance';

const insideGitCheckout = (() => {
  try {
    execFileSync('git', ['rev-parse', 'HEAD'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

it('names the commit and Node version, and on wasm whether the SIMD kernels were on', async () => {
  await useBackend('cpu');
  const onCpu = softwareProvenance();
  expect(onCpu.node).toBe(process.version);
  expect(onCpu.wasmSimdKernels).toBeUndefined();
  if (insideGitCheckout) {
    expect(onCpu.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(typeof onCpu.dirty).toBe('boolean');
  } else {
    expect(onCpu.commit).toBeUndefined();
  }
  await useBackend('wasm');
  expect(softwareProvenance().wasmSimdKernels).toBe(true);
  setSimdKernelsEnabled(false);
  try {
    expect(softwareProvenance().wasmSimdKernels).toBe(false);
  } finally {
    setSimdKernelsEnabled(true);
  }
});

it('every result record carries it', async () => {
  await useBackend('wasm');
  const config = resolveConfig('smoke', presets.smoke!, [
    { key: 'methods', value: 'source' },
    { key: 'seeds', value: '1' },
    { key: 'scenario.corruptions', value: 'none' },
    { key: 'scenario.samplesPerDomain', value: '16' },
    { key: 'scenario.steps', value: '16' },
  ]);
  const [cell] = expandCells(config);
  const record = await runCell(cell!, config, { command: 'test', backend: 'wasm' });
  expect(record.software).toEqual(softwareProvenance());
  expect(record.software?.wasmSimdKernels).toBe(true);
});
