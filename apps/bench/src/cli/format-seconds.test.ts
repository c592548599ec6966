import { describe, expect, it } from 'vitest';
import { formatSeconds } from './format-seconds';

describe('formatSeconds', () => {
  it('rounds before splitting, so no field reads 60', () => {
    expect(formatSeconds(179.6)).toBe('3m00s');
    expect(formatSeconds(59.6)).toBe('1m00s');
    expect(formatSeconds(3599.7)).toBe('1h00m');
  });

  it('writes seconds, minutes and seconds, or hours and minutes', () => {
    expect(formatSeconds(0)).toBe('0s');
    expect(formatSeconds(42.2)).toBe('42s');
    expect(formatSeconds(125)).toBe('2m05s');
    expect(formatSeconds(7620)).toBe('2h07m');
  });

  it('says ? for a duration it cannot know', () => {
    expect(formatSeconds(Number.NaN)).toBe('?');
    expect(formatSeconds(Number.POSITIVE_INFINITY)).toBe('?');
    expect(formatSeconds(-1)).toBe('?');
  });
});
