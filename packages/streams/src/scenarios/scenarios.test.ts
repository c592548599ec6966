import { InvalidArgumentError, UnknownNameError } from '@zerosiam/core';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { collect, cyclicLabels, makeSet } from '../test-support/make-set';
import { domainsFromSets, lazyDomains } from './domain-source';
import { getScenario, scenarioRegistry } from './get-scenario';
import type { ScenarioRun } from './scenario';

const numClasses = 4;
const names = ['fog@5', 'gaussian_noise@5', 'contrast@5'];
const sets = names.map((name, tag) => makeSet(cyclicLabels(12, numClasses), numClasses, tag, name));
const source = domainsFromSets(sets);

/** (domain, index) of every sample a run emits, with a check that pixels and labels match them. */
async function emitted(run: ScenarioRun, phase = 0): Promise<Array<[number, number]>> {
  const out: Array<[number, number]> = [];
  for (const batch of await collect(run.phases[phase]!.stream)) {
    expect(batch.images.length).toBe(batch.shape[0] * 4);
    for (let s = 0; s < batch.shape[0]; s++) {
      const domain = batch.domains[s]!;
      const index = batch.indices[s]!;
      expect(batch.images[s * 4]).toBeCloseTo((index + 1 + 1000 * domain) / 1e6, 9);
      expect(batch.labels[s]).toBe(sets[domain]!.labels[index]);
      out.push([domain, index]);
    }
  }
  return out;
}

