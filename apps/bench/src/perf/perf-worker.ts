import * as tf from '@tensorflow/tfjs-core';
import { createModel, encodeSafetensors, readModelStateDict } from '@zerosiam/models';
import { readAndDispose } from '@zerosiam/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MethodStepSession, perfImages, type SoakRecord, type StepMeasurement } from './measure-method-step';
import { assertNoDeviceErrors } from '../cli/optional-backend';
import { selectBenchBackend } from '../cli/select-bench-backend';

/** What the parent asks one child process to measure (one backend/thread configuration). */
export interface PerfWorkerSpec {
  readonly backend: string;
  readonly threads?: number;
  /** false: wasm keeps tfjs' stock BatchMatMul and depthwise conv (the `--wasm-kernels=stock` comparison). */
  readonly simdKernels?: boolean;
  /** Dawn backend for `webgpu` in Node (e.g. `opengles` for Mesa's llvmpipe); default: Dawn's choice. */
  readonly dawnBackend?: string;
  readonly models: readonly string[];
  readonly methods: readonly string[];
  readonly batches: readonly number[];
  readonly steps: number;
  readonly warmup: number;
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  readonly seed: number;
  readonly profile: boolean;
  /** When set, write `<model>-b<batch>.safetensors` (weights, images, first logits) here for PyTorch. */
  readonly exportDir?: string;
  readonly soak?: { readonly steps: number; readonly every: number };
}

export interface PerfCell extends StepMeasurement {
  readonly model: string;
  readonly backend: string;
  readonly backendDescription: string;
  readonly threads: number;
  readonly weightsFile?: string;
}

export interface PerfWorkerResult {
  readonly backend: string;
  readonly backendDescription: string;
  readonly threads: number;
  readonly cells: readonly PerfCell[];
  readonly error?: string;
}

/**
 * Writes the model's weights (PyTorch layout), the images (NHWC) and its logits on them. Reads are
 * awaited, so this works on WebGPU in Node too.
 */
async function exportForTorch(
  model: ReturnType<typeof createModel>,
  images: tf.Tensor4D,
  file: string,
): Promise<void> {
  const tensors = await readModelStateDict(model);
  const logits = tf.tidy(() => model.forward(images));
  tensors.set('__images__', { shape: [...images.shape], data: new Float32Array(await images.data()) });
  tensors.set('__logits__', {
    shape: [...logits.shape],
    data: new Float32Array(await readAndDispose(logits)),
  });
  writeFileSync(file, encodeSafetensors(tensors, { model: model.id }));
}

/** Runs every cell of `spec` in this process (after activating its backend). */
export async function runPerfWorker(
  spec: PerfWorkerSpec,
  log: (line: string) => void,
  onSoak?: (record: SoakRecord) => void,
): Promise<PerfWorkerResult> {
  const backendDescription = await selectBenchBackend(spec.backend, log, {
    ...(spec.threads !== undefined ? { threads: spec.threads } : {}),
    ...(spec.simdKernels !== undefined ? { simdKernels: spec.simdKernels } : {}),
    ...(spec.dawnBackend !== undefined ? { dawnBackend: spec.dawnBackend } : {}),
  });
  const threads = spec.threads ?? 1;
  const cells: PerfCell[] = [];
  for (const modelId of spec.models) {
    for (const batchSize of spec.batches) {
      // One session per method, each on its own fresh model (same seeded weights), stepped
      // round-robin so that the shared machine's load changes hit every method alike.
      const entries: {
        method: string;
        model: ReturnType<typeof createModel>;
        images: tf.Tensor4D;
        session?: MethodStepSession;
      }[] = [];
      let weightsFile: string | undefined;
      try {
        for (const method of spec.methods) {
          const model = createModel(modelId, {
            inputShape: [...spec.inputShape] as [number, number, number],
            numClasses: spec.numClasses,
            seed: spec.seed,
          });
          const images = perfImages(model, batchSize, spec.seed);
          entries.push({ method, model, images });
          if (spec.exportDir && weightsFile === undefined) {
            mkdirSync(spec.exportDir, { recursive: true });
            weightsFile = join(spec.exportDir, `${modelId}-b${batchSize}.safetensors`);
            await exportForTorch(model, images, weightsFile);
          }
        }
        for (const entry of entries) {
          entry.session = new MethodStepSession(entry.model, {
            method: entry.method,
            batchSize,
            steps: spec.soak ? spec.soak.steps : spec.steps,
            warmup: spec.warmup,
            images: entry.images,
            profile: spec.profile,
            ...(spec.soak ? { recordEvery: spec.soak.every, ...(onSoak ? { onRecord: onSoak } : {}) } : {}),
          });
          await entry.session.warmup();
        }
        log(
          `[perf] ${backendDescription} ${modelId} b${batchSize}: ${spec.methods.join(', ')} (interleaved)`,
        );
        const steps = spec.soak ? spec.soak.steps : spec.steps;
        for (let step = 0; step < steps; step++) {
          for (const entry of entries) await entry.session!.timedStep();
        }
        const tensorsAfter = tf.memory().numTensors;
        assertNoDeviceErrors(`${modelId} at batch ${batchSize} on ${backendDescription}`);
        for (const entry of entries) {
          const measurement = await entry.session!.finish(tensorsAfter);
          entry.session = undefined;
          cells.push({
            ...measurement,
            model: modelId,
            backend: spec.backend,
            backendDescription,
            threads,
            ...(weightsFile ? { weightsFile } : {}),
          });
        }
      } finally {
        for (const entry of entries) {
          if (entry.session) await entry.session.finish().catch(() => undefined);
          entry.images.dispose();
          entry.model.dispose();
        }
      }
    }
  }
  return { backend: spec.backend, backendDescription, threads, cells };
}
