/** Options every backend accepts; backends may read more. */
export interface BackendSetupOptions {
  /** Worker threads for multi-threaded backends (opt-in, experimental for wasm in Node). */
  readonly threads?: number;
  /** Where log lines go; defaults to console.info. */
  readonly log?: (message: string) => void;
  readonly [key: string]: unknown;
}

/** One compute backend: a thin adapter that imports its tfjs backend inside `setup()`. */
export interface ComputeBackend {
  readonly specificationVersion: 'v1';
  /** Our name, e.g. `wasm`, `webgpu`, `tfjs-node-gpu`. */
  readonly name: string;
  /** The tfjs backend name it activates, e.g. `wasm`, `tensorflow`. */
  readonly tfjsName: string;
  /** Higher runs first under `auto`. cpu 0, wasm 10, webgpu (hardware) 30, tfjs-node 20, tfjs-node-gpu 40. */
  readonly priority: number;
  /** Whether it can run here; never throws. */
  isSupported(): Promise<boolean>;
  /** Import, register and activate the backend; returns a one-line description of what runs. */
  setup(options?: BackendSetupOptions): Promise<string>;
}
