import type { PresetConfig } from '../src/config/bench-config';

/**
 * Learning-rate selection on the 4 validation corruptions only (speckle_noise, gaussian_blur,
 * spatter, saturate), never on the 15 test corruptions. Each entry sets B, the rule's base rate
 * (`[baseLearningRate=…]`, read by the bench, not the method), so the choice carries over to
 * other batch sizes through the rule; ZeroSiam also searches its predictor lr multiplier. Sized
 * like `quick` per cell (640 images, T = 640, Fisher on 500), with 24 entries × 4 corruptions =
 * 96 cells instead of quick's 36. Then `pnpm bench select-rates results/tune.jsonl` writes the
 * winners to configs/tuned-rates.json, which `method.baseLearningRate: 'tuned'` reads.
 * A tuned entry applies to its own stream shape only: for `paper-mixed`, add
 * `--scenario.name=mixed --scenario.samplesPerDomain=2000 --scenario.steps=0`, which pools the
 * same 4 corruptions into one never-reset stream (docs/bench.md, learning rates).
 */
const baseRates = [2.5e-4, 1e-3, 4e-3];
const predictorScales = [1, 10, 100];
const baselines = ['tent', 'eata', 'sar', 'deyo', 'deyo+come'];

const tune: PresetConfig = {
  description: 'lr tuning on the 4 validation corruptions only: B × predictor multiplier, then select-rates',
  methods: [
    ...baselines.flatMap((method) => baseRates.map((base) => `${method}[baseLearningRate=${base}]`)),
    ...baseRates.flatMap((base) =>
      predictorScales.map(
        (scale) => `zerosiam[baseLearningRate=${base},predictorLearningRateScale=${scale}]`,
      ),
    ),
  ],
  models: ['resnet20-gn'],
  method: { fisherSamples: 500 },
  output: 'results/tune.jsonl',
  reportDir: 'results/tune',
  scenario: {
    name: 'label-shift',
    corruptions: ['speckle_noise', 'gaussian_blur', 'spatter', 'saturate'],
    samplesPerDomain: 640,
    steps: 640,
  },
};
export default tune;