describe('reset-each-shift', () => {
  test.prop([fc.integer({ min: 1, max: 13 }), fc.boolean()], { numRuns: 15 })(
    'batch_size=1 and batch_size>1 emit every sample of every domain exactly once, final partial batch kept',
    async (batchSize, shuffle) => {
      const run = getScenario('reset-each-shift').create(source, { batchSize, shuffle, seed: 3 });
      expect(run.phases).toHaveLength(3);
      for (const [domain, phase] of run.phases.entries()) {
        expect(phase.resetBefore).toBe(true);
        expect(phase.stream.info.resetPolicy).toBe('per-domain');
        const samples = await emitted(run, domain);
        expect(samples.every(([d]) => d === domain)).toBe(true);
        const indices = samples.map(([, index]) => index);
        if (!shuffle) expect(indices).toEqual(Array.from({ length: 12 }, (_, i) => i));
        expect([...indices].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
        const sizes = (await collect(phase.stream)).map((batch) => batch.shape[0]);
        expect(sizes.at(-1)).toBe(12 % batchSize || batchSize);
      }
    },
  );

  it('batch_size=1 without shuffling emits the samples in order', async () => {
    const run = getScenario('reset-each-shift').create(source, { batchSize: 1, shuffle: false });
    const batches = await collect(run.phases[1]!.stream);
    expect(batches).toHaveLength(12);
    expect(batches.map((batch) => batch.indices[0])).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});

describe('continual and gradual', () => {
  it('continual visits domains in canonical order without straddling batches', async () => {
    const run = getScenario('continual').create(source, { batchSize: 5 });
    expect(run.phases).toHaveLength(1);
    expect(run.phases[0]!.stream.info.resetPolicy).toBe('never');
    const batches = await collect(run.phases[0]!.stream);
    for (const batch of batches) expect(new Set(batch.domains).size).toBe(1);
    const order = [...new Set(batches.map((batch) => batch.domains[0]!))].map((d) => names[d]);
    expect(order).toEqual(['gaussian_noise@5', 'fog@5', 'contrast@5']);
    expect(batches.reduce((total, batch) => total + batch.shape[0], 0)).toBe(36);
  });

  it('gradual goes 1→5→1 per corruption', async () => {
    const gradualNames = [5, 4, 3, 2, 1]
      .map((s) => `fog@${s}`)
      .concat([1, 2, 3, 4, 5].map((s) => `snow@${s}`));
    const gradualSource = domainsFromSets(
      gradualNames.map((name, tag) => makeSet(cyclicLabels(3, 2), 2, tag, name)),
    );
    const run = getScenario('gradual').create(gradualSource, { batchSize: 2 });
    const batches = await collect(run.phases[0]!.stream);
    const visited: string[] = [];
    for (const batch of batches) {
      const name = gradualNames[batch.domains[0]!]!;
      if (visited.at(-1) !== name) visited.push(name);
    }
    // Consecutive visits of the same severity never happen, so collapsing repeats gives the path.
    expect(visited).toEqual([
      ...[1, 2, 3, 4, 5, 4, 3, 2, 1].map((s) => `snow@${s}`),
      ...[1, 2, 3, 4, 5, 4, 3, 2, 1].map((s) => `fog@${s}`),
    ]);
    expect(run.phases[0]!.stream.info.length).toBe(18 * 3);
    expect(() => getScenario('gradual').create(domainsFromSets([makeSet([0], 1, 0, 'fog')]))).toThrow(
      /<corruption>@<severity>/,
    );
  });
});

describe('mixed', () => {
  test.prop([fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 10000 })], { numRuns: 10 })(
    'covers every domain equally, each sample once',
    async (batchSize, seed) => {
      const run = getScenario('mixed').create(source, { batchSize, seed });
      const samples = await emitted(run);
      expect(samples).toHaveLength(36);
      expect(new Set(samples.map(([d, i]) => `${d}:${i}`)).size).toBe(36);
      for (let domain = 0; domain < 3; domain++)
        expect(samples.filter(([d]) => d === domain)).toHaveLength(12);
    },
  );

  it('actually interleaves domains and is deterministic for a seed', async () => {
    const a = await emitted(getScenario('mixed').create(source, { seed: 5 }));
    const b = await emitted(getScenario('mixed').create(source, { seed: 5 }));
    const c = await emitted(getScenario('mixed').create(source, { seed: 6 }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a.slice(0, 12).map(([d]) => d)).size).toBeGreaterThan(1);
  });
});

describe('label-shift', () => {
  it('applies one index list of T steps to every domain, with reset per domain', async () => {
    const bigSets = ['fog@5', 'snow@5'].map((name, tag) =>
      makeSet(cyclicLabels(40, numClasses), numClasses, tag, name),
    );
    const run = getScenario('label-shift').create(domainsFromSets(bigSets), {
      imbalanceRatio: 500000,
      steps: 100,
      batchSize: 7,
    });
    expect(run.phases.map((phase) => phase.resetBefore)).toEqual([true, true]);
    const first = (await collect(run.phases[0]!.stream)).flatMap((batch) => Array.from(batch.indices));
    const second = (await collect(run.phases[1]!.stream)).flatMap((batch) => Array.from(batch.indices));
    expect(first).toHaveLength(100);
    expect(second).toEqual(first);
    // Four class blocks of 25 steps.
    const labelRuns = first.map((index) => bigSets[0]!.labels[index]!);
    for (let block = 0; block < 4; block++)
      expect(new Set(labelRuns.slice(25 * block, 25 * block + 25)).size).toBe(1);
  });
});

describe('dirichlet', () => {
  it('per domain permutes each domain; mixDomains pools them into one stream', async () => {
    const perDomain = getScenario('dirichlet').create(source, { concentration: 0.1, batchSize: 4 });
    expect(perDomain.phases).toHaveLength(3);
    const samples = await emitted(perDomain, 2);
    expect(samples.map(([, i]) => i).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const pooled = getScenario('dirichlet').create(source, { concentration: 0.1, mixDomains: true });
    expect(pooled.phases).toHaveLength(1);
    expect(pooled.phases[0]!.stream.info.resetPolicy).toBe('never');
    expect(await emitted(pooled)).toHaveLength(36);
  });
});

describe('blind-spot', () => {
  it('adapts at bs 1 on the aligned mistakes, then evaluates frozen on the whole domain', async () => {
    const asked: number[] = [];
    const run = getScenario('blind-spot').create(source, {
      batchSize: 5,
      targetLength: 8,
      wrongIndices: async (domain) => {
        asked.push(domain);
        return [7, 2, 3];
      },
    });
    expect(run.phases.map((phase) => `${phase.name}:${phase.mode}:${phase.resetBefore}`)).toEqual([
      'fog@5/adaptation:adapt-only:true',
      'fog@5/evaluation:frozen:false',
      'gaussian_noise@5/adaptation:adapt-only:true',
      'gaussian_noise@5/evaluation:frozen:false',
      'contrast@5/adaptation:adapt-only:true',
      'contrast@5/evaluation:frozen:false',
    ]);
    expect(asked).toEqual([]); // lazy until iterated
    const adaptation = await collect(run.phases[2]!.stream);
    expect(asked).toEqual([1]);
    expect(adaptation.every((batch) => batch.shape[0] === 1 && batch.domains[0] === 1)).toBe(true);
    const indices = adaptation.map((batch) => batch.indices[0]);
    expect(indices.slice(0, 6)).toEqual([2, 3, 7, 2, 3, 7]);
    expect(indices).toHaveLength(8);
    const evaluation = await emitted(run, 3);
    expect(evaluation.map(([, i]) => i).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i),
    );
  });

  it('requires wrongIndices', () => {
    expect(() => getScenario('blind-spot').create(source, {})).toThrow(/wrongIndices/);
  });
});

describe('noise-pre-adaptation', () => {
  it('emits clipped Gaussian noise with labels −1, then the domain', async () => {
    const run = getScenario('noise-pre-adaptation').create(source, {
      noiseLength: 10,
      noiseStd: 0.5,
      batchSize: 4,
    });
    expect(run.phases).toHaveLength(6);
    const noise = await collect(run.phases[0]!.stream);
    expect(noise.map((batch) => batch.shape[0])).toEqual([4, 4, 2]);
    const values = noise.flatMap((batch) => Array.from(batch.images));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThanOrEqual(1);
    expect(values.some((v) => v === 0 || v === 1)).toBe(true);
    expect(noise.every((batch) => batch.labels.every((label) => label === -1))).toBe(true);
    const again = await collect(run.phases[0]!.stream);
    expect(again[0]!.images).toEqual(noise[0]!.images);
    expect(run.phases[1]!.mode).toBe('adapt');
    expect(await emitted(run, 1)).toHaveLength(12);
  });
});

describe('subsets, lazy domains and errors', () => {
  it('subset keeps the first n or a seeded random n of every domain', async () => {
    const first = await emitted(
      getScenario('continual').create(source, { subset: { count: 5 }, shuffle: false }),
    );
    expect(first.filter(([d]) => d === 0).map(([, i]) => i)).toEqual([0, 1, 2, 3, 4]);
    const random = await emitted(
      getScenario('mixed').create(source, { subset: { count: 5, mode: 'random' }, seed: 9 }),
    );
    expect(random).toHaveLength(15);
    const kept = (domain: number) =>
      [...new Set(random.filter(([d]) => d === domain).map(([, i]) => i))].sort();
    expect(kept(0)).toEqual(kept(2));
  });

  it('lazy domains are built on demand, once, and released after their last use', async () => {
    const base = makeSet(cyclicLabels(6, 2), 2, 0, 'clean');
    const built: number[] = [];
    const lazy = lazyDomains({
      base,
      names: ['fog@5', 'snow@5'],
      provider: (domain, name) => {
        built.push(domain);
        return { ...makeSet(cyclicLabels(6, 2), 2, domain), name };
      },
    });
    const run = getScenario('continual').create(lazy, { batchSize: 4, order: 'given' });
    expect(built).toEqual([]);
    await collect(run.phases[0]!.stream);
    expect(built).toEqual([0, 1]);
    built.length = 0;
    // Blind-spot reads each domain twice in a row (adaptation, evaluation): built once thanks to keepReleased = 1.
    const blind = getScenario('blind-spot').create(lazy, { wrongIndices: () => [1, 2], targetLength: 3 });
    for (const phase of blind.phases) await collect(phase.stream);
    expect(built).toEqual([0, 1]);
    const broken = lazyDomains({ base, names: ['x'], provider: () => makeSet([0, 1], 2) });
    await expect(collect(getScenario('mixed').create(broken).phases[0]!.stream)).rejects.toThrow(/6 images/);
  });

  it('rejects bad options with typed errors', () => {
    expect(() => getScenario('label-shift').create(source, { imbalanceRatio: 0.5 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => getScenario('mixed').create(source, { batchSize: 0 })).toThrow(/positive integer/);
    expect(() => getScenario('mixed').create(source, { batchSize: 2.5 })).toThrow(InvalidArgumentError);
    expect(() => getScenario('mixed').create(source, { imbalanceRatio: 3 })).toThrow(
      /unknown key 'imbalanceRatio'/,
    );
    expect(() => domainsFromSets([])).toThrow(/non-empty/);
    expect(() => lazyDomains({ base: sets[0]!, names: [], provider: () => sets[0]! })).toThrow(/non-empty/);
    expect(() => getScenario('dirichlet').create(source, { concentration: -1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => getScenario('mixed').create(source, { subset: { count: 0 } })).toThrow(/subset\.count/);
  });

  it('unknown scenario names throw UnknownNameError with a suggestion', () => {
    expect(scenarioRegistry.names).toContain('label-shift');
    try {
      getScenario('label-shfit');
      expect.unreachable();
    } catch (error) {
      expect(UnknownNameError.isInstance(error)).toBe(true);
      expect((error as UnknownNameError).suggestion).toBe('label-shift');
    }
  });
});
