import type { PresetConfig } from '../src/config/bench-config';

/** Table 4: batch size 1 (shuffled, per-corruption reset); lr doubled for SAR/DeYO/COME/ZeroSiam. */
const preset: PresetConfig = {
  description: 'Table 4: batch size 1, 15 corruptions × 1000 images',
  methods: ['source', 'norm', 'tent', 'eata', 'sar', 'deyo', 'deyo+come', 'zerosiam'],
  output: 'results/paper-bs1.jsonl',
  reportDir: 'results/paper-bs1',
  scenario: { name: 'reset-each-shift', batchSize: 1, samplesPerDomain: 1000 },
};
export default preset;
