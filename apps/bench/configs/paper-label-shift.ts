import type { PresetConfig } from '../src/config/bench-config';

/** Table 3: online imbalanced label shift (IR 500,000), bs 64, 15 corruptions, full test split. */
const preset: PresetConfig = {
  description: 'Table 3: label shift (IR 500000), bs 64, 15 corruptions × 10k images',
  methods: ['source', 'norm', 'tent', 'eata', 'sar', 'deyo', 'deyo+come', 'zerosiam'],
  output: 'results/paper-label-shift.jsonl',
  reportDir: 'results/paper-label-shift',
  scenario: { name: 'label-shift', batchSize: 64, imbalanceRatios: [500000] },
};
export default preset;
