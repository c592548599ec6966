import type { PresetConfig } from '../src/config/bench-config';

/**
 * Table 3: online imbalanced label shift (IR 500,000), bs 64, 15 corruptions, full test split. As in
 * SAR's protocol (100k steps for a 50k split), each corruption's stream is T = 2 × the split's
 * 10,000 images long (`scenario.steps` 0 means that default).
 */
const preset: PresetConfig = {
  description:
    'Table 3: label shift (IR 500000), bs 64, 15 corruptions × 20k-sample stream (10k test split, T = 2 × 10k)',
  methods: ['source', 'norm', 'tent', 'eata', 'sar', 'deyo', 'deyo+come', 'zerosiam'],
  output: 'results/paper-label-shift.jsonl',
  reportDir: 'results/paper-label-shift',
  scenario: { name: 'label-shift', batchSize: 64, imbalanceRatios: [500000] },
};
export default preset;
