import type { PresetConfig } from '../src/config/bench-config';

/**
 * The Gaussian-noise pre-adaptation test (unverified protocol, methods.md §2.3): adapt on pure
 * noise images, then evaluate frozen on the clean test set. The adaptation phase is the scenario's
 * 1,000 noise images (`--scenario.noiseLength=N` for another length: the paper's is unknown);
 * `samplesPerDomain` sizes only the clean evaluation.
 */
const preset: PresetConfig = {
  description: 'noise pre-adaptation: adapt on pure Gaussian noise, evaluate frozen on clean data',
  methods: ['source', 'tent', 'eata', 'sar', 'deyo', 'deyo+come', 'zerosiam'],
  output: 'results/paper-noise.jsonl',
  reportDir: 'results/paper-noise',
  scenario: { name: 'noise-pre-adaptation', corruptions: ['none'], batchSize: 64, samplesPerDomain: 2000 },
};
export default preset;
