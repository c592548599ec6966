import type { PresetConfig } from '../src/config/bench-config';

/** Table 10 (objectives): each objective alone (Tent) and with the asymmetric alignment (ZeroSiam). */
const objectives = ['entropy', 'slr', 'ce', 'neg-p2'];
const preset: PresetConfig = {
  description: 'Table 10: objectives with and without the ZeroSiam asymmetry',
  methods: objectives.flatMap((objective) => [
    `tent[objective=${objective}]`,
    `zerosiam[objective=${objective}]`,
  ]),
  output: 'results/ablation-objective.jsonl',
  reportDir: 'results/ablation-objective',
  scenario: {
    name: 'label-shift',
    corruptions: ['gaussian_noise', 'defocus_blur', 'fog', 'contrast'],
    samplesPerDomain: 2000,
    steps: 2000,
  },
};
export default preset;
