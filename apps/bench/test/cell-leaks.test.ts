import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@zerosiam/testing';
import { expect, it } from 'vitest';
import { presets } from '../configs/index';
import { resolveConfig } from '../src/config/resolve-config';
import { expandCells } from '../src/grid/cell';
import { runCell } from '../src/run/run-cell';

it('a cell leaves no tensors behind (methods, wrappers and models are disposed)', async () => {
  await useBackend('cpu');
  const config = resolveConfig('smoke', presets.smoke!, [
    { key: 'methods', value: 'zerosiam,eata,sar,deyo+come' },
    { key: 'seeds', value: '1' },
    { key: 'scenario.corruptions', value: 'none' },
    { key: 'scenario.samplesPerDomain', value: '16' },
    { key: 'scenario.steps', value: '16' },
    { key: 'method.fisherSamples', value: '16' },
  ]);
  for (const cell of expandCells(config)) {
    const before = tf.memory().numTensors;
    await runCell(cell, config, { command: 'test', backend: 'cpu' });
    expect(tf.memory().numTensors - before, cell.method.label).toBe(0);
  }
});
