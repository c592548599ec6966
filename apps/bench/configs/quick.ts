import type { PresetConfig } from '../src/config/bench-config';

/**
 * The README's main job: every method on the default model (resnet20-gn, shipped weights) under
 * online imbalanced label shift on a Fashion-MNIST-C subset: 4 corruptions (one per family:
 * noise, blur, weather, digital) × 640 images at batch size 64. Sized for at most 10 minutes on 2
 * cores with the wasm backend; measured 2 min 40 s on 2026-11-23 (two workers, 45–200 images/s per
 * cell). Kept at 640 images so that it matches the `tune` stream its learning rates come from.
 */
const quick: PresetConfig = {
  description: 'every method, resnet20-gn, label shift, 4 corruptions × 640 images (~3 min on 2 cores)',
  methods: ['source', 'norm', 'tent', 'eata', 'sar', 'deyo', 'tent+come', 'deyo+come', 'zerosiam'],
  models: ['resnet20-gn'],
  // EATA's Fisher estimate on 500 clean images instead of 2000, to fit the time budget.
  method: { fisherSamples: 500 },
  output: 'results/quick.jsonl',
  reportDir: 'results/quick',
  scenario: {
    name: 'label-shift',
    corruptions: ['gaussian_noise', 'defocus_blur', 'fog', 'contrast'],
    samplesPerDomain: 640,
    // T = one pass over the subset (SAR uses 2×): each class is the major class for T/K = 64 steps.
    steps: 640,
  },
};
export default quick;
