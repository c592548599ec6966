import type { PresetConfig } from '../src/config/bench-config';

/** Seconds-long grid on synthetic data and the tiny test model: CI and the bench's own tests. */
const preset: PresetConfig = {
  description: 'synthetic data, tiny-gn model, 3 methods × 2 domains × 2 seeds (tests, CI)',
  methods: ['source', 'tent', 'zerosiam'],
  models: ['tiny-gn'],
  weights: 'fresh',
  dataset: 'synthetic',
  seeds: [1, 2],
  backend: 'cpu',
  output: 'results/smoke.jsonl',
  reportDir: 'results/smoke',
  scenario: {
    name: 'label-shift',
    corruptions: ['none', 'contrast'],
    samplesPerDomain: 64,
    steps: 64,
    batchSize: 16,
  },
  eval: { windowSize: 32 },
};
export default preset;
