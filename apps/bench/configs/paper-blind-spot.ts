import type { PresetConfig } from '../src/config/bench-config';

/**
 * Table 6: adapt at bs 1 on the samples the source model misclassifies (class order), then
 * evaluate frozen on the whole corrupted set. No lr doubling.
 */
const preset: PresetConfig = {
  description: 'Table 6: blind-spot subset, adapt bs 1, frozen evaluation',
  methods: ['source', 'norm', 'tent', 'eata', 'sar', 'deyo', 'deyo+come', 'zerosiam'],
  output: 'results/paper-blind-spot.jsonl',
  reportDir: 'results/paper-blind-spot',
  scenario: { name: 'blind-spot', batchSize: 64, adaptBatchSize: 1, samplesPerDomain: 1000 },
};
export default preset;
