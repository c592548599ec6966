import type { PresetConfig } from '../src/config/bench-config';

/** Plug-and-play: EATA and DeYO with and without the ZeroSiam wrapper. */
const preset: PresetConfig = {
  description: 'plug-in: EATA / DeYO vs ZeroSiam+EATA / ZeroSiam+DeYO',
  methods: ['eata', 'zerosiam+eata', 'deyo', 'zerosiam+deyo', 'zerosiam'],
  output: 'results/plug-in.jsonl',
  reportDir: 'results/plug-in',
  scenario: {
    name: 'label-shift',
    corruptions: ['gaussian_noise', 'defocus_blur', 'fog', 'contrast'],
    samplesPerDomain: 2000,
    steps: 2000,
  },
};
export default preset;
