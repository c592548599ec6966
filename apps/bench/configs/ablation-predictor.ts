import type { PresetConfig } from '../src/config/bench-config';

/** Table 8: predictor design (learnable linear default, fixed identity, fixed random, MLP) vs Tent. */
const preset: PresetConfig = {
  description: 'Table 8: predictor variants under label shift',
  methods: [
    'tent',
    'zerosiam[predictor=identity]',
    'zerosiam[predictor=random]',
    'zerosiam',
    'zerosiam[predictor=mlp]',
  ],
  output: 'results/ablation-predictor.jsonl',
  reportDir: 'results/ablation-predictor',
  scenario: {
    name: 'label-shift',
    corruptions: ['gaussian_noise', 'defocus_blur', 'fog', 'contrast'],
    samplesPerDomain: 2000,
    steps: 2000,
  },
};
export default preset;
