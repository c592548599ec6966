import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setSimdKernelsEnabled } from '@zerosiam/backend-wasm';
import { useBackend } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { presets } from '../configs/index';
import { checkWasmKernels } from '../src/cli/select-bench-backend';
import { resolveConfig } from '../src/config/resolve-config';
import { expandCells } from '../src/grid/cell';
import { runCell } from '../src/run/run-cell';
import { softwareProvenance } from '../src/run/software-provenance';
import { runQuietGrid } from './run-quiet-grid';

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

it('grid --wasm-kernels=stock runs on the stock kernels, says so in the record, and keeps the cell key', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'bench-wasm-kernels-'));
  const cellOverrides = [
    '--methods=tent',
    '--seeds=1',
    '--scenario.corruptions=none',
    '--scenario.samplesPerDomain=16',
    '--scenario.steps=16',
    '--backend=wasm',
  ];
  try {
    const output = join(directory, 'cells.jsonl');
    const [stock] = await runQuietGrid(output, [...cellOverrides, '--wasm-kernels=stock']);
    expect(stock!.software?.wasmSimdKernels).toBe(false);
    // The switch is per process: the flag's run must not leave later wasm work on the stock kernels.
    const records = await runQuietGrid(output, [...cellOverrides, '--wasm-kernels=simd', '--force']);
    expect(records.map((record) => record.key)).toEqual([stock!.key, stock!.key]);
    expect(records[1]!.software?.wasmSimdKernels).toBe(true);
  } finally {
    setSimdKernelsEnabled(true);
    rmSync(directory, { recursive: true, force: true });
  }
});

it('--wasm-kernels names its values, and refuses a backend that has no such kernels', () => {
  expect(checkWasmKernels(undefined, 'cpu')).toBeUndefined();
  expect(checkWasmKernels('stock', 'auto')).toBe(false);
  expect(checkWasmKernels('simd', 'wasm')).toBe(true);
  expect(() => checkWasmKernels('xnnpack', 'wasm')).toThrow(/takes simd or stock \(got 'xnnpack'\)/);
  expect(() => checkWasmKernels(true, 'wasm')).toThrow(/takes simd or stock/);
  expect(() => checkWasmKernels('stock', 'cpu')).toThrow(
    /wasm backend only, but this run uses --backend=cpu; drop the flag or pass --backend=wasm/,
  );
});
