import type { PresetConfig } from '../src/config/bench-config';

/** Table 2: the 15 corruptions pooled into one shuffled stream, bs 64, never reset. */
const preset: PresetConfig = {
  description: 'Table 2: 15-corruption mixed stream, bs 64, no reset',
  methods: ['source', 'norm', 'tent', 'eata', 'sar', 'deyo', 'deyo+come', 'zerosiam'],
  output: 'results/paper-mixed.jsonl',
  reportDir: 'results/paper-mixed',
  scenario: { name: 'mixed', batchSize: 64, samplesPerDomain: 2000 },
};
export default preset;
