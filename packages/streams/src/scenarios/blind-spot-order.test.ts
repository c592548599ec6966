import { SeededRng } from '@zerosiam/core';
import { describe, expect, it } from 'vitest';
import { blindSpotOrder } from './blind-spot-order';

describe('blindSpotOrder', () => {
  it('samples targetLength distinct wrong indices when there are enough', () => {
    const wrong = Array.from({ length: 50 }, (_, i) => 2 * i);
    const order = blindSpotOrder(wrong, 20, new SeededRng(2025));
    expect(order).toHaveLength(20);
    expect(new Set(order).size).toBe(20);
    for (const index of order) expect(wrong).toContain(index);
  });

  it('repeats the sorted list then fills the remainder randomly when there are too few', () => {
    const order = blindSpotOrder([9, 3, 5], 11, new SeededRng(2025));
    expect(Array.from(order.subarray(0, 9))).toEqual([3, 5, 9, 3, 5, 9, 3, 5, 9]);
    const fill = Array.from(order.subarray(9));
    expect(fill).toHaveLength(2);
    expect(new Set(fill).size).toBe(2);
    for (const index of fill) expect([3, 5, 9]).toContain(index);
  });

  it('is deterministic for the align seed and rejects empty lists', () => {
    expect(blindSpotOrder([1, 2, 3, 4], 3, new SeededRng(1))).toEqual(
      blindSpotOrder([1, 2, 3, 4], 3, new SeededRng(1)),
    );
    expect(() => blindSpotOrder([], 3, new SeededRng(1))).toThrow(/no blind spot/);
    expect(() => blindSpotOrder([1], 0, new SeededRng(1))).toThrow(/positive/);
  });
});
