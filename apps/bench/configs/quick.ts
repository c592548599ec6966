import type { PresetConfig } from '../src/config/bench-config';

/**
 * The README's main job: every method on the default model (resnet20-gn, shipped weights) under
 * online imbalanced label shift on a 2,000-image Fashion-MNIST-C subset of 4 corruptions
 * (one per family), about 10 minutes on 2 cores.
 */
const quick: PresetConfig = {
  description: 'every method, resnet20-gn, label shift, 4 corruptions × 2000 images (~10 min on 2 cores)',
  methods: ['source', 'norm', 'tent', 'eata', 'sar', 'deyo', 'tent+come', 'deyo+come', 'zerosiam'],
  models: ['resnet20-gn'],
  output: 'results/quick.jsonl',
  reportDir: 'results/quick',
  scenario: {
    name: 'label-shift',
    corruptions: ['gaussian_noise', 'defocus_blur', 'fog', 'contrast'],
    samplesPerDomain: 2000,
    // T/K as in SAR: each class is the major class for one block.
    blockLength: 200,
  },
};
export default quick;
