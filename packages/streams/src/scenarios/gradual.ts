import { InvalidArgumentError } from '@zerosiam/core';
import type { DomainSource } from './domain-source';
import { orderDomains, parseDomainName } from './domain-order';
import { createPlanStream } from './plan-stream';
import { commonOptionKeys, maybeShuffled, resolveCommon } from './resolve-options';
import { concatPlans, domainPlan } from './sample-plan';
import type { ScenarioDefinition, ScenarioOptions, ScenarioRun } from './scenario';

const optionKeys = [...commonOptionKeys, 'shuffle', 'order'] as const;

/**
 * Gradual shift (DM/RMT): for each corruption the severity climbs 1→5 and comes back 5→1
 * (1,2,3,4,5,4,3,2,1 with all five present), never resetting; then the next corruption starts.
 * Domains must be named `<corruption>@<severity>`; each visit of a severity is freshly shuffled.
 */
export function gradual(source: DomainSource, options: ScenarioOptions = {}): ScenarioRun {
  const common = resolveCommon('gradual', source, options, optionKeys);
  const shuffle = options.shuffle ?? true;
  const bySeverity = new Map<string, Map<number, number>>();
  for (const domain of orderDomains(source.names, options.order ?? 'canonical', common.rng)) {
    const name = source.names[domain]!;
    const { corruption, severity } = parseDomainName(name);
    if (severity === undefined) {
      throw new InvalidArgumentError({
        functionName: "scenario 'gradual'",
        argument: 'source.names',
        expected: "domain names of the form '<corruption>@<severity>'",
        received: `'${name}'`,
        fix: "name every domain like 'fog@3' and supply each corruption at each severity.",
      });
    }
    if (!bySeverity.has(corruption)) bySeverity.set(corruption, new Map());
    bySeverity.get(corruption)!.set(severity, domain);
  }
  const plans = [];
  for (const severities of bySeverity.values()) {
    const ascending = Array.from(severities.keys()).sort((a, b) => a - b);
    const path = [...ascending, ...ascending.slice(0, -1).reverse()];
    for (const [visit, severity] of path.entries()) {
      const domain = severities.get(severity)!;
      const name = source.names[domain]!;
      plans.push(
        domainPlan(domain, maybeShuffled(common.pool(domain), shuffle, common.rng, `${name}#${visit}`)),
      );
    }
  }
  return {
    scenario: 'gradual',
    seed: common.seed,
    phases: [
      {
        name: 'gradual',
        mode: 'adapt',
        resetBefore: true,
        stream: createPlanStream({
          source,
          plan: concatPlans(plans),
          batchSize: common.batchSize,
          scenario: 'gradual',
          seed: common.seed,
          resetPolicy: 'never',
          breakOnDomainChange: true,
        }),
      },
    ],
  };
}

export const gradualScenario: ScenarioDefinition = Object.freeze({
  id: 'gradual',
  description:
    'per corruption, severity 1→5→1 without reset, corruptions in canonical order (DM/RMT gradual)',
  optionKeys,
  create: gradual,
});
