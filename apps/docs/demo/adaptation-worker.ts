/// <reference lib="webworker" />
// The demo's adaptation runs here, off the main thread, so the page stays responsive. Everything below calls
// the project's own packages; the worker only loads assets, wires them together and reports progress.
import * as tf from '@tensorflow/tfjs-core';
import { takeWebgpuErrors } from '@zerosiam/backend-webgpu';
import type { LabeledImageSet, StepResult, TtaMethod } from '@zerosiam/core';
import { evaluateStream } from '@zerosiam/eval';
import { getMethod } from '@zerosiam/methods';
import { type ModelCard, createModel, loadModelFromBytes } from '@zerosiam/models';
import { fashionMnistDescription, idxImageSet } from '@zerosiam/streams';
import {
  type DemoBackendRequest,
  type DemoEvent,
  type DemoModelInfo,
  type DemoRequest,
  type DemoRunConfig,
  demoBackendRequests,
} from './demo-protocol';
import { buildDemoStream, demoDomains } from './demo-stream';
import { type DemoBackend, startDemoBackend } from './start-demo-backend';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: DemoEvent) => scope.postMessage(event);

interface Loaded {
  readonly backend: DemoBackend;
  readonly testSet: LabeledImageSet;
  readonly card: ModelCard | undefined;
  readonly weights: Uint8Array | undefined;
  readonly modelSource: string;
}

let loaded: Promise<Loaded> | undefined;
let abort: AbortController | undefined;

