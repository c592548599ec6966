import type { Batch, LabeledImageSet, Stream, StreamInfo } from '@zerosiam/core';
import { InvalidArgumentError, describeValue } from '@zerosiam/core';
import type { DomainSource } from './domain-source';
import type { SamplePlan } from './sample-plan';

export interface PlanStreamOptions {
  readonly source: DomainSource;
  /** A function so the plan can be built lazily (e.g. blind-spot needs the model's mistakes first). */
  readonly plan: SamplePlan | (() => SamplePlan | Promise<SamplePlan>);
  /** Samples the plan holds; required when `plan` is lazy (the stream must report its length up front). */
  readonly length?: number;
  readonly batchSize: number;
  readonly scenario: string;
  readonly seed: number;
  readonly resetPolicy: StreamInfo['resetPolicy'];
  /** End a batch where the domain changes, so no batch mixes two domains (sequential scenarios). */
  readonly breakOnDomainChange: boolean;
}

/** Validates a batch size: a positive integer (1 included). */
export function checkBatchSize(functionName: string, batchSize: unknown, argument = 'batchSize'): void {
  if (!Number.isInteger(batchSize) || (batchSize as number) < 1) {
    throw new InvalidArgumentError({
      functionName,
      argument,
      expected: 'a positive integer (1 for single-sample adaptation)',
      received: describeValue(batchSize),
    });
  }
}

/**
 * Turns a plan into a re-iterable Stream. Every iteration restarts from the first sample; the
 * final partial batch is kept (no drop_last). A domain is released back to its source after its
 * last use in the plan, so sequential scenarios hold one domain in memory at a time.
 */
export function createPlanStream(options: PlanStreamOptions): Stream {
  checkBatchSize('createPlanStream', options.batchSize);
  const { source } = options;
  const eager = typeof options.plan === 'function' ? undefined : options.plan;
  const length = eager ? eager.indices.length : options.length;
  if (!Number.isInteger(length) || (length as number) < 0) {
    throw new InvalidArgumentError({
      functionName: 'createPlanStream',
      argument: 'length',
      expected: 'the number of samples of the lazy plan',
      received: describeValue(length),
    });
  }
  const [height, width, channels] = source.imageShape;
  const imageSize = height * width * channels;
  const info: StreamInfo = {
    scenario: options.scenario,
    domains: source.names,
    numClasses: source.numClasses,
    imageShape: source.imageShape,
    normalization: source.normalization,
    length: length as number,
    batchSize: options.batchSize,
    seed: options.seed,
    resetPolicy: options.resetPolicy,
  };

  async function* batches(): AsyncGenerator<Batch> {
    const plan = eager ?? (await (options.plan as () => SamplePlan | Promise<SamplePlan>)());
    if (plan.indices.length !== info.length) {
      throw new InvalidArgumentError({
        functionName: 'createPlanStream',
        argument: 'plan',
        expected: `${info.length} samples (the stream's declared length)`,
        received: `${plan.indices.length} samples`,
      });
    }
    const lastUse = new Map<number, number>();
    for (const [position, domain] of plan.domains.entries()) lastUse.set(domain, position);
    const loaded = new Map<number, LabeledImageSet>();
    const total = plan.indices.length;
    let start = 0;
    while (start < total) {
      let end = Math.min(start + options.batchSize, total);
      if (options.breakOnDomainChange) {
        const domain = plan.domains[start];
        for (let position = start + 1; position < end; position++) {
          if (plan.domains[position] !== domain) {
            end = position;
            break;
          }
        }
      }
      const count = end - start;
      const images = new Float32Array(count * imageSize);
      const labels = new Int32Array(count);
      const domains = plan.domains.slice(start, end);
      const indices = plan.indices.slice(start, end);
      for (let slot = 0; slot < count; slot++) {
        const domain = domains[slot]!;
        let set = loaded.get(domain);
        if (!set) {
          set = await source.load(domain);
          loaded.set(domain, set);
        }
        const index = indices[slot]!;
        images.set(set.images.subarray(index * imageSize, (index + 1) * imageSize), slot * imageSize);
        labels[slot] = set.labels[index]!;
      }
      for (const domain of new Set(domains)) {
        if (lastUse.get(domain)! < end) {
          loaded.delete(domain);
          source.release(domain);
        }
      }
      yield { images, shape: [count, height, width, channels], labels, domains, indices };
      start = end;
    }
  }

  return { specificationVersion: 'v1', info, [Symbol.asyncIterator]: batches };
}
