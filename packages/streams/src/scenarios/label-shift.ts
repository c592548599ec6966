import type { DomainSource } from './domain-source';
import { labelShiftOrder } from './label-shift-order';
import { createPlanStream } from './plan-stream';
import { checkNumberOption, commonOptionKeys, resolveCommon } from './resolve-options';
import { domainPlan } from './sample-plan';
import type { ScenarioDefinition, ScenarioOptions, ScenarioRun } from './scenario';

const optionKeys = [...commonOptionKeys, 'imbalanceRatio', 'steps'] as const;

/**
 * Online imbalanced label shift (SAR `label_shifts`, ZeroSiam's headline setting): per domain a
 * T-step index stream of class blocks with major-class probability IR/(IR+K−1), drawn with
 * replacement, not shuffled. As in SAR, one index list (built from the first domain's labels) is
 * applied to every domain, and the model is reset per domain. Use batchSize 1 for `label_shifts+bs1`.
 */
export function labelShift(source: DomainSource, options: ScenarioOptions = {}): ScenarioRun {
  const common = resolveCommon('label-shift', source, options, optionKeys);
  const imbalanceRatio = options.imbalanceRatio ?? 500000;
  checkNumberOption('label-shift', 'imbalanceRatio', imbalanceRatio, {
    min: 1,
    allowInfinity: true,
    hint: '1 = i.i.d., 500000 = SAR default',
  });
  const pool = common.pool(0);
  const steps = options.steps ?? 2 * pool.length;
  checkNumberOption('label-shift', 'steps', steps, { min: 1, integer: true });
  const labels = source.labels(0);
  const poolLabels = Int32Array.from(pool, (index) => labels[index]!);
  const positions = labelShiftOrder(poolLabels, {
    imbalanceRatio,
    steps,
    rng: common.rng.fork('label-shift'),
  });
  const indices = Int32Array.from(positions, (position) => pool[position]!);
  return {
    scenario: 'label-shift',
    seed: common.seed,
    phases: source.names.map((name, domain) => ({
      name,
      mode: 'adapt',
      resetBefore: true,
      stream: createPlanStream({
        source,
        plan: domainPlan(domain, indices),
        batchSize: common.batchSize,
        scenario: 'label-shift',
        seed: common.seed,
        resetPolicy: 'per-domain',
        breakOnDomainChange: true,
      }),
    })),
  };
}

export const labelShiftScenario: ScenarioDefinition = Object.freeze({
  id: 'label-shift',
  description:
    'online imbalanced label shift with imbalance ratio IR, per domain with reset (SAR label_shifts)',
  optionKeys,
  create: labelShift,
});
