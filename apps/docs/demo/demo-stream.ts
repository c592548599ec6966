import type { LabeledImageSet, Stream } from '@zerosiam/core';
import { CORRUPTIONS, corruptImages, domainsFromSets, getScenario, selectSubset } from '@zerosiam/streams';
import type { DemoRunConfig } from './demo-protocol';

/** The corrupted domains a demo run adapts on: the chosen corruption, or all fifteen for `mixed`. */
export function demoDomains(config: DemoRunConfig, testSet: LabeledImageSet): LabeledImageSet[] {
  const size = testSet.labels.length;
  if (config.scenario !== 'mixed') {
    const subset = takeSamples(
      testSet,
      selectSubset(size, { count: config.samples, mode: 'random' }, config.seed),
    );
    return [
      corruptImages(subset, {
        corruption: config.corruption as never,
        severity: config.severity,
        seed: config.seed,
      }),
    ];
  }
  // Mixed: every benchmark corruption at the chosen severity, each on its own random share of the samples.
  const perDomain = Math.max(1, Math.ceil(config.samples / CORRUPTIONS.length));
  return CORRUPTIONS.map((corruption, domain) => {
    const indices = selectSubset(
      size,
      { count: perDomain, mode: 'random', seed: config.seed + domain },
      config.seed,
    );
    return corruptImages(takeSamples(testSet, indices), {
      corruption,
      severity: config.severity,
      seed: config.seed,
    });
  });
}

/**
 * One method's stream, from the streams package's scenario registry: label shift (IR 500000, SAR's default), batch
 * size 1 (reset-each-shift at batch size 1, SAR/ZeroSiam `bs1`) or mixed (all domains shuffled into one stream).
 * Built once per method from the same seed, so every method sees the same batches in the same order.
 */
export function buildDemoStream(
  config: DemoRunConfig,
  domains: readonly LabeledImageSet[],
  signal: AbortSignal,
): Stream {
  const names = domains.map((set) => set.name.replace(/^.*@/, ''));
  const source = domainsFromSets(domains, names);
  const batchSize = config.scenario === 'batch-size-1' ? 1 : config.batchSize;
  const scenario = config.scenario === 'batch-size-1' ? 'reset-each-shift' : config.scenario;
  const run = getScenario(scenario).create(source, { seed: config.seed, batchSize });
  const first = run.phases[0];
  if (!first) throw new Error(`scenario '${scenario}' produced no phase`);
  return paced(first.stream, config.maxBatches, signal);
}

/** The images and labels at `indices` (ascending, so the class order of the set is kept). */
function takeSamples(set: LabeledImageSet, indices: Int32Array): LabeledImageSet {
  const [, height, width, channels] = set.shape;
  const size = height * width * channels;
  const images = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  indices.forEach((index, position) => {
    images.set(set.images.subarray(index * size, (index + 1) * size), position * size);
    labels[position] = set.labels[index]!;
  });
  return { ...set, images, labels, shape: [indices.length, height, width, channels] };
}

/**
 * The two demo concerns on top of a scenario's stream: stop after `maxBatches` (0: never) or on abort, and yield a
 * macrotask before every batch, so the worker sees a Stop message and the methods' loops take turns.
 */
function paced(stream: Stream, maxBatches: number, signal: AbortSignal): Stream {
  const limit = maxBatches > 0 ? maxBatches : Number.POSITIVE_INFINITY;
  const batchSize = Math.max(1, stream.info.batchSize);
  return {
    specificationVersion: 'v1',
    info: { ...stream.info, length: Math.min(stream.info.length, limit * batchSize) },
    async *[Symbol.asyncIterator]() {
      let emitted = 0;
      for await (const batch of stream) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (signal.aborted || emitted >= limit) return;
        emitted += 1;
        yield batch;
      }
    },
  };
}
