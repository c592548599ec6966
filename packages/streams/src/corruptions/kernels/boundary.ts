/**
 * Boundary modes of the libraries the upstream corruption scripts call. Each maps an index that may
 * lie outside [0, n) onto a valid one.
 *
 * | mode         | library                                   | pattern for `a b c d`      |
 * |--------------|-------------------------------------------|----------------------------|
 * | `reflect101` | OpenCV BORDER_REFLECT_101 (filter2D, warpAffine, blur) | `c b | a b c d | c b` |
 * | `reflect`    | scipy "reflect" (half-sample symmetric)   | `b a | a b c d | d c`      |
 * | `nearest`    | scipy/skimage "nearest" (edge replication) | `a a | a b c d | d d`      |
 */
export type BoundaryMode = 'reflect101' | 'reflect' | 'nearest';

export function boundaryIndex(index: number, size: number, mode: BoundaryMode): number {
  if (index >= 0 && index < size) return index;
  if (size === 1) return 0;
  switch (mode) {
    case 'nearest':
      return index < 0 ? 0 : size - 1;
    case 'reflect': {
      const period = 2 * size;
      const m = ((index % period) + period) % period;
      return m < size ? m : period - 1 - m;
    }
    case 'reflect101': {
      const period = 2 * size - 2;
      const m = ((index % period) + period) % period;
      return m < size ? m : period - m;
    }
  }
}
