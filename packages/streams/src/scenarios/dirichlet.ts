import type { DomainSource } from './domain-source';
import { dirichletOrder } from './dirichlet-order';
import { createPlanStream } from './plan-stream';
import { checkNumberOption, commonOptionKeys, resolveCommon } from './resolve-options';
import { concatPlans, domainPlan, planLabels, reorderPlan } from './sample-plan';
import type { ScenarioDefinition, ScenarioOptions, ScenarioPhase, ScenarioRun } from './scenario';

const optionKeys = [...commonOptionKeys, 'concentration', 'minChunkSize', 'mixDomains'] as const;

/**
 * Temporally correlated labels by NOTE's Dirichlet algorithm (DM `correlated`, TTAB non-i.i.d.):
 * per domain with reset by default; with `mixDomains` all domains are pooled first and the labels
 * of the pooled stream are correlated (mix ∘ correlate, one stream, no reset).
 */
export function dirichlet(source: DomainSource, options: ScenarioOptions = {}): ScenarioRun {
  const common = resolveCommon('dirichlet', source, options, optionKeys);
  const concentration = options.concentration ?? 0.1;
  checkNumberOption('dirichlet', 'concentration', concentration, { min: Number.MIN_VALUE, hint: 'δ > 0' });
  if (options.minChunkSize !== undefined) {
    checkNumberOption('dirichlet', 'minChunkSize', options.minChunkSize, { min: 1, integer: true });
  }
  const stream = (plan: ReturnType<typeof domainPlan>, mixedDomains: boolean) =>
    createPlanStream({
      source,
      plan,
      batchSize: common.batchSize,
      scenario: 'dirichlet',
      seed: common.seed,
      resetPolicy: mixedDomains ? 'never' : 'per-domain',
      breakOnDomainChange: !mixedDomains,
    });
  const correlate = (plan: ReturnType<typeof domainPlan>, label: string) =>
    reorderPlan(
      plan,
      dirichletOrder(planLabels(plan, source.labels), {
        concentration,
        numClasses: source.numClasses,
        minChunkSize: options.minChunkSize,
        rng: common.rng.fork(`dirichlet:${label}`),
      }),
    );
  if (options.mixDomains) {
    const pooled = concatPlans(source.names.map((_, domain) => domainPlan(domain, common.pool(domain))));
    const phase: ScenarioPhase = {
      name: 'dirichlet-mixed',
      mode: 'adapt',
      resetBefore: true,
      stream: stream(correlate(pooled, 'mixed'), true),
    };
    return { scenario: 'dirichlet', seed: common.seed, phases: [phase] };
  }
  return {
    scenario: 'dirichlet',
    seed: common.seed,
    phases: source.names.map((name, domain) => ({
      name,
      mode: 'adapt',
      resetBefore: true,
      stream: stream(correlate(domainPlan(domain, common.pool(domain)), name), false),
    })),
  };
}

export const dirichletScenario: ScenarioDefinition = Object.freeze({
  id: 'dirichlet',
  description:
    "temporally correlated labels by NOTE's Dirichlet(δ) algorithm, per domain or mixed (DM correlated)",
  optionKeys,
  create: dirichlet,
});
