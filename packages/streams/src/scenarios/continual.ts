import type { DomainSource } from './domain-source';
import { orderDomains } from './domain-order';
import { createPlanStream } from './plan-stream';
import { commonOptionKeys, maybeShuffled, resolveCommon } from './resolve-options';
import { concatPlans, domainPlan } from './sample-plan';
import type { ScenarioDefinition, ScenarioOptions, ScenarioRun } from './scenario';

const optionKeys = [...commonOptionKeys, 'shuffle', 'order'] as const;

/**
 * Continual TTA (CoTTA lineage, DM default): the domains one after another, by default in the
 * canonical corruption order, never resetting. Batches never straddle two domains.
 */
export function continual(source: DomainSource, options: ScenarioOptions = {}): ScenarioRun {
  const common = resolveCommon('continual', source, options, optionKeys);
  const shuffle = options.shuffle ?? true;
  const order = orderDomains(source.names, options.order ?? 'canonical', common.rng);
  const plan = concatPlans(
    order.map((domain) =>
      domainPlan(domain, maybeShuffled(common.pool(domain), shuffle, common.rng, source.names[domain]!)),
    ),
  );
  return {
    scenario: 'continual',
    seed: common.seed,
    phases: [
      {
        name: 'continual',
        mode: 'adapt',
        resetBefore: true,
        stream: createPlanStream({
          source,
          plan,
          batchSize: common.batchSize,
          scenario: 'continual',
          seed: common.seed,
          resetPolicy: 'never',
          breakOnDomainChange: true,
        }),
      },
    ],
  };
}

export const continualScenario: ScenarioDefinition = Object.freeze({
  id: 'continual',
  description: 'all domains in the canonical corruption order, no reset (CoTTA, DM continual)',
  optionKeys,
  create: continual,
});
