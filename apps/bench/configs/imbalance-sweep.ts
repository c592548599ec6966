import type { PresetConfig } from '../src/config/bench-config';

/** Fig. 2a: label-shift imbalance ratio sweep; plots ‖P − I‖ against IR. */
const preset: PresetConfig = {
  description: 'Fig. 2a: imbalance ratio sweep (IR 1, 1000, 5000, 500000)',
  methods: ['tent', 'zerosiam'],
  output: 'results/imbalance-sweep.jsonl',
  reportDir: 'results/imbalance-sweep',
  scenario: {
    name: 'label-shift',
    corruptions: ['gaussian_noise', 'defocus_blur', 'fog', 'contrast'],
    samplesPerDomain: 2000,
    steps: 2000,
    imbalanceRatios: [1, 1000, 5000, 500000],
  },
};
export default preset;
