import { SeededRng } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { orderDomains, parseDomainName } from './domain-order';

describe('domain order', () => {
  it('parses corruption@severity and corrupted set names', () => {
    expect(parseDomainName('fog@5')).toEqual({ corruption: 'fog', severity: 5 });
    expect(parseDomainName('fashion-mnist/test@gaussian_noise-3')).toEqual({
      corruption: 'gaussian_noise',
      severity: 3,
    });
    expect(parseDomainName('clean')).toEqual({ corruption: 'clean', severity: undefined });
  });

  it('sorts into the canonical corruption order, unknown names last, then by severity', () => {
    const names = ['my-shift', 'jpeg_compression@5', 'fog@2', 'gaussian_noise@5', 'fog@1'];
    expect(orderDomains(names, 'canonical', new SeededRng(1)).map((d) => names[d])).toEqual([
      'gaussian_noise@5',
      'fog@1',
      'fog@2',
      'jpeg_compression@5',
      'my-shift',
    ]);
    expect(orderDomains(names, 'given', new SeededRng(1))).toEqual([0, 1, 2, 3, 4]);
    const random = orderDomains(names, 'random', new SeededRng(1));
    expect([...random].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(orderDomains(names, 'random', new SeededRng(1))).toEqual(random);
  });
});
