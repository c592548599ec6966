import type { DomainSource } from './domain-source';
import { createPlanStream } from './plan-stream';
import { commonOptionKeys, maybeShuffled, resolveCommon } from './resolve-options';
import { domainPlan } from './sample-plan';
import type { ScenarioDefinition, ScenarioOptions, ScenarioRun } from './scenario';

const optionKeys = [...commonOptionKeys, 'shuffle'] as const;

/**
 * Reset-each-shift (episodic per corruption; Tent, SAR, EATA, DeYO, ZeroSiam `normal`, DM
 * `reset_each_shift`): one phase per domain, each starting from the source model.
 */
export function resetEachShift(source: DomainSource, options: ScenarioOptions = {}): ScenarioRun {
  const common = resolveCommon('reset-each-shift', source, options, optionKeys);
  const shuffle = options.shuffle ?? true;
  return {
    scenario: 'reset-each-shift',
    seed: common.seed,
    phases: source.names.map((name, domain) => ({
      name,
      mode: 'adapt',
      resetBefore: true,
      stream: createPlanStream({
        source,
        plan: domainPlan(domain, maybeShuffled(common.pool(domain), shuffle, common.rng, name)),
        batchSize: common.batchSize,
        scenario: 'reset-each-shift',
        seed: common.seed,
        resetPolicy: 'per-domain',
        breakOnDomainChange: true,
      }),
    })),
  };
}

export const resetEachShiftScenario: ScenarioDefinition = Object.freeze({
  id: 'reset-each-shift',
  description:
    'each domain separately from the source model (Tent/SAR/ZeroSiam "normal", DM reset_each_shift)',
  optionKeys,
  create: resetEachShift,
});
