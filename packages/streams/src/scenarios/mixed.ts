import type { DomainSource } from './domain-source';
import { createPlanStream } from './plan-stream';
import { commonOptionKeys, resolveCommon } from './resolve-options';
import { concatPlans, domainPlan, reorderPlan } from './sample-plan';
import type { ScenarioDefinition, ScenarioOptions, ScenarioRun } from './scenario';

const optionKeys = commonOptionKeys;

/**
 * Mixed domains (SAR/ZeroSiam `mix_shifts`, DM mixed, TTAB CrossMixture): every sample of every
 * domain exactly once, globally shuffled into one stream without resets. Report the per-domain
 * breakdown from `batch.domains`. All domains are held in memory while the stream runs.
 */
export function mixed(source: DomainSource, options: ScenarioOptions = {}): ScenarioRun {
  const common = resolveCommon('mixed', source, options, optionKeys);
  const pooled = concatPlans(source.names.map((_, domain) => domainPlan(domain, common.pool(domain))));
  const plan = reorderPlan(pooled, common.rng.fork('mix').permutation(pooled.indices.length));
  return {
    scenario: 'mixed',
    seed: common.seed,
    phases: [
      {
        name: 'mixed',
        mode: 'adapt',
        resetBefore: true,
        stream: createPlanStream({
          source,
          plan,
          batchSize: common.batchSize,
          scenario: 'mixed',
          seed: common.seed,
          resetPolicy: 'never',
          breakOnDomainChange: false,
        }),
      },
    ],
  };
}

export const mixedScenario: ScenarioDefinition = Object.freeze({
  id: 'mixed',
  description: 'all domains pooled and shuffled into one stream, no reset (SAR/ZeroSiam mix_shifts)',
  optionKeys,
  create: mixed,
});
