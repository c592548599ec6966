// Messages between the demo page (main thread) and the adaptation worker.

/** The scenarios the demo offers; each maps to a stream builder of @zerosiam/streams. */
export type DemoScenario = 'label-shift' | 'batch-size-1' | 'mixed';

/** `auto` (webgpu on a hardware adapter, else wasm, else cpu) or one forced by the page's `?backend=` parameter. */
export type DemoBackendRequest = 'auto' | 'webgpu' | 'wasm' | 'cpu';
export const demoBackendRequests: readonly DemoBackendRequest[] = ['auto', 'webgpu', 'wasm', 'cpu'];

export interface DemoRunConfig {
  /** Absolute URL of the site's `generated/` folder (wasm binaries, weights, data). */
  readonly assetsUrl: string;
  readonly corruption: string;
  readonly severity: number;
  readonly scenario: DemoScenario;
  /** Method ids from the @zerosiam/methods registry, run side by side on the same stream. */
  readonly methods: readonly string[];
  /** Test images drawn from the Fashion-MNIST test split before corrupting them. */
  readonly samples: number;
  /** Batch size of the label-shift and mixed streams (batch-size-1 always uses 1). */
  readonly batchSize: number;
  /** Stop after this many batches (0: the whole stream). */
  readonly maxBatches: number;
  readonly seed: number;
  /** Read once per worker: the first run's request starts the backend, later runs reuse it. */
  readonly backend: DemoBackendRequest;
}

export type DemoRequest =
  | { readonly type: 'run'; readonly config: DemoRunConfig }
  | { readonly type: 'stop' };

export interface DemoModelInfo {
  readonly id: string;
  /** False when no shipped weights were found and the model is a seeded, untrained initialisation. */
  readonly trained: boolean;
  readonly cleanTestAccuracy?: number;
  readonly source: string;
}

export interface DemoPoint {
  readonly method: string;
  /** Samples seen so far by this method. */
  readonly samples: number;
  readonly batches: number;
  /** Cumulative online accuracy (predict-before-update), a fraction. */
  readonly accuracy: number;
  /** Mean L2 norm of this batch's prediction logits. */
  readonly logitNorm: number;
}

export type DemoEvent =
  | { readonly type: 'status'; readonly text: string }
  | {
      readonly type: 'ready';
      /** The backend that runs ('webgpu', 'wasm' or 'cpu'). */
      readonly backendName: string;
      /** Its description, plus why a faster backend was not used. */
      readonly backend: string;
      readonly model: DemoModelInfo;
      readonly scenario: string;
    }
  | { readonly type: 'point'; readonly point: DemoPoint }
  | {
      readonly type: 'done';
      readonly stopped: boolean;
      readonly results: ReadonlyArray<{
        method: string;
        accuracy: number;
        samples: number;
        imagesPerSecond: number;
      }>;
    }
  | { readonly type: 'error'; readonly message: string };
