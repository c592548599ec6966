import type { PresetConfig } from '../src/config/bench-config';

/**
 * Learning-rate selection on the 4 validation corruptions only (speckle_noise, gaussian_blur,
 * spatter, saturate), never on the 15 test corruptions: each method at 4 base rates around the
 * bench rule's 1e-3. Pick per method the best mean, then set `method.baseLearningRate`.
 */
const rates = [2.5e-4, 1e-3, 2.5e-3, 1e-2];
const methods = ['tent', 'eata', 'sar', 'deyo', 'deyo+come', 'zerosiam'];
const preset: PresetConfig = {
  description: 'lr tuning on the validation corruptions only',
  methods: methods.flatMap((method) => rates.map((rate) => `${method}[learningRate=${rate}]`)),
  output: 'results/tune.jsonl',
  reportDir: 'results/tune',
  scenario: {
    name: 'label-shift',
    corruptions: ['speckle_noise', 'gaussian_blur', 'spatter', 'saturate'],
    samplesPerDomain: 2000,
    steps: 2000,
  },
};
export default preset;
