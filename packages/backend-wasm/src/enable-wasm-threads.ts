import * as tf from '@tensorflow/tfjs-core';

/** What `enableWasmThreads` changed, so a failed start can be undone. */
export interface WasmThreadsShim {
  /** Undoes the thread-count override (os.cpus) once the backend has read it. */
  readonly releaseCoreCount: () => void;
  /** Undoes everything: flag, Blob/URL patches, os.cpus, Worker. For a failed start. */
  readonly uninstall: () => void;
}

const mainScriptMarker = 'var WasmBackendModuleThreadedSimd';
// The Node bundle of tfjs-backend-wasm refers to these rollup-generated names inside the
// factory it hands to the worker as text; the worker has to define them itself.
const mainScriptPrelude =
  "var commonjsGlobal = globalThis; var require$$0 = require('fs'), require$$1 = require('path'), " +
  "require$$3 = require('perf_hooks'), require$$4 = require('os');\n";

/**
 * Makes tfjs-backend-wasm's multi-threaded build start in Node (experimental; tfjs switches it
 * off in Node, tfjs issue 3830). Must run before the wasm backend first initialises.
 *
 * 1. WASM_HAS_MULTITHREAD_SUPPORT is forced on and setThreadsCount(threads) is called.
 * 2. Emscripten hands its pthread workers `blob:` URLs, which Node's Worker rejects
 *    (ERR_WORKER_PATH): string Blobs remember their text and URL.createObjectURL writes it to a
 *    temporary .js file and returns the path. The main-script file gets a prelude defining the
 *    bundle's `require$$N` names; the worker file gets a createObjectURL that returns it.
 * 3. The C++ side caps the pool at os.cpus().length / 2, so os.cpus() is padded while the backend
 *    initialises (released by `releaseCoreCount`).
 * 4. worker_threads.Worker is replaced by a subclass that unrefs itself: XNNPACK's idle pthreads
 *    would otherwise keep the process alive forever.
 * The Blob/URL/Worker patches stay for the life of the process (workers are created lazily).
 */
export async function enableWasmThreads(threads: number): Promise<WasmThreadsShim> {
  const [fs, os, path, workerThreads, wasmModule] = await Promise.all([
    import('node:fs'),
    import('node:os'),
    import('node:path'),
    import('node:worker_threads'),
    import('@tensorflow/tfjs-backend-wasm'),
  ]);
  const osModule = (os as unknown as { default: typeof os }).default ?? os;
  const workerModule =
    (workerThreads as unknown as { default: typeof workerThreads }).default ?? workerThreads;

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zerosiam-wasm-threads-'));
  const mainScriptPath = path.join(folder, 'tfjs-backend-wasm-threaded-simd.main.js');
  const written = new Map<string, string>();
  let counter = 0;
  const writeScript = (text: string): string => {
    const existing = written.get(text);
    if (existing !== undefined) return existing;
    let file: string;
    if (text.startsWith(mainScriptMarker)) {
      file = mainScriptPath;
      fs.writeFileSync(file, mainScriptPrelude + text);
    } else {
      file = path.join(folder, `worker-${counter++}.js`);
      fs.writeFileSync(file, `URL.createObjectURL = () => ${JSON.stringify(mainScriptPath)};\n${text}`);
    }
    written.set(text, file);
    return file;
  };

  const OriginalBlob = globalThis.Blob;
  const originalCreateObjectURL = URL.createObjectURL;
  const texts = new WeakMap<Blob, string>();
  class TextRememberingBlob extends OriginalBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      if (parts === undefined || !parts.every((part) => typeof part === 'string')) return;
      const text = parts.join('');
      texts.set(this, text);
      // The main script travels to the workers as a Blob and is never turned into a URL on this
      // side; the workers' createObjectURL returns its file, so write it now.
      if (text.startsWith(mainScriptMarker)) writeScript(text);
    }
  }
  globalThis.Blob = TextRememberingBlob as typeof Blob;
  URL.createObjectURL = (object: Blob) => {
    const text = texts.get(object);
    return text === undefined ? originalCreateObjectURL(object) : writeScript(text);
  };

  const OriginalWorker = workerModule.Worker;
  class UnrefWorker extends OriginalWorker {
    constructor(...args: ConstructorParameters<typeof OriginalWorker>) {
      super(...args);
      this.unref();
    }
    override ref(): void {}
  }
  workerModule.Worker = UnrefWorker;

  const originalCpus = osModule.cpus;
  const paddedCpus = () => {
    const cores = originalCpus();
    const first = cores[0];
    if (first === undefined || cores.length >= 2 * threads) return cores;
    return [...cores, ...Array.from({ length: 2 * threads - cores.length }, () => first)];
  };
  osModule.cpus = paddedCpus;
  const releaseCoreCount = () => {
    if (osModule.cpus === paddedCpus) osModule.cpus = originalCpus;
  };

  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasmModule.setThreadsCount(threads);

  const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
  process.once('exit', removeFolder);
  return {
    releaseCoreCount,
    uninstall: () => {
      releaseCoreCount();
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      wasmModule.setThreadsCount(-1);
      globalThis.Blob = OriginalBlob;
      URL.createObjectURL = originalCreateObjectURL;
      workerModule.Worker = OriginalWorker;
      process.removeListener('exit', removeFolder);
      removeFolder();
    },
  };
}
