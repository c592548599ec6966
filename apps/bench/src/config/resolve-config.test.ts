import { describe, expect, it } from 'vitest';
import { presets } from '../../configs/index';
import { expandCells } from '../grid/cell';
import { parseMethodSpec } from '../grid/method-spec';
import { emptyTunedRates } from '../tune/tuned-rates';
import { ConfigError } from './config-error';
import { parseArguments } from './parse-arguments';
import { resolveConfig } from './resolve-config';

describe('resolveConfig', () => {
  it('applies preset overrides and typed command-line overrides', () => {
    const config = resolveConfig('quick', presets.quick!, [
      { key: 'method.learningRate', value: '1e-3' },
      { key: 'seeds', value: '1,2,3' },
      { key: 'scenario.corruptions', value: 'fog,contrast' },
      { key: 'method.momentum', value: 'null' },
    ]);
    expect(config.preset).toBe('quick');
    expect(config.method.learningRate).toBe(1e-3);
    expect(config.seeds).toEqual([1, 2, 3]);
    expect(config.scenario.corruptions).toEqual(['fog', 'contrast']);
    expect(config.method.momentum).toBeNull();
    // Untouched defaults stay.
    expect(config.scenario.severity).toBe(5);
    expect(config.scenario.samplesPerDomain).toBe(640);
  });

  it('--methods keeps the commas inside a method entry', () => {
    const config = resolveConfig('quick', presets.quick!, [
      {
        key: 'methods',
        value:
          'tent, zerosiam[baseLearningRate=1e-3,predictorLearningRateScale=10],deyo[baseLearningRate=2.5e-4]',
      },
    ]);
    expect(config.methods).toEqual([
      'tent',
      'zerosiam[baseLearningRate=1e-3,predictorLearningRateScale=10]',
      'deyo[baseLearningRate=2.5e-4]',
    ]);
    expect(config.methods.map((entry) => parseMethodSpec(entry).options)).toEqual([
      {},
      { baseLearningRate: 1e-3, predictorLearningRateScale: 10 },
      { baseLearningRate: 2.5e-4 },
    ]);
    // An unclosed bracket stays in its part, for the entry parser to name.
    const unclosed = resolveConfig('quick', presets.quick!, [
      { key: 'methods', value: 'tent,zerosiam[alpha=1' },
    ]);
    expect(unclosed.methods).toEqual(['tent', 'zerosiam[alpha=1']);
    expect(() => parseMethodSpec('zerosiam[alpha=1')).toThrow(ConfigError);
  });

  it('rejects an unknown key, naming it, the nearest key and the valid ones', () => {
    const attempt = () => resolveConfig('quick', presets.quick!, [{ key: 'method.lr', value: '1e-3' }]);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/Unknown config key 'method\.lr'.*Valid keys: .*method\.learningRate/);
  });

  it('suggests the nearest key for a typo', () => {
    expect(() => resolveConfig('quick', presets.quick!, [{ key: 'method.learningRat', value: '1' }])).toThrow(
      /Did you mean 'method\.learningRate'\?/,
    );
  });

  it('rejects wrong types with the expected type', () => {
    expect(() =>
      resolveConfig('quick', presets.quick!, [{ key: 'scenario.batchSize', value: 'big' }]),
    ).toThrow(/'scenario\.batchSize' in the command line must be an integer ≥ 1, but received "big"/);
    expect(() =>
      resolveConfig('quick', presets.quick!, [{ key: 'scenario.batchSize', value: '1.5' }]),
    ).toThrow(/an integer/);
    expect(() => resolveConfig('quick', presets.quick!, [{ key: 'weights', value: 'pretrained' }])).toThrow(
      /one of shipped, fresh/,
    );
    expect(() =>
      resolveConfig('quick', presets.quick!, [{ key: 'method.learningRate', value: 'null' }]),
    ).not.toThrow();
  });

  it("method.baseLearningRate: 'tuned' (the default), a number, or a clear error", () => {
    expect(resolveConfig('quick', presets.quick!).method.baseLearningRate).toBe('tuned');
    const at = (value: string) =>
      resolveConfig('quick', presets.quick!, [{ key: 'method.baseLearningRate', value }]).method
        .baseLearningRate;
    expect(at('2.5e-4')).toBe(2.5e-4);
    expect(at('tuned')).toBe('tuned');
    expect(() => at('tunde')).toThrow(
      /'method\.baseLearningRate' in the command line must be a number ≥ 0 or 'tuned', but received "tunde"/,
    );
    expect(() => at('-1')).toThrow(/a number ≥ 0 or 'tuned'/);
    expect(() => at('null')).toThrow(/but received "null"/);
    // Only this key takes the word.
    expect(() =>
      resolveConfig('quick', presets.quick!, [{ key: 'method.learningRate', value: 'tuned' }]),
    ).toThrow(
      /'method\.learningRate' in the command line must be a number ≥ 0 or null, but received "tuned"/,
    );
    expect(() =>
      resolveConfig('bad', { description: 'x', method: { baseLearningRate: 'auto' } } as never),
    ).toThrow(
      /'method\.baseLearningRate' in preset 'bad' must be a number ≥ 0 or 'tuned', but received "auto"/,
    );
  });

  it('scenario.noiseLength: only with the noise scenario, and it keeps old cell keys at its default', () => {
    const noise = (extra: { key: string; value: string }[] = []) =>
      resolveConfig('paper-noise', presets['paper-noise']!, extra);
    expect(noise().scenario.noiseLength).toBe(0);
    expect(noise([{ key: 'scenario.noiseLength', value: '200' }]).scenario.noiseLength).toBe(200);
    expect(() =>
      resolveConfig('quick', presets.quick!, [{ key: 'scenario.noiseLength', value: '200' }]),
    ).toThrow(
      /scenario\.noiseLength applies to scenario 'noise-pre-adaptation' only, but the scenario is 'label-shift'.*Fix: drop --scenario\.noiseLength/,
    );
    expect(() => noise([{ key: 'scenario.noiseLength', value: '-1' }])).toThrow(/an integer ≥ 0/);
    // A config written before the key existed hashes to the same cells; a set length to others.
    const keys = (config: ReturnType<typeof noise>) => expandCells(config, emptyTunedRates).map((c) => c.key);
    const before = noise() as unknown as { scenario: Record<string, unknown> };
    const withoutKey = { ...before, scenario: { ...before.scenario } };
    delete withoutKey.scenario.noiseLength;
    expect(keys(withoutKey as unknown as ReturnType<typeof noise>)).toEqual(keys(noise()));
    expect(keys(noise([{ key: 'scenario.noiseLength', value: '200' }]))).not.toEqual(keys(noise()));
  });

  it('refuses a gzipped grid output, since cells are appended a line at a time', () => {
    const attempt = () =>
      resolveConfig('quick', presets.quick!, [{ key: 'output', value: 'results/q.jsonl.gz' }]);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/plain JSON-lines file.*'results\/q\.jsonl\.gz'.*write to 'results\/q\.jsonl'/);
  });

  it('checks presets too: unknown keys and wrong types in a preset are errors', () => {
    expect(() => resolveConfig('bad', { description: 'x', scenario: { nmae: 'iid' } } as never)).toThrow(
      /Unknown config key 'scenario\.nmae' in preset 'bad'.*Did you mean 'scenario\.name'/,
    );
    expect(() => resolveConfig('bad', { description: 'x', seeds: ['1'] } as never)).toThrow(
      /'seeds' in preset 'bad' must be/,
    );
  });

  it('every shipped preset resolves', () => {
    for (const [name, preset] of Object.entries(presets))
      expect(() => resolveConfig(name, preset)).not.toThrow();
  });
});

