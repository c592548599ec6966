import { InvalidArgumentError, SeededRng, describeValue } from '@zerosiam/core';
import { blindSpotOrder } from './blind-spot-order';
import type { DomainSource } from './domain-source';
import { checkBatchSize, createPlanStream } from './plan-stream';
import { checkNumberOption, commonOptionKeys, maybeShuffled, resolveCommon } from './resolve-options';
import { domainPlan } from './sample-plan';
import type { ScenarioDefinition, ScenarioOptions, ScenarioPhase, ScenarioRun } from './scenario';

const optionKeys = [
  ...commonOptionKeys,
  'wrongIndices',
  'targetLength',
  'adaptBatchSize',
  'alignSeed',
] as const;

/**
 * ZeroSiam's blind-spot test (`incorrect_labels_k1`, methods.md §2.3). Per domain: reset, adapt
 * (scores not counted) on the samples the unadapted model gets wrong, aligned to `targetLength`
 * at batch size 1; then evaluate the adapted model frozen on the whole domain, shuffled, at
 * `batchSize`. `wrongIndices` is called lazily when the adaptation stream starts, so the runner
 * can compute it with the source model right after the reset.
 */
export function blindSpot(source: DomainSource, options: ScenarioOptions = {}): ScenarioRun {
  const common = resolveCommon('blind-spot', source, options, optionKeys);
  const { wrongIndices } = options;
  if (typeof wrongIndices !== 'function') {
    throw new InvalidArgumentError({
      functionName: "scenario 'blind-spot'",
      argument: 'wrongIndices',
      expected: '(domain, name) => the sample indices the unadapted model misclassifies',
      received: describeValue(wrongIndices),
      fix: 'run the source model on each domain (bs 1, no shuffle) and return the indices of wrong top-1 predictions.',
    });
  }
  const adaptBatchSize = options.adaptBatchSize ?? 1;
  checkBatchSize("scenario 'blind-spot'", adaptBatchSize, 'adaptBatchSize');
  const alignSeed = options.alignSeed ?? 2025;
  checkNumberOption('blind-spot', 'alignSeed', alignSeed, { min: Number.MIN_SAFE_INTEGER, integer: true });
  const phases: ScenarioPhase[] = [];
  source.names.forEach((name, domain) => {
    const pool = common.pool(domain);
    const targetLength = options.targetLength ?? pool.length;
    checkNumberOption('blind-spot', 'targetLength', targetLength, { min: 1, integer: true });
    const inPool = new Set(pool);
    phases.push({
      name: `${name}/adaptation`,
      mode: 'adapt-only',
      resetBefore: true,
      stream: createPlanStream({
        source,
        length: targetLength,
        plan: async () => {
          const wrong = Array.from(await wrongIndices(domain, name)).filter((index) => inPool.has(index));
          return domainPlan(domain, blindSpotOrder(wrong, targetLength, new SeededRng(alignSeed)));
        },
        batchSize: adaptBatchSize,
        scenario: 'blind-spot',
        seed: common.seed,
        resetPolicy: 'per-domain',
        breakOnDomainChange: true,
      }),
    });
    phases.push({
      name: `${name}/evaluation`,
      mode: 'frozen',
      resetBefore: false,
      stream: createPlanStream({
        source,
        plan: domainPlan(domain, maybeShuffled(pool, true, common.rng, name)),
        batchSize: common.batchSize,
        scenario: 'blind-spot',
        seed: common.seed,
        resetPolicy: 'per-domain',
        breakOnDomainChange: true,
      }),
    });
  });
  return { scenario: 'blind-spot', seed: common.seed, phases };
}

export const blindSpotScenario: ScenarioDefinition = Object.freeze({
  id: 'blind-spot',
  description:
    'adapt at bs 1 on the source model’s mistakes only, then evaluate frozen on the whole domain (ZeroSiam)',
  optionKeys,
  create: blindSpot,
});
