import type { PresetConfig } from '../src/config/bench-config';
import ablationDivergence from './ablation-divergence';
import ablationObjective from './ablation-objective';
import ablationPredictor from './ablation-predictor';
import imbalanceSweep from './imbalance-sweep';
import paperBlindSpot from './paper-blind-spot';
import paperBs1 from './paper-bs1';
import paperLabelShift from './paper-label-shift';
import paperMixed from './paper-mixed';
import paperNoise from './paper-noise';
import plugIn from './plug-in';
import quick from './quick';
import smoke from './smoke';
import tune from './tune';

/** Every preset by name (the file name). */
export const presets: Readonly<Record<string, PresetConfig>> = Object.freeze({
  quick,
  'paper-label-shift': paperLabelShift,
  'paper-mixed': paperMixed,
  'paper-bs1': paperBs1,
  'paper-blind-spot': paperBlindSpot,
  'paper-noise': paperNoise,
  'ablation-predictor': ablationPredictor,
  'ablation-objective': ablationObjective,
  'ablation-divergence': ablationDivergence,
  'plug-in': plugIn,
  'imbalance-sweep': imbalanceSweep,
  tune,
  smoke,
});
