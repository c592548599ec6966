import { InvalidArgumentError, describeValue } from '@zerosiam/core';
import type { DomainSource } from './domain-source';
import { createNoiseStream } from './noise-stream';
import { createPlanStream } from './plan-stream';
import { checkNumberOption, commonOptionKeys, maybeShuffled, resolveCommon } from './resolve-options';
import { domainPlan } from './sample-plan';
import type { ScenarioDefinition, ScenarioOptions, ScenarioPhase, ScenarioRun } from './scenario';

const optionKeys = [
  ...commonOptionKeys,
  'shuffle',
  'noiseLength',
  'noiseStd',
  'noiseMean',
  'evaluationMode',
] as const;

/**
 * Gaussian-noise pre-adaptation (reported in the ZeroSiam paper; parameters unpublished, so the
 * defaults — 1000 images of N(0.5, 0.5²) clipped to [0, 1] — are our choice). Per domain: reset,
 * adapt on pure noise (not scored), then run the domain (adapting by default, or frozen).
 */
export function noisePreAdaptation(source: DomainSource, options: ScenarioOptions = {}): ScenarioRun {
  const common = resolveCommon('noise-pre-adaptation', source, options, optionKeys);
  const noiseLength = options.noiseLength ?? 1000;
  const noiseStd = options.noiseStd ?? 0.5;
  const noiseMean = options.noiseMean ?? 0.5;
  checkNumberOption('noise-pre-adaptation', 'noiseLength', noiseLength, { min: 1, integer: true });
  checkNumberOption('noise-pre-adaptation', 'noiseStd', noiseStd, { min: 0 });
  checkNumberOption('noise-pre-adaptation', 'noiseMean', noiseMean, { min: Number.NEGATIVE_INFINITY });
  const evaluationMode = options.evaluationMode ?? 'adapt';
  if (evaluationMode !== 'adapt' && evaluationMode !== 'frozen') {
    throw new InvalidArgumentError({
      functionName: "scenario 'noise-pre-adaptation'",
      argument: 'evaluationMode',
      expected: "'adapt' or 'frozen'",
      received: describeValue(evaluationMode),
    });
  }
  const shuffle = options.shuffle ?? true;
  const phases: ScenarioPhase[] = [];
  source.names.forEach((name, domain) => {
    phases.push({
      name: `${name}/noise`,
      mode: 'adapt-only',
      resetBefore: true,
      stream: createNoiseStream({
        length: noiseLength,
        std: noiseStd,
        mean: noiseMean,
        imageShape: source.imageShape,
        numClasses: source.numClasses,
        normalization: source.normalization,
        batchSize: common.batchSize,
        seed: common.seed,
        scenario: 'noise-pre-adaptation',
      }),
    });
    phases.push({
      name: `${name}/evaluation`,
      mode: evaluationMode,
      resetBefore: false,
      stream: createPlanStream({
        source,
        plan: domainPlan(domain, maybeShuffled(common.pool(domain), shuffle, common.rng, name)),
        batchSize: common.batchSize,
        scenario: 'noise-pre-adaptation',
        seed: common.seed,
        resetPolicy: 'per-domain',
        breakOnDomainChange: true,
      }),
    });
  });
  return { scenario: 'noise-pre-adaptation', seed: common.seed, phases };
}

export const noisePreAdaptationScenario: ScenarioDefinition = Object.freeze({
  id: 'noise-pre-adaptation',
  description:
    'adapt on pure Gaussian noise first, then run each domain (ZeroSiam robustness test; our parameters)',
  optionKeys,
  create: noisePreAdaptation,
});
