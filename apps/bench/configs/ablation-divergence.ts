import type { PresetConfig } from '../src/config/bench-config';

/** Table 10 (divergences): the alignment term D(p_o ‖ sg p_r) swapped. */
const preset: PresetConfig = {
  description: 'Table 10: ZeroSiam alignment divergences',
  methods: ['symmetric-kl', 'kl', 'reverse-kl', 'js', 'mse'].map(
    (divergence) => `zerosiam[divergence=${divergence}]`,
  ),
  output: 'results/ablation-divergence.jsonl',
  reportDir: 'results/ablation-divergence',
  scenario: {
    name: 'label-shift',
    corruptions: ['gaussian_noise', 'defocus_blur', 'fog', 'contrast'],
    samplesPerDomain: 2000,
    steps: 2000,
  },
};
export default preset;