scope.onmessage = (message: MessageEvent<DemoRequest>) => {
  const request = message.data;
  if (request.type === 'stop') {
    abort?.abort();
    return;
  }
  if (request.type === 'run') {
    abort?.abort();
    const controller = new AbortController();
    abort = controller;
    run(request.config, controller.signal).catch((error: unknown) => {
      post({
        type: 'error',
        message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    });
  }
};

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Backend, data and weights are loaded once per worker; each run builds fresh models from them. */
async function load(assetsUrl: string, requested: DemoBackendRequest): Promise<Loaded> {
  post({
    type: 'status',
    text:
      requested === 'auto' ? 'Starting a backend (WebGPU, else wasm)…' : `Starting the ${requested} backend…`,
  });
  const backend = await startDemoBackend(assetsUrl, requested);

  post({ type: 'status', text: 'Fetching the Fashion-MNIST test split…' });
  const manifest = (await (await fetch(`${assetsUrl}manifest.json`)).json()) as {
    models: Array<{ id: string; weights: string; card: string | null }>;
  };
  const [images, labels] = await Promise.all([
    fetchBytes(`${assetsUrl}data/fashion-mnist/t10k-images-idx3-ubyte.gz`),
    fetchBytes(`${assetsUrl}data/fashion-mnist/t10k-labels-idx1-ubyte.gz`),
  ]);
  const testSet = idxImageSet({
    images,
    labels,
    description: fashionMnistDescription,
    name: 'fashion-mnist/test',
    imagesFileName: 't10k-images-idx3-ubyte.gz',
    labelsFileName: 't10k-labels-idx1-ubyte.gz',
  });

  // Prefer the shipped GroupNorm ResNet-20 (GN models are the standard choice for label shift and batch size 1).
  const entry =
    manifest.models.find((model) => model.id.includes('resnet20-gn') && model.card) ??
    manifest.models.find((model) => model.card);
  if (entry?.card) {
    post({ type: 'status', text: `Fetching the trained weights ${entry.id}…` });
    const [weights, card] = await Promise.all([
      fetchBytes(`${assetsUrl}${entry.weights}`),
      fetch(`${assetsUrl}${entry.card}`).then((response) => response.json() as Promise<ModelCard>),
    ]);
    return { backend, testSet, card, weights, modelSource: `${entry.id}.safetensors` };
  }
  return { backend, testSet, card: undefined, weights: undefined, modelSource: 'none shipped' };
}

/** The demo's stream is the labelled test split, so every batch is scored; null would be a bug. */
function scored(accuracy: number | null): number {
  if (accuracy === null)
    throw new Error(
      'the demo stream arrived without labels (accuracy null); it should be the labelled test split',
    );
  return accuracy;
}

function buildModel(assets: Loaded) {
  if (assets.card && assets.weights)
    return loadModelFromBytes(assets.weights, assets.card, assets.modelSource);
  return createModel('resnet20-gn', {
    inputShape: [28, 28, 1],
    numClasses: 10,
    seed: 0,
    normalization: fashionMnistDescription.normalization,
  });
}

function modelInfo(assets: Loaded): DemoModelInfo {
  if (assets.card && assets.weights) {
    return {
      id: assets.card.architecture,
      trained: true,
      cleanTestAccuracy: assets.card.cleanTestAccuracy,
      source: assets.modelSource,
    };
  }
  return { id: 'resnet20-gn', trained: false, source: 'createModel("resnet20-gn", { seed: 0 }) — untrained' };
}

/** Reports every step's logit norm as it happens (evaluateStream's progress carries the accuracy). */
function observed(method: TtaMethod, onStep: (result: StepResult) => void): TtaMethod {
  return {
    specificationVersion: 'v1',
    id: method.id,
    options: method.options,
    model: method.model,
    async adapt(images) {
      const result = await method.adapt(images);
      onStep(result);
      return result;
    },
    predict: (images) => method.predict(images),
    reset: () => method.reset(),
    dispose: () => method.dispose(),
  };
}

async function run(config: DemoRunConfig, signal: AbortSignal): Promise<void> {
  if (!demoBackendRequests.includes(config.backend)) {
    throw new Error(
      `unknown backend '${String(config.backend)}': expected one of ${demoBackendRequests.join(', ')} (the page's ?backend= parameter)`,
    );
  }
  loaded ??= load(config.assetsUrl, config.backend);
  let assets: Loaded;
  try {
    assets = await loaded;
  } catch (error) {
    loaded = undefined;
    throw error;
  }

  const what = config.scenario === 'mixed' ? 'all 15 corruptions' : config.corruption;
  post({
    type: 'status',
    text: `Corrupting ${config.samples} test images (${what}, severity ${config.severity})…`,
  });
  const domains = demoDomains(config, assets.testSet);

  const runs = config.methods.map((id) => {
    const model = buildModel(assets);
    const method = getMethod(id)(model);
    return { id, model, method, stream: buildDemoStream(config, domains, signal) };
  });
  post({
    type: 'ready',
    backendName: assets.backend.name,
    backend: assets.backend.description,
    model: modelInfo(assets),
    scenario: runs[0]?.stream.info.scenario ?? '',
  });
  post({ type: 'status', text: 'Adapting…' });

  try {
    // Each method runs evaluateStream on its own copy of the same seeded stream. The streams yield to the event
    // loop before every batch, so the loops take turns batch by batch and a Stop message gets through.
    const results = await Promise.all(
      runs.map(async ({ id, method, stream }) => {
        let logitNorm = 0;
        const evaluation = await evaluateStream(
          observed(method, (result) => {
            logitNorm = result.diagnostics.logitNorm;
          }),
          stream,
          {
            memoryProfileSteps: 0,
            signal,
            onBatch: (progress) =>
              post({
                type: 'point',
                point: {
                  method: id,
                  samples: progress.samples,
                  batches: progress.batches,
                  accuracy: scored(progress.accuracy),
                  logitNorm,
                },
              }),
          },
        );
        return {
          method: id,
          accuracy: scored(evaluation.accuracy),
          samples: evaluation.samples,
          imagesPerSecond: evaluation.imagesPerSecond,
        };
      }),
    );
    // WebGPU validation errors never throw: a rejected shader leaves stale data behind, so its numbers are wrong.
    const deviceErrors = takeWebgpuErrors();
    if (deviceErrors.length > 0) {
      throw new Error(
        `the WebGPU device reported ${deviceErrors.length} error(s) during the run (first: ${deviceErrors[0]}), so these accuracies are wrong; reload with ?backend=wasm`,
      );
    }
    post({ type: 'done', stopped: signal.aborted, results });
  } finally {
    for (const { method, model } of runs) {
      method.dispose();
      model.dispose();
    }
    if (tf.memory().numTensors > 0) tf.disposeVariables();
  }
}
