import { describe, expect, it } from 'vitest';
import { presets } from '../../configs/index';
import { resolveConfig } from '../config/resolve-config';
import { resolveLearningRate } from './learning-rate';

const at = (scenario: string, batchSize: number, extra: { key: string; value: string }[] = []) =>
  resolveConfig('quick', presets.quick!, [
    { key: 'scenario.name', value: scenario },
    { key: 'scenario.batchSize', value: String(batchSize) },
    ...extra,
  ]);

describe('resolveLearningRate (methods.md §1.5 rule, base 1e-3)', () => {
  it('batch_size>1: the base rate at bs ≥ 32', () => {
    expect(resolveLearningRate(at('label-shift', 64), 'tent')).toBe(1e-3);
    expect(resolveLearningRate(at('label-shift', 64), 'zerosiam')).toBe(1e-3);
  });

  it('batch_size=1: (B/64)·bs·2, doubled again for SAR/DeYO/COME/ZeroSiam but not in blind-spot', () => {
    expect(resolveLearningRate(at('reset-each-shift', 1), 'tent')).toBeCloseTo(3.125e-5, 12);
    expect(resolveLearningRate(at('reset-each-shift', 1), 'eata')).toBeCloseTo(3.125e-5, 12);
    expect(resolveLearningRate(at('reset-each-shift', 1), 'zerosiam')).toBeCloseTo(6.25e-5, 12);
    expect(resolveLearningRate(at('label-shift', 1), 'deyo+come')).toBeCloseTo(6.25e-5, 12);
    expect(resolveLearningRate(at('blind-spot', 64), 'zerosiam')).toBeCloseTo(3.125e-5, 12);
  });

  it('method.learningRate overrides the rule', () => {
    expect(
      resolveLearningRate(
        at('reset-each-shift', 1, [{ key: 'method.learningRate', value: '0.5' }]),
        'zerosiam',
      ),
    ).toBe(0.5);
  });
});
