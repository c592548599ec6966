import type { StreamEvaluation } from '@zerosiam/eval';
import type { BenchConfig } from '../config/bench-config';
import type { Cell } from '../grid/cell';
import type { SoftwareProvenance } from '../run/software-provenance';
import type { WeightsProvenance } from '../tune/tuned-rates';

/** One line of a results file: a finished cell with everything needed to reproduce it. */
export interface ResultRecord {
  readonly format: 'zerosiam-bench/v1';
  readonly key: string;
  readonly cell: Omit<Cell, 'key'>;
  /**
   * The fully resolved config the cell ran under. `method.baseLearningRate` may read `'tuned'`:
   * the numbers this cell used, and where each came from, are in `cell.learningRates`.
   */
  readonly config: BenchConfig;
  /** The adapted weights: file, sha256 and the model card's clean accuracy (absent in older records). */
  readonly modelWeights?: WeightsProvenance;
  /** Every seed the cell used, by purpose. */
  readonly seeds: Readonly<Record<string, number>>;
  /** The method options actually passed to the factory (learning rates resolved). */
  readonly methodOptions: Readonly<Record<string, unknown>>;
  /** The command line that produced it. */
  readonly command: string;
  readonly backend: string;
  /** The commit, Node version and wasm kernels the cell ran with (absent in older records). */
  readonly software?: SoftwareProvenance;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The phases the scenario ran (streams' ScenarioRun), in order. */
  readonly scenarioPhases?: readonly {
    readonly name: string;
    readonly mode: string;
    readonly resetBefore: boolean;
  }[];
  /** Online evaluation (for blind-spot: the adaptation pass, whose accuracy is not reported). */
  readonly online: StreamEvaluation;
  /** Frozen evaluation after adaptation (blind-spot, noise pre-adaptation); its accuracy is the reported one. */
  readonly frozen?: StreamEvaluation;
  /** The number the tables show: `frozen.accuracy` where there is a frozen evaluation, else `online.accuracy`. */
  readonly accuracy: number;
}