describe('parseArguments', () => {
  it('splits command flags from config overrides', () => {
    const parsed = parseArguments(
      ['grid', 'quick', '--json', '--shard=2/3', '--method.learningRate=1e-3'],
      ['json', 'shard'],
    );
    expect(parsed.command).toBe('grid');
    expect(parsed.positionals).toEqual(['quick']);
    expect(parsed.flags.get('json')).toBe(true);
    expect(parsed.flags.get('shard')).toBe('2/3');
    expect(parsed.overrides).toEqual([{ key: 'method.learningRate', value: '1e-3' }]);
  });

  it('rejects an unknown bare flag', () => {
    expect(() => parseArguments(['grid', '--jsn'], ['json'])).toThrow(/Unknown flag '--jsn'/);
  });
});

describe('parseMethodSpec', () => {
  it('parses options with numbers and booleans', () => {
    expect(parseMethodSpec('zerosiam[predictor=identity,alpha=0.5,stopGradient=false]')).toEqual({
      label: 'zerosiam[predictor=identity,alpha=0.5,stopGradient=false]',
      name: 'zerosiam',
      options: { predictor: 'identity', alpha: 0.5, stopGradient: false },
    });
    expect(parseMethodSpec('deyo+come')).toEqual({ label: 'deyo+come', name: 'deyo+come', options: {} });
    expect(() => parseMethodSpec('tent[lr]')).toThrow(/key=value/);
  });
});
